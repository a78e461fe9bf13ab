// Step 1 of SigV4: the canonical request.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { percentDecode, uriEncode } from "./uri-encode.js";

export interface RequestToSign {
  method: string;
  /** The path exactly as it appeared on the request line, without the query. */
  rawPath: string;
  /** The query string exactly as received, without the leading "?". */
  rawQuery: string;
  /** Header name (lower case) → values in the order received. */
  headers: ReadonlyMap<string, readonly string[]>;
  signedHeaders: readonly string[];
  payloadHash: string;
  service: string;
  /** Query parameters to leave out (X-Amz-Signature of a presigned URL). */
  omitQuery?: string;
}

export function canonicalRequest(request: RequestToSign): string {
  return [
    request.method,
    canonicalUri(request.rawPath, request.service),
    canonicalQuery(request.rawQuery, request.omitQuery),
    canonicalHeaders(request.headers, request.signedHeaders),
    request.signedHeaders.join(";"),
    request.payloadHash,
  ].join("\n");
}

/**
 * S3 paths are signed as received, never normalised or re-encoded: a key may legitimately hold
 * "//", "./" or "../". Every other service signs the normalised path, each segment encoded again
 * (the SDKs double-encode), so "/a%20b" is signed as "/a%2520b".
 */
export function canonicalUri(rawPath: string, service: string): string {
  if (service === "s3") return rawPath === "" ? "/" : rawPath;
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = rawPath.endsWith("/") && segments.length > 0 ? "/" : "";
  return `/${segments.map((segment) => uriEncode(segment)).join("/")}${trailing}`;
}

/**
 * Parameters sorted by encoded name, then value. Encoded text is ASCII above U+0000, so each
 * pair is sorted as one string "name\0value", which orders exactly as name-then-value does.
 */
export function canonicalQuery(rawQuery: string, omit?: string): string {
  if (rawQuery === "") return "";
  const pairs: string[] = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const at = part.indexOf("=");
    const rawName = at < 0 ? part : part.slice(0, at);
    const name = percentDecode(rawName);
    if (name === omit) continue;
    const rawValue = at < 0 ? "" : part.slice(at + 1);
    pairs.push(`${canonicalComponent(rawName, name)}\0${canonicalComponent(rawValue)}`);
  }
  pairs.sort();
  return pairs.join("&").replaceAll("\0", "=");
}

/**
 * A query component decoded and encoded again. Most arrive canonical already (the SDKs send them
 * so): those are kept as they are, which decoding and encoding would give back unchanged.
 */
function canonicalComponent(raw: string, decoded?: string): string {
  return isCanonical(raw) ? raw : uriEncode(decoded ?? percentDecode(raw));
}

const isHexUpper = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 70);
const isUnreserved = (code: number) =>
  (code >= 65 && code <= 90) ||
  (code >= 97 && code <= 122) ||
  (code >= 48 && code <= 57) ||
  code === 45 ||
  code === 46 ||
  code === 95 ||
  code === 126;

/**
 * True when the text is already in canonical form: unreserved characters, and upper-case %XX
 * escapes of ASCII bytes that are not unreserved. Anything else (an escape of an unreserved
 * character, lower-case hex, a byte above 0x7F, which must form UTF-8 to decode) goes the long
 * way.
 */
function isCanonical(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (isUnreserved(code)) continue;
    if (code !== 37 || at + 2 >= text.length) return false;
    const high = text.charCodeAt(at + 1);
    const low = text.charCodeAt(at + 2);
    // High digit 0-7: an ASCII byte.
    if (high < 48 || high > 55 || !isHexUpper(low)) return false;
    const byte = (high - 48) * 16 + (low <= 57 ? low - 48 : low - 55);
    if (isUnreserved(byte)) return false;
    at += 2;
  }
  return true;
}

/** Lower-case names, values trimmed with inner runs of spaces folded, repeats joined by ",". */
export function canonicalHeaders(
  headers: ReadonlyMap<string, readonly string[]>,
  signed: readonly string[],
): string {
  let out = "";
  for (const name of signed) {
    const values = headers.get(name) ?? [];
    out += `${name}:${values.map((v) => v.trim().replace(/\s+/g, " ")).join(",")}\n`;
  }
  return out;
}
