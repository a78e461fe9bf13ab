// PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy (PUT, GET, DELETE /bucket?policy) and
// GetBucketPolicyStatus (GET /bucket?policyStatus), from the Amazon S3 API Reference. A policy is
// the bucket owner's to manage: a caller from another account who is allowed the action still
// gets "405 Method Not Allowed", as the API reference says of all three.
//
// A user or role the policy names is kept as its unique ID (policy-principals.ts): "If an IAM
// identity is deleted after you update your bucket policy, the bucket policy will show a unique
// identifier in the principal element instead of an ARN" (Amazon S3 User Guide, on the
// principals of a bucket policy).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-bucket-user-policy-specifying-principal-intro.html
import { bucketArn } from "../../../catalog/s3.js";
import { AwsError } from "../../../errors/aws-error.js";
import type { BucketRecord } from "../../../model/types.js";
import { showGonePrincipals } from "../../../policy/index.js";
import { bucketPolicy } from "../access/bucket-policies.js";
import { isPublicPolicy } from "../access/public-policy.js";
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { sendEmpty, sendXml } from "../reply.js";
import { validateBucketPolicy } from "./policy-document.js";
import { principalIds } from "./policy-principals.js";

async function putBucketPolicy(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = ownedBucket(call);
  // A body the XML operations would call MalformedXML (not UTF-8, or past 1 MiB) is no policy.
  const text = await call.smallBody().catch((error: unknown) => {
    throw error instanceof AwsError && error.code === "MalformedXML"
      ? new AwsError("MalformedPolicy")
      : error;
  });
  const policy = await validateBucketPolicy(text, bucket.name);
  const ids = await principalIds(policy, ctx.model, ctx.config.accounts);

  const isPublic = isPublicPolicy(policy);
  await ctx.model.bucketSettings.putPolicy(bucket.name, text, ids, (current) => {
    if (isPublic && current.publicAccessBlock?.BlockPublicPolicy === true) {
      throw publicPolicyBlocked(call, current);
    }
  });
  sendEmpty(ctx.res, 204);
}

async function getBucketPolicy(call: S3Call): Promise<void> {
  const bucket = ownedBucket(call);
  const gone = await call.ctx.model.policyPrincipals.gone(bucket.policyPrincipalIds);
  const text = showGonePrincipals(requirePolicy(bucket), gone);
  const res = call.ctx.res;
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

async function deleteBucketPolicy(call: S3Call): Promise<void> {
  const bucket = ownedBucket(call);
  // Deleting a policy that is not there succeeds too.
  if (bucket.policy !== undefined) await call.ctx.model.bucketSettings.deletePolicy(bucket.name);
  sendEmpty(call.ctx.res, 204);
}

/** Whether the policy is public as Block Public Access defines it (API Reference, PolicyStatus). */
async function getBucketPolicyStatus(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  requirePolicy(bucket);
  const isPublic = bucketPolicy(bucket)?.isPublic === true;
  sendXml(call.ctx.res, "PolicyStatus", { IsPublic: isPublic });
}

/** The bucket, when the caller is of its owner's account; MethodNotAllowed otherwise. */
function ownedBucket(call: S3Call): BucketRecord {
  const bucket = requireBucket(call);
  const { caller } = call.ctx.auth;
  if (caller.type === "Anonymous" || caller.account !== bucket.account) {
    throw new AwsError("MethodNotAllowed");
  }
  return bucket;
}

function requirePolicy(bucket: BucketRecord): string {
  if (bucket.policy !== undefined) return bucket.policy;
  throw new AwsError("NoSuchBucketPolicy", undefined, { fields: { BucketName: bucket.name } });
}

/** BlockPublicPolicy refuses the policy as a denial of the caller, in S3's words. */
function publicPolicyBlocked(call: S3Call, bucket: BucketRecord): AwsError {
  const who = call.ctx.auth.caller.arn;
  return new AwsError(
    "AccessDenied",
    `User: ${who} is not authorized to perform: s3:PutBucketPolicy on resource: ` +
      `"${bucketArn(bucket.name)}" because public policies are blocked by the ` +
      "BlockPublicPolicy block public access setting.",
  );
}

export const PutBucketPolicy: S3Handler = { run: putBucketPolicy };
export const GetBucketPolicy: S3Handler = { run: getBucketPolicy };
export const DeleteBucketPolicy: S3Handler = { run: deleteBucketPolicy };
export const GetBucketPolicyStatus: S3Handler = { run: getBucketPolicyStatus };
