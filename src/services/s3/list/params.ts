// The query parameters both listings share, checked as S3 checks them
// (Amazon S3 API Reference, ListObjects and ListObjectsV2).
import { AwsError } from "../../../errors/aws-error.js";
import { MAX_KEYS } from "../constants.js";

export interface ListParams {
  prefix: string;
  delimiter: string;
  /** As requested, echoed in MaxKeys. */
  maxKeys: number;
  /** What a page holds at most: S3 returns no more than 1,000 whatever max-keys asks. */
  pageSize: number;
  encodeUrl: boolean;
}

function invalidArgument(message: string, name: string, value: string): AwsError {
  return new AwsError("InvalidArgument", message, {
    fields: { ArgumentName: name, ArgumentValue: value },
  });
}

export function listParams(query: URLSearchParams): ListParams {
  const maxKeys = parseMaxKeys(query.get("max-keys"));
  const encoding = query.get("encoding-type");
  if (encoding !== null && encoding.toLowerCase() !== "url") {
    throw invalidArgument(
      "Invalid Encoding Method specified in Request",
      "encoding-type",
      encoding,
    );
  }
  return {
    prefix: query.get("prefix") ?? "",
    delimiter: query.get("delimiter") ?? "",
    maxKeys,
    pageSize: Math.min(maxKeys, MAX_KEYS),
    encodeUrl: encoding !== null,
  };
}

function parseMaxKeys(text: string | null): number {
  if (text === null) return MAX_KEYS;
  const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value <= 2 ** 31 - 1)) {
    throw invalidArgument(
      "Provided max-keys not an integer or within integer range",
      "max-keys",
      text,
    );
  }
  return value;
}

/**
 * A continuation token is opaque to clients; keyless makes it the base64 of the key (or common
 * prefix) the page ended on, so that a token stays valid however the bucket changes.
 */
export const encodeToken = (last: string): string => Buffer.from(last, "utf8").toString("base64");

export function decodeToken(token: string): string {
  const bytes = Buffer.from(token, "base64");
  const last = bytes.toString("utf8");
  if (token === "" || bytes.toString("base64") !== token || encodeToken(last) !== token) {
    throw invalidArgument(
      "The continuation token provided is incorrect",
      "continuation-token",
      token,
    );
  }
  return last;
}
