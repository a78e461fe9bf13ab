// DeleteObject: DELETE /bucket/key answers 204 whether or not the key existed
// (Amazon S3 API Reference, DeleteObject).
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { sendEmpty } from "../reply.js";

async function deleteObject(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  await call.ctx.model.objects.delete(bucket.name, requireKey(call));
  sendEmpty(call.ctx.res, 204);
}

export const DeleteObject: S3Handler = { run: deleteObject };
