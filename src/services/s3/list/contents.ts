// The Contents element of both listings (Amazon S3 API Reference, "Object" data type), in the
// order S3 writes its children.
import type { ObjectRecord } from "../../../model/types.js";
import { checksumTypeOf } from "../checksum/algorithms.js";
import { STORAGE_CLASS } from "../constants.js";
import { ownerOf } from "../owner.js";
import { isoDate } from "../reply.js";

export function contentsEntry(
  record: ObjectRecord,
  encode: (text: string) => string,
  withOwner: { account: string } | undefined,
): Record<string, unknown> {
  const [algorithm, value] = Object.entries(record.checksums)[0] ?? [];
  return {
    Key: encode(record.key),
    LastModified: isoDate(record.lastModified),
    ETag: record.etag,
    ...(algorithm === undefined || value === undefined
      ? {}
      : { ChecksumAlgorithm: algorithm, ChecksumType: checksumTypeOf(value) }),
    Size: record.size,
    ...(withOwner === undefined ? {} : { Owner: ownerOf(withOwner.account) }),
    StorageClass: STORAGE_CLASS,
  };
}

export const commonPrefixEntries = (prefixes: string[], encode: (text: string) => string) =>
  prefixes.map((prefix) => ({ Prefix: encode(prefix) }));
