// A write that sets tags also needs s3:PutObjectTagging: "To successfully change the objects
// tag set with your PutObject request, you must have the s3:PutObjectTagging" permission
// (Amazon S3 API Reference, PutObject, "Permissions"); CreateMultipartUpload and CopyObject
// carry tags the same way.
import { objectArn } from "../../../catalog/s3.js";
import type { BucketRecord } from "../../../model/types.js";
import type { S3Call } from "../call.js";
import { requestTagContext } from "./tag-context.js";

export async function authorizeTagging(
  call: S3Call,
  bucket: BucketRecord,
  key: string,
  tags: Record<string, string> | undefined,
): Promise<void> {
  if (tags === undefined) return;
  await call.ctx.authorize({
    action: "s3:PutObjectTagging",
    resource: objectArn(bucket.name, key),
    resourceAccount: bucket.account,
    context: requestTagContext(Object.entries(tags)),
  });
}
