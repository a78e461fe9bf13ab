// Reading an object's record once GetObject or HeadObject is allowed. Whether a missing key is
// told as missing depends on the caller: "If you have the s3:ListBucket permission on the
// bucket, Amazon S3 returns an HTTP status code 404 Not Found error. If you don't have the
// s3:ListBucket permission, Amazon S3 returns an HTTP status code 403 Access Denied error"
// (Amazon S3 API Reference, GetObject and HeadObject).
import { bucketArn } from "../../../catalog/s3.js";
import { AwsError } from "../../../errors/aws-error.js";
import type { BucketRecord, ObjectRecord } from "../../../model/types.js";
import type { RequestContext } from "../../../server/context.js";

export async function findObjectOrDeny(
  ctx: RequestContext,
  bucket: BucketRecord,
  key: string,
  read: () => Promise<ObjectRecord | undefined> = () => ctx.model.objects.find(bucket.name, key),
): Promise<ObjectRecord> {
  const record = await read();
  if (record) return record;

  const mayList = await ctx.decide({
    action: "s3:ListBucket",
    resource: bucketArn(bucket.name),
    resourceAccount: bucket.account,
  });
  if (mayList.decision === "allowed") {
    throw new AwsError("NoSuchKey", undefined, { fields: { Key: key } });
  }
  throw new AwsError("AccessDenied");
}
