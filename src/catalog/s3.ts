// What each S3 operation means to IAM: the action it needs, the resource it acts on and the
// condition keys the request supplies. Actions, resource types and keys follow the Service
// Authorization Reference, "Actions, resources, and condition keys for Amazon S3"
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
// Pure data: no I/O, so that an operation missing here is visible in one place and is denied.

/** What an operation's IAM resource is: the bucket, one object in it, or no resource ("*"). */
export type S3ResourceScope = "bucket" | "object" | "none";

export interface S3Operation {
  action: string;
  scope: S3ResourceScope;
  /** The operation's own condition keys, read from the request (s3:prefix, …). */
  context?: (request: S3RequestFacts) => Record<string, string>;
}

/** What the catalog may read from a request: its query and its (lower-cased) headers. */
export interface S3RequestFacts {
  query: URLSearchParams;
  header: (name: string) => string | undefined;
}

/**
 * ListBucket's keys: s3:prefix, s3:delimiter and s3:max-keys, each present only when the request
 * sends the parameter (a policy that requires s3:prefix does not match a listing without one).
 */
function listingContext(request: S3RequestFacts): Record<string, string> {
  const context: Record<string, string> = {};
  for (const name of ["prefix", "delimiter", "max-keys"]) {
    const value = request.query.get(name);
    if (value !== null) context[`s3:${name}`] = value;
  }
  return context;
}

/** PutObject's keys that come from request headers (s3:x-amz-acl, …). */
function putObjectContext(request: S3RequestFacts): Record<string, string> {
  const context: Record<string, string> = {};
  for (const name of ["x-amz-acl", "x-amz-server-side-encryption", "x-amz-storage-class"]) {
    const value = request.header(name);
    if (value !== undefined) context[`s3:${name}`] = value;
  }
  return context;
}

export const S3_OPERATIONS: Readonly<Record<string, S3Operation>> = {
  ListBuckets: { action: "s3:ListAllMyBuckets", scope: "none" },
  CreateBucket: { action: "s3:CreateBucket", scope: "bucket" },
  DeleteBucket: { action: "s3:DeleteBucket", scope: "bucket" },
  // HeadBucket has no action of its own: "you must have permissions to perform the
  // s3:ListBucket action" (Amazon S3 API Reference, HeadBucket).
  HeadBucket: { action: "s3:ListBucket", scope: "bucket" },
  GetBucketLocation: { action: "s3:GetBucketLocation", scope: "bucket" },
  ListObjects: { action: "s3:ListBucket", scope: "bucket", context: listingContext },
  ListObjectsV2: { action: "s3:ListBucket", scope: "bucket", context: listingContext },
  PutObject: { action: "s3:PutObject", scope: "object", context: putObjectContext },
  GetObject: { action: "s3:GetObject", scope: "object" },
  // HeadObject "requires the s3:GetObject permission" (Amazon S3 API Reference, HeadObject).
  HeadObject: { action: "s3:GetObject", scope: "object" },
  DeleteObject: { action: "s3:DeleteObject", scope: "object" },
  // DeleteObjects is authorized once per key, as s3:DeleteObject on each object; the request
  // itself needs no permission of its own (Amazon S3 API Reference, DeleteObjects).
  DeleteObjects: { action: "s3:DeleteObject", scope: "object" },
};

export const bucketArn = (bucket: string): string => `arn:aws:s3:::${bucket}`;

/** S3 object ARNs carry the key as stored, unencoded: arn:aws:s3:::bucket/a b/c. */
export const objectArn = (bucket: string, key: string): string => `arn:aws:s3:::${bucket}/${key}`;

/** The resource ARN to authorize an operation against. */
export function s3Resource(operation: S3Operation, bucket?: string, key?: string): string {
  switch (operation.scope) {
    case "none":
      return "*";
    case "bucket":
      if (bucket === undefined) throw new Error(`${operation.action} needs a bucket`);
      return bucketArn(bucket);
    case "object":
      if (bucket === undefined || key === undefined) {
        throw new Error(`${operation.action} needs a bucket and a key`);
      }
      return objectArn(bucket, key);
  }
}
