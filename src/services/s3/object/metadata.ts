// User-defined metadata: every x-amz-meta-* header of a PutObject, kept by its name after the
// prefix in lower case, as S3 returns it. "The user-defined metadata is limited to 2 KB in size",
// measured as "the sum of the number of bytes in the UTF-8 encoding of each key and value"
// (Amazon S3 User Guide, "Working with object metadata").
import type { IncomingHttpHeaders } from "node:http";
import { AwsError } from "../../../errors/aws-error.js";
import { MAX_USER_METADATA_BYTES, USER_METADATA_PREFIX } from "../constants.js";

export function userMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  let size = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(USER_METADATA_PREFIX) || value === undefined) continue;
    const key = name.slice(USER_METADATA_PREFIX.length);
    const text = Array.isArray(value) ? value.join(",") : value;
    metadata[key] = text;
    size += Buffer.byteLength(key) + Buffer.byteLength(text);
  }
  if (size > MAX_USER_METADATA_BYTES) {
    throw new AwsError("MetadataTooLarge", undefined, {
      fields: { Size: String(size), MaxSizeAllowed: String(MAX_USER_METADATA_BYTES) },
    });
  }
  return metadata;
}

/** The metadata as response headers: x-amz-meta-<name>. */
export function metadataHeaders(metadata: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    headers[`${USER_METADATA_PREFIX}${key}`] = value;
  }
  return headers;
}
