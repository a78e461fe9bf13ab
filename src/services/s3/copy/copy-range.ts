// x-amz-copy-source-range: the bytes of the source UploadPartCopy copies, "bytes=first-last",
// both zero-based and inclusive, within the source (Amazon S3 API Reference, UploadPartCopy).
import { AwsError } from "../../../errors/aws-error.js";
import type { ByteRange } from "../../../store/blob-store.js";

const RANGE = /^bytes=(\d+)-(\d+)$/;

export function copySourceRange(text: string | undefined, size: number): ByteRange | undefined {
  if (text === undefined) return undefined;
  const match = RANGE.exec(text.trim());
  if (!match) {
    throw new AwsError(
      "InvalidArgument",
      "The x-amz-copy-source-range value must be of the form bytes=first-last where first and " +
        "last are the zero-based offsets of the first and last bytes to copy",
      { fields: { ArgumentName: "x-amz-copy-source-range", ArgumentValue: text } },
    );
  }
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start > end || end >= size) {
    throw new AwsError(
      "InvalidArgument",
      `Range specified is not valid for source object of size: ${size}`,
      { fields: { ArgumentName: "x-amz-copy-source-range", ArgumentValue: text } },
    );
  }
  return { start, end };
}
