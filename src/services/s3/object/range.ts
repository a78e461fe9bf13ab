// The Range header of GetObject and HeadObject. S3 serves one byte range per request (RFC 9110,
// section 14.1.2 forms "a-b", "a-" and "-n"); a header it cannot use is ignored and the whole
// object is sent, while a well-formed range that starts past the end is 416 InvalidRange
// (Amazon S3 API Reference, GetObject, Range). ?partNumber=N is "effectively a ranged GET" of
// the Nth part of a multipart object; an object written whole has the one part, all of it.
import { AwsError } from "../../../errors/aws-error.js";
import type { ObjectRecord } from "../../../model/types.js";
import type { ByteRange } from "../../../store/blob-store.js";

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;

  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw unsatisfiable(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) return undefined;
  if (start >= size) throw unsatisfiable(header, size);
  return { start, end: Math.min(end, size - 1) };
}

function unsatisfiable(header: string, size: number): AwsError {
  return new AwsError("InvalidRange", undefined, {
    fields: { RangeRequested: header.trim(), ActualObjectSize: String(size) },
  });
}

/**
 * The bytes of part partNumber, counted from 1 in the order the upload was completed with, or
 * undefined for an empty one (nothing to range over). Past the last part is 416.
 */
export function partRange(record: ObjectRecord, partNumber: number): ByteRange | undefined {
  const sizes = record.partSizes ?? [record.size];
  if (partNumber > sizes.length) throw new AwsError("InvalidPartNumber");
  let start = 0;
  for (const size of sizes.slice(0, partNumber - 1)) start += size;
  const size = sizes[partNumber - 1] as number;
  return size === 0 ? undefined : { start, end: start + size - 1 };
}
