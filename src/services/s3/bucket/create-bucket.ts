// CreateBucket: PUT /bucket, with an optional CreateBucketConfiguration body
// (Amazon S3 API Reference, CreateBucket).
import type { S3Call, S3Handler } from "../call.js";
import { sendEmpty } from "../reply.js";
import { bucketRegion, parseLocationConstraint } from "./location.js";
import { assertBucketName } from "./name-rules.js";

/** s3:LocationConstraint is the request's condition key, so the body is read before policy. */
async function prepare(call: S3Call): Promise<Record<string, string>> {
  const constraint = parseLocationConstraint(await call.smallBody());
  return constraint === undefined ? {} : { "s3:LocationConstraint": constraint };
}

async function createBucket(call: S3Call): Promise<void> {
  const { ctx } = call;
  const name = call.address.bucket ?? "";
  assertBucketName(name);
  const region = bucketRegion(parseLocationConstraint(await call.smallBody()), ctx.auth.region);

  // TODO(s3-us-east-1-recreate): S3 answers 200 to an owner re-creating a bucket in us-east-1
  // ("for legacy compatibility", CreateBucket); keyless answers BucketAlreadyOwnedByYou in every
  // region until the lead decides which to keep.
  await ctx.model.buckets.create(ctx.auth.caller.account, name, region);
  sendEmpty(ctx.res, 200, { Location: `/${name}` });
}

export const CreateBucket: S3Handler = { prepare, run: createBucket };
