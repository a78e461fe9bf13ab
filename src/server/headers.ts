import type { IncomingMessage } from "node:http";

/** Header name (lower case) → every value in the order received; node's merging undone. */
export function headerMap(req: IncomingMessage): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const raw = req.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) {
    const name = (raw[index] as string).toLowerCase();
    const value = raw[index + 1] as string;
    const values = headers.get(name);
    if (values) values.push(value);
    else headers.set(name, [value]);
  }
  return headers;
}

/** Splits a request target into the path and query exactly as sent. */
export function splitTarget(url: string): { rawPath: string; rawQuery: string } {
  const at = url.indexOf("?");
  return at < 0
    ? { rawPath: url, rawQuery: "" }
    : { rawPath: url.slice(0, at), rawQuery: url.slice(at + 1) };
}
