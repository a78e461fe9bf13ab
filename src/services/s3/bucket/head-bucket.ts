// HeadBucket: whether the bucket exists and the caller may list it, with its region in
// x-amz-bucket-region (Amazon S3 API Reference, HeadBucket). Errors go without a body, as on
// any HEAD.
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { sendEmpty } from "../reply.js";

async function headBucket(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  sendEmpty(call.ctx.res, 200, {
    "x-amz-bucket-region": bucket.region,
    "x-amz-access-point-alias": "false",
  });
}

export const HeadBucket: S3Handler = { run: headBucket };
