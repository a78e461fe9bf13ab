// The S3 REST-XML service. Every request goes the same way: find the bucket and key it names,
// decide which operation it is, authorize that operation's IAM action on its resource (against
// the bucket owner's account), and only then act. Nothing about a bucket or an object is told
// to a caller that may not see it.
import { S3_OPERATIONS, s3Resource } from "../../catalog/s3.js";
import { AwsError } from "../../errors/aws-error.js";
import type { BucketRecord, ObjectRecord } from "../../model/types.js";
import type { RequestContext } from "../../server/context.js";
import { withBucketAccess } from "./access/bucket-access.js";
import { bucketFromHost, parseAddress } from "./address.js";
import type { S3Call } from "./call.js";
import { HANDLERS } from "./handlers.js";
import { routeOperation } from "./route.js";
import { smallBodyReader } from "./small-body.js";

export async function handleS3(ctx: RequestContext): Promise<void> {
  const header = headerReader(ctx);
  const address = parseAddress(ctx.rawPath, bucketFromHost(header("host"), ctx.config.host));
  const name = routeOperation(ctx.req.method ?? "GET", address, ctx.query, header);
  ctx.nameOperation(name);
  const operation = S3_OPERATIONS[name];
  const handler = HANDLERS[name];
  if (operation === undefined || handler === undefined) throw new AwsError("AccessDenied");

  const found =
    address.bucket === undefined ? undefined : await ctx.model.buckets.find(address.bucket);
  // From here on, every authorization (the handlers' own too) weighs the bucket's policy.
  const guarded = withBucketAccess(ctx, found);
  const call: S3Call = {
    ctx: guarded,
    name,
    operation,
    address,
    found,
    header,
    smallBody: smallBodyReader(ctx.body),
    namedObject: namedObjectReader(ctx, found, address.key),
  };

  const fromBody = handler.prepare ? await handler.prepare(call) : {};
  if (handler.authorizesEachKey !== true) {
    await guarded.authorize({
      action: operation.action,
      resource: s3Resource(operation, address.bucket, address.key),
      ...(found === undefined ? {} : { resourceAccount: found.account }),
      context: { ...operation.context?.({ query: ctx.query, header }), ...fromBody },
    });
  }
  checkExpectedOwner(header("x-amz-expected-bucket-owner"), found?.account);
  await handler.run(call);
}

/** Reads the named object's record at most once; nothing when no bucket or key is named. */
function namedObjectReader(
  ctx: RequestContext,
  bucket: BucketRecord | undefined,
  key: string | undefined,
): () => Promise<ObjectRecord | undefined> {
  let record: Promise<ObjectRecord | undefined> | undefined;
  return function readNamedObject() {
    if (bucket === undefined || key === undefined) return Promise.resolve(undefined);
    record ??= ctx.model.objects.find(bucket.name, key);
    return record;
  };
}

/**
 * x-amz-expected-bucket-owner: "If the account ID that you provide does not match the actual
 * owner of the bucket, the request fails with the HTTP status code 403 Forbidden (access
 * denied)" (Amazon S3 User Guide, "Verifying bucket ownership with bucket owner condition").
 */
function checkExpectedOwner(expected: string | undefined, owner: string | undefined): void {
  if (expected !== undefined && owner !== undefined && expected !== owner) {
    throw new AwsError("AccessDenied");
  }
}

function headerReader(ctx: RequestContext): (name: string) => string | undefined {
  return function header(name) {
    const value = ctx.req.headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
}
