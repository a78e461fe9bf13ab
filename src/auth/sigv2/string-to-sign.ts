// Step 1 of Signature Version 2: the StringToSign.
//   VERB \n Content-MD5 \n Content-Type \n Date (or Expires) \n
//   CanonicalizedAmzHeaders CanonicalizedResource
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html
import { percentDecode } from "../../sigv4/uri-encode.js";
import { SUBRESOURCES } from "./constants.js";
import type { SigV2Claim } from "./parse.js";

export interface V2Request {
  method: string;
  /** The path exactly as it appeared on the request line, without the query. */
  rawPath: string;
  /** The query string exactly as received, without the leading "?". */
  rawQuery: string;
  headers: ReadonlyMap<string, readonly string[]>;
  /** The bucket the Host header names (virtual-hosted style), if any. */
  hostBucket: string | undefined;
}

/**
 * The StringToSign of a request. With an x-amz-date header the documentation gives two forms:
 * its rules leave the Date line empty and sign x-amz-date among the amz headers ("Time stamp
 * requirement"), while its DELETE example moves the x-amz-date value to the Date line and signs
 * no x-amz-date header. The first is the form; `dateLineFromAmzDate` asks for the second.
 */
export function stringToSignV2(
  request: V2Request,
  claim: SigV2Claim,
  dateLineFromAmzDate = false,
): string {
  const query = queryPairs(request.rawQuery);
  const amz = v2AmzHeaders(request, claim.location);
  const standard = (name: string): string =>
    request.headers.get(name)?.[0]?.trim() ??
    (claim.location === "query" ? query.find(([key]) => key.toLowerCase() === name)?.[1] : "") ??
    "";
  const amzDate = amz.get("x-amz-date")?.[0]?.trim();
  if (dateLineFromAmzDate) amz.delete("x-amz-date");
  const date =
    claim.location === "query"
      ? (claim.expires ?? "")
      : amzDate === undefined
        ? standard("date")
        : dateLineFromAmzDate
          ? amzDate
          : "";

  return [
    request.method,
    standard("content-md5"),
    standard("content-type"),
    date,
    `${canonicalAmzHeaders(amz)}${canonicalResource(request, query)}`,
  ].join("\n");
}

/** Both documented forms when x-amz-date is sent on a header-signed request, else the one. */
export function stringsToSignV2(request: V2Request, claim: SigV2Claim): string[] {
  const form = stringToSignV2(request, claim);
  const dated = claim.location === "header" && request.headers.has("x-amz-date");
  return dated ? [form, stringToSignV2(request, claim, true)] : [form];
}

/**
 * The x-amz-* headers by lower-case name. A presigned (query) request carries them as query
 * parameters, where botocore's HmacV1QueryAuth moves them after signing them as headers
 * (x-amz-security-token above all).
 */
export function v2AmzHeaders(
  request: V2Request,
  location: SigV2Claim["location"],
): Map<string, string[]> {
  const { headers } = request;
  const query = location === "query" ? queryPairs(request.rawQuery) : [];
  const amz = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const values = amz.get(name);
    if (values) values.push(value);
    else amz.set(name, [value]);
  };
  for (const [name, values] of headers) {
    if (name.startsWith("x-amz-")) for (const value of values) add(name, value);
  }
  for (const [name, value] of query) {
    const lower = name.toLowerCase();
    if (lower.startsWith("x-amz-")) add(lower, value ?? "");
  }
  return amz;
}

/** `name:value\n` for each, sorted by name; folded whitespace becomes one space. */
function canonicalAmzHeaders(amz: ReadonlyMap<string, readonly string[]>): string {
  return [...amz.keys()]
    .sort()
    .map((name) => {
      const values = (amz.get(name) ?? []).map((v) => v.replace(/\s*\r?\n\s*/g, " ").trim());
      return `${name}:${values.join(",")}\n`;
    })
    .join("");
}

/**
 * "/bucket" when the Host header names it, then the path as sent (never decoded or
 * normalised), then the sub-resources, sorted by name, with their values decoded. A request
 * for a bucket alone is signed as "/bucket/", as botocore signs it.
 */
function canonicalResource(request: V2Request, query: readonly QueryPair[]): string {
  const path = request.rawPath === "" ? "/" : request.rawPath;
  let resource = request.hostBucket === undefined ? path : `/${request.hostBucket}${path}`;
  if (/^\/[^/]+$/.test(resource)) resource += "/";

  const subresources = query
    .filter(([name]) => SUBRESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === undefined ? name : `${name}=${value}`));
  return subresources.length === 0 ? resource : `${resource}?${subresources.join("&")}`;
}

/** A query parameter, percent-decoded once ("+" stays a plus sign); no value without "=". */
type QueryPair = readonly [name: string, value: string | undefined];

function queryPairs(rawQuery: string): QueryPair[] {
  return rawQuery
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const at = part.indexOf("=");
      return at < 0
        ? [percentDecode(part), undefined]
        : [percentDecode(part.slice(0, at)), percentDecode(part.slice(at + 1))];
    });
}
