// Every S3 authorization is against a bucket's owner and its bucket policy. A request context
// passed through here fills both in for each resource it authorizes, so that no handler (nor a
// second resource such as a copy source) can ask without them. S3 weighs the bucket owner's
// policy beside the caller's own, and across accounts both must allow (Amazon S3 User Guide,
// "How Amazon S3 authorizes a request for a bucket operation" and "... for an object
// operation").
import type { BucketRecord } from "../../../model/types.js";
import type { AuthorizeInput, RequestContext } from "../../../server/context.js";
import { bucketPolicy } from "./bucket-policies.js";

const S3_ARN_PREFIX = "arn:aws:s3:::";

/**
 * "The root principal in a bucket owner's AWS account can perform the GetBucketPolicy,
 * PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly
 * denies the root principal's access" (Amazon S3 API Reference, PutBucketPolicy), so that an
 * owner cannot lock itself out.
 */
const OWNER_ROOT_ALWAYS = new Set([
  "s3:getbucketpolicy",
  "s3:putbucketpolicy",
  "s3:deletebucketpolicy",
]);

/** A context whose authorize and decide see the bucket of each resource they are asked about. */
export function withBucketAccess(ctx: RequestContext, known?: BucketRecord): RequestContext {
  const buckets = new Map<string, Promise<BucketRecord | undefined>>();
  if (known !== undefined) buckets.set(known.name, Promise.resolve(known));
  const bucketNamed = (name: string) => {
    let found = buckets.get(name);
    if (found === undefined) {
      found = ctx.model.buckets.find(name);
      buckets.set(name, found);
    }
    return found;
  };

  async function complete(input: AuthorizeInput): Promise<AuthorizeInput> {
    const name = bucketOf(input.resource);
    const bucket = name === undefined ? undefined : await bucketNamed(name);
    if (bucket === undefined) return input;
    const resourcePolicy = input.resourcePolicy ?? policyFor(ctx, bucket, input.action);
    return {
      ...input,
      resourceAccount: input.resourceAccount ?? bucket.account,
      ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
      context: {
        "aws:ResourceAccount": bucket.account,
        "s3:ResourceAccount": bucket.account,
        ...input.context,
      },
    };
  }

  return {
    ...ctx,
    authorize: async function authorizeOnBucket(input) {
      return ctx.authorize(await complete(input));
    },
    decide: async function decideOnBucket(input) {
      return ctx.decide(await complete(input));
    },
  };
}

/** The bucket an S3 ARN names: arn:aws:s3:::bucket or arn:aws:s3:::bucket/key. */
function bucketOf(resource: string): string | undefined {
  if (!resource.startsWith(S3_ARN_PREFIX)) return undefined;
  const path = resource.slice(S3_ARN_PREFIX.length);
  const slash = path.indexOf("/");
  return slash === -1 ? path : path.slice(0, slash);
}

function policyFor(ctx: RequestContext, bucket: BucketRecord, action: string) {
  const compiled = bucketPolicy(bucket);
  if (compiled === undefined) return undefined;
  const { caller } = ctx.auth;
  const inOwnerAccount = caller.type !== "Anonymous" && caller.account === bucket.account;
  if (inOwnerAccount && caller.type === "Root" && OWNER_ROOT_ALWAYS.has(action.toLowerCase())) {
    return undefined;
  }
  // RestrictPublicBuckets: with a public policy, "Amazon S3 blocks public and cross-account
  // access derived from any public access point or bucket policy, including non-public
  // delegation to specific accounts" (User Guide, "Block public access settings"). Only the
  // policy's Deny statements still speak to such a caller.
  const restricted = bucket.publicAccessBlock?.RestrictPublicBuckets === true && compiled.isPublic;
  return restricted && !inOwnerAccount ? compiled.denies : compiled.policy;
}
