// DeleteBucket: DELETE /bucket, only when the bucket holds no object (BucketNotEmpty otherwise);
// 204 No Content on success (Amazon S3 API Reference, DeleteBucket).
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { sendEmpty } from "../reply.js";

async function deleteBucket(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  await call.ctx.model.buckets.delete(bucket.name);
  sendEmpty(call.ctx.res, 204);
}

export const DeleteBucket: S3Handler = { run: deleteBucket };
