// The S3 REST-XML service. Every request goes the same way: find the bucket and key it names,
// decide which operation it is, authorize that operation's IAM action on its resource (against
// the bucket owner's account), and only then act. Nothing about a bucket or an object is told
// to a caller that may not see it.
import type { IncomingHttpHeaders } from "node:http";
import type { CallDetails } from "../../audit/cloudtrail-event.js";
import { S3_OPERATIONS, s3Action, s3Resource, versionContext } from "../../catalog/s3.js";
import { AwsError } from "../../errors/aws-error.js";
import type { BucketRecord, ObjectRecord } from "../../model/types.js";
import type { RequestContext } from "../../server/context.js";
import { QUERY } from "../../sigv4/constants.js";
import { withBucketAccess } from "./access/bucket-access.js";
import { bucketFromHost, parseAddress } from "./address.js";
import type { S3Call } from "./call.js";
import { s3CallDetails } from "./call-details.js";
import { refuseCustomerKeys } from "./encryption-headers.js";
import { HANDLERS } from "./handlers.js";
import { routeOperation } from "./route.js";
import { smallBodyReader } from "./small-body.js";

/** Where an S3 request points and the operation it asks for, from its request line and headers. */
function route(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  header: (name: string) => string | undefined,
  configHost: string,
) {
  const address = parseAddress(rawPath, bucketFromHost(header("host"), configHost));
  return { address, name: routeOperation(method, address, query, header) };
}

/**
 * The operation an S3 request asks for and what it names, read from the request line and headers
 * alone: for the trail of a request refused before it was authenticated. Undefined when it names
 * no operation. The bucket's owner is not looked up for a caller not yet known.
 */
export function s3CallOf(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
  configHost: string,
): { name: string; details: CallDetails | undefined } | undefined {
  try {
    const header = headerReader(headers);
    const { address, name } = route(method, rawPath, query, header, configHost);
    const operation = S3_OPERATIONS[name];
    const details = operation && s3CallDetails(name, operation, address, header("host"), undefined);
    return { name, details };
  } catch {
    return undefined;
  }
}

export async function handleS3(ctx: RequestContext): Promise<void> {
  const headers = requestHeaders(ctx);
  const header = headerReader(headers);
  const method = ctx.req.method ?? "GET";
  const { address, name } = route(method, ctx.rawPath, ctx.query, header, ctx.config.host);
  ctx.nameOperation(name);
  const operation = S3_OPERATIONS[name];
  const handler = HANDLERS[name];
  if (operation === undefined || handler === undefined) throw new AwsError("AccessDenied");
  refuseCustomerKeys(header);

  // CreateBucket names a bucket that is to be the caller's: a bucket of that name, whoever owns
  // it, is not what it asks for (its handler answers BucketAlreadyExists for a taken name).
  const creating = name === "CreateBucket";
  const found =
    address.bucket === undefined || creating
      ? undefined
      : await ctx.model.buckets.find(address.bucket);
  ctx.describeCall(s3CallDetails(name, operation, address, header("host"), found?.account));
  // A bucket that does not exist has no owner to decide for: S3 answers NoSuchBucket to every
  // caller whose signature holds, allowed or not (elastic/elasticsearch#31782; for anonymous
  // callers aws/aws-sdk-java#1256).
  if (address.bucket !== undefined && found === undefined && !creating) {
    throw new AwsError("NoSuchBucket", undefined, { fields: { BucketName: address.bucket } });
  }
  // HeadBucket names the bucket's region even to a caller it refuses, so that a client can find
  // a bucket of another account (Amazon S3 API Reference, HeadBucket, x-amz-bucket-region).
  if (name === "HeadBucket" && found !== undefined) {
    ctx.res.setHeader("x-amz-bucket-region", found.region);
  }
  if (found !== undefined) checkSigningRegion(ctx, name, found);
  // From here on, every authorization (the handlers' own too) weighs the bucket's policy.
  const guarded = creating ? ctx : withBucketAccess(ctx, found);
  const call: S3Call = {
    ctx: guarded,
    name,
    operation,
    address,
    found,
    headers,
    header,
    smallBody: smallBodyReader(ctx.body),
    namedObject: namedObjectReader(ctx, found, address.key),
  };

  const fromBody = handler.prepare ? await handler.prepare(call) : {};
  if (handler.authorizesEachKey !== true) {
    await guarded.authorize({
      action: s3Action(operation, ctx.query.get("versionId")),
      resource: s3Resource(operation, address.bucket, address.key),
      ...(found === undefined ? {} : { resourceAccount: found.account }),
      context: {
        ...operation.context?.({ query: ctx.query, header }),
        ...versionContext(ctx.query.get("versionId")),
        ...fromBody,
      },
    });
  }
  checkExpectedOwner(header("x-amz-expected-bucket-owner"), found?.account);
  await handler.run(call);
}

/**
 * A bucket is served only to requests signed for its own region. keyless is every region's
 * endpoint at once, and a client signs for the region it believes it is talking to, so a request
 * signed for another region is answered as that region's endpoint answers it: 301
 * PermanentRedirect, with the bucket's region in x-amz-bucket-region, which the SDKs' region
 * redirects follow (botocore, hence the AWS CLI and boto3; the JS SDK with followRegionRedirects).
 * GetBucketLocation is answered whatever the region: it is how a client finds one. SigV2 names
 * no region, and an anonymous request has no signature.
 */
function checkSigningRegion(ctx: RequestContext, name: string, bucket: BucketRecord): void {
  const { signatureVersion, caller, region: signed } = ctx.auth;
  if (signatureVersion !== 4 || caller.type === "Anonymous" || name === "GetBucketLocation") {
    return;
  }
  if (signed === bucket.region) return;
  ctx.res.setHeader("x-amz-bucket-region", bucket.region);
  throw new AwsError("PermanentRedirect", undefined, {
    // The endpoint to use is this one: it serves the bucket's region too.
    fields: { Endpoint: ctx.req.headers.host ?? "", Bucket: bucket.name },
  });
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

function headerReader(headers: IncomingHttpHeaders): (name: string) => string | undefined {
  return function header(name) {
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
}

/** Query parameters of a presigned URL that are its signature, not hoisted headers. */
const QUERY_AUTH = new Set(Object.values(QUERY).map((name) => name.toLowerCase()));
/** The same, as presigners spell them, to pass them by without lower-casing each. */
const QUERY_AUTH_AS_SENT = new Set<string>(Object.values(QUERY));

/**
 * Checksums in a presigned URL are not applied: "Amazon S3 presigned URLs don't support using
 * the following data-integrity checksum algorithms (CRC32, CRC32C, SHA-1, SHA-256) when you
 * upload objects" (Amazon S3 User Guide, "Uploading objects with presigned URLs"). The JS SDK
 * signs the CRC32 of an empty body into every presigned PutObject; S3 ignores it
 * (aws/aws-sdk-go-v2#2610, localstack/localstack#12169).
 */
const IGNORED_IN_QUERY = /^x-amz-(checksum-|sdk-checksum-algorithm$)/;

/**
 * The request's headers, with the x-amz-* parameters of a presigned URL among them: presigners
 * hoist headers such as x-amz-meta-* into the query, where the signature covers them, and S3
 * applies them as headers (aws/aws-sdk-js-v3#4694). A header sent as a header wins.
 */
function requestHeaders(ctx: RequestContext): IncomingHttpHeaders {
  // Both signature versions sign them: SigV4 in its canonical query, SigV2 among the x-amz-*
  // "headers" of its string to sign (botocore's HmacV1QueryAuth moves them into the query).
  if (ctx.auth.signatureLocation !== "query") return ctx.req.headers;
  let merged: IncomingHttpHeaders | undefined;
  for (const [name, value] of ctx.query) {
    if (QUERY_AUTH_AS_SENT.has(name)) continue;
    const lower = name.toLowerCase();
    if (!lower.startsWith("x-amz-") || QUERY_AUTH.has(lower) || IGNORED_IN_QUERY.test(lower)) {
      continue;
    }
    merged ??= { ...ctx.req.headers };
    merged[lower] ??= value;
  }
  return merged ?? ctx.req.headers;
}
