import { createHmac, randomBytes } from "node:crypto";
import { SCOPE_TERMINATOR } from "./constants.js";

// Step 3 of SigV4: the signing key, derived from the secret by four HMACs.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// It changes once a day per (secret, region, service), so keyless keeps the recent ones. The
// cache is keyed by an HMAC of the secret under a key that lives only in this process, so no
// secret is ever a Map key (where a heap snapshot or a debugger would show it in clear).

const CACHE_LIMIT = 1024;
const cache = new Map<string, Buffer>();
const CACHE_SALT = randomBytes(32);

const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac("sha256", key).update(data, "utf8").digest();

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${date}/${region}/${service}/${hmac(CACHE_SALT, secret).toString("base64")}`;
  let key = cache.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), SCOPE_TERMINATOR);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(id, key);
  }
  return key;
}

export function sign(key: Buffer, stringToSign: string): string {
  return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}
