// CreateBucket: PUT /bucket, with an optional CreateBucketConfiguration body
// (Amazon S3 API Reference, CreateBucket).
import { AwsError } from "../../../errors/aws-error.js";
import { refuseBucketAcl } from "../acl-headers.js";
import type { S3Call, S3Handler } from "../call.js";
import { sendEmpty } from "../reply.js";
import { bucketRegion, parseLocationConstraint } from "./location.js";
import { assertBucketName } from "./name-rules.js";

const US_EAST_1 = "us-east-1";

/** s3:LocationConstraint is the request's condition key, so the body is read before policy. */
async function prepare(call: S3Call): Promise<Record<string, string>> {
  const constraint = parseLocationConstraint(await call.smallBody());
  return constraint === undefined ? {} : { "s3:LocationConstraint": constraint };
}

async function createBucket(call: S3Call): Promise<void> {
  const { ctx } = call;
  const name = call.address.bucket ?? "";
  assertBucketName(name);
  const region = bucketRegion(
    parseLocationConstraint(await call.smallBody()),
    ctx.auth.region,
    ctx.config.region,
  );

  const account = ctx.auth.caller.account;
  refuseBucketAcl(call, account);
  refuseObjectLock(call);
  const existing = await ctx.model.buckets.find(name);
  // "For legacy compatibility, if you re-create an existing bucket that you already own in the
  // North Virginia Region, Amazon S3 returns 200 OK" (Amazon S3 API Reference, Error responses,
  // BucketAlreadyOwnedByYou): a bucket made in us-east-1, asked again of us-east-1 for
  // us-east-1, is left as it is (scality/cloudserver#475 lists the cases). Elsewhere the owner
  // gets BucketAlreadyOwnedByYou, and anyone else BucketAlreadyExists.
  const legacy = existing?.account === account && existing.region === US_EAST_1;
  if (legacy && region === US_EAST_1 && ctx.auth.region === US_EAST_1) {
    sendEmpty(ctx.res, 200, { Location: `/${name}` });
    return;
  }
  await ctx.model.buckets.create(account, name, region);
  sendEmpty(ctx.res, 200, { Location: `/${name}` });
}

/** keyless has no Object Lock: a bucket that asks for it is refused, not made without it. */
function refuseObjectLock(call: S3Call): void {
  if (call.header("x-amz-bucket-object-lock-enabled")?.toLowerCase() === "true") {
    throw new AwsError(
      "NotImplemented",
      "keyless has no Object Lock: create the bucket without x-amz-bucket-object-lock-enabled.",
      { fields: { Header: "x-amz-bucket-object-lock-enabled" } },
    );
  }
}

export const CreateBucket: S3Handler = { prepare, run: createBucket };
