// POST /_keyless/clock signed as keyless's own CLI signs it (service "keyless"), with whichever
// credentials a test chooses: the root's moves the clock, anyone else's is refused.
import { signRequest } from "../../src/sigv4/sign-request.js";
import type { Credentials } from "./clients.js";

export function postClock(endpoint: string, credentials: Credentials, body: string) {
  const url = new URL("/_keyless/clock", endpoint);
  const headers = signRequest({
    method: "POST",
    url,
    body,
    service: "keyless",
    region: "us-east-1",
    credentials,
  });
  return fetch(url, { method: "POST", body, headers });
}
