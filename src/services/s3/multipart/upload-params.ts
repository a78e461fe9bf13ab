// The query parameters that name an upload and a part: uploadId, and partNumber from 1 to
// 10,000 (Amazon S3 API Reference, UploadPart).
import { AwsError } from "../../../errors/aws-error.js";
import { noSuchUpload } from "../../../model/multipart-uploads.js";
import type { UploadRecord } from "../../../model/types.js";
import { requireBucket, requireKey, type S3Call } from "../call.js";
import { MAX_PART_NUMBER } from "../constants.js";

export function partNumberOf(query: URLSearchParams): number {
  const text = query.get("partNumber") ?? "";
  const value = /^\d{1,5}$/.test(text) ? Number(text) : 0;
  if (value < 1 || value > MAX_PART_NUMBER) {
    throw new AwsError(
      "InvalidArgument",
      `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
      { fields: { ArgumentName: "partNumber", ArgumentValue: text } },
    );
  }
  return value;
}

/** The upload the request names in the bucket and key it names; NoSuchUpload otherwise. */
export function uploadOf(call: S3Call): Promise<UploadRecord> {
  const uploadId = call.ctx.query.get("uploadId") ?? "";
  if (uploadId === "") return Promise.reject(noSuchUpload(uploadId));
  return call.ctx.model.uploads.get(requireBucket(call).name, requireKey(call), uploadId);
}
