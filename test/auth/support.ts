// What the authentication tests share: Debian's boto3 and AWS CLI run as processes against a
// test keyless, and a raw HTTP client that sends a URL to 127.0.0.1 with the URL's own Host
// header (so "bucket.s3.localhost:port" needs no DNS entry) exactly as written.
import { join } from "node:path";
import type { Credentials } from "../support/clients.js";
import { credentialEnv, REPO, run } from "../support/processes.js";
import { sendRaw } from "../support/sign.js";

const BOTO3 = join(REPO, "test/auth/fixtures/boto3_s3.py");

/** Runs test/auth/fixtures/boto3_s3.py with one JSON request; its JSON answer. */
export async function boto3(credentials: Credentials, request: Record<string, unknown>) {
  const finished = await run(
    "/usr/bin/python3",
    [BOTO3, JSON.stringify(request)],
    credentialEnv(credentials),
  );
  if (finished.code !== 0) throw new Error(`boto3 failed: ${finished.stderr}`);
  return JSON.parse(finished.stdout) as unknown;
}

/** Debian's AWS CLI v2, which needs --endpoint-url on every call. */
export function awsCli(endpoint: string, credentials: Credentials, args: string[]) {
  return run("/usr/bin/aws", ["--endpoint-url", endpoint, ...args], credentialEnv(credentials));
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a request for `url` to 127.0.0.1 on the URL's port, with the URL's Host header. */
export function sendUrl(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  const parsed = new URL(url);
  return sendRaw(`http://127.0.0.1:${parsed.port}`, {
    method: init.method ?? "GET",
    target: url.slice(url.indexOf("/", parsed.protocol.length + 2)),
    headers: { host: parsed.host, ...(init.headers ?? {}) },
    body: init.body ?? "",
  });
}

/** The <Code> of an AWS XML error body, and any other element of it. */
export { errorCode } from "../support/sign.js";

export const element = (body: string, name: string): string | undefined =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];

/** Changes one character of a URL's query parameter value (a digit to another digit). */
export function changeParam(url: string, name: string, at = 3): string {
  const parsed = new URL(url);
  const value = parsed.searchParams.get(name);
  if (value === null) throw new Error(`${name} is not in ${url}`);
  const char = value[at] as string;
  const other = /\d/.test(char) ? String((Number(char) + 1) % 10) : char === "A" ? "B" : "A";
  const changed = value.slice(0, at) + other + value.slice(at + 1);
  return url.replace(
    `${name}=${encodeURIComponent(value)}`,
    `${name}=${encodeURIComponent(changed)}`,
  );
}
