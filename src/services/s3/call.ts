// One S3 request on its way through a handler: where it points, the bucket it names when that
// bucket exists, and small readers over the request that every handler shares.
import type { IncomingHttpHeaders } from "node:http";
import type { S3Operation } from "../../catalog/s3.js";
import { AwsError } from "../../errors/aws-error.js";
import type { BucketRecord, ObjectRecord } from "../../model/types.js";
import type { RequestContext } from "../../server/context.js";
import type { S3Address } from "./address.js";

export interface S3Call {
  ctx: RequestContext;
  /** The operation's name as the Amazon S3 API Reference spells it. */
  name: string;
  operation: S3Operation;
  address: S3Address;
  /** The named bucket's record, read before authorization to learn its owner. */
  found: BucketRecord | undefined;
  /**
   * The request's headers by lower-case name, with those a presigned URL carries in its query
   * (x-amz-meta-* and the like; see index.ts).
   */
  headers: IncomingHttpHeaders;
  /** A request header by lower-case name; repeated headers are joined with ",". */
  header: (name: string) => string | undefined;
  /** The whole body as text, for the small XML documents of bucket operations; read once. */
  smallBody: () => Promise<string>;
  /**
   * The record of the object the request names, read once: a prepare step (the object's tags
   * for s3:ExistingObjectTag) and the handler it prepares share the one read.
   */
  namedObject: () => Promise<ObjectRecord | undefined>;
}

export interface S3Handler {
  /**
   * Reads, before authorization, the condition keys that live in the body (CreateBucket's
   * s3:LocationConstraint). It must change nothing.
   */
  prepare?: (call: S3Call) => Promise<Record<string, string | string[]>>;
  /** True for DeleteObjects, which is authorized per key as s3:DeleteObject. */
  authorizesEachKey?: boolean;
  run: (call: S3Call) => Promise<void>;
}

/** The bucket the request names (handleS3 answers NoSuchBucket before a handler runs). */
export function requireBucket(call: S3Call): BucketRecord {
  if (call.found) return call.found;
  throw new AwsError("NoSuchBucket", undefined, {
    fields: { BucketName: call.address.bucket ?? "" },
  });
}

export function requireKey(call: S3Call): string {
  if (call.address.key === undefined) throw new Error(`${call.name} needs a key`);
  return call.address.key;
}
