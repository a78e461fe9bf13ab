// What each S3 operation means to IAM: the action it needs, the resource it acts on and the
// condition keys the request supplies. Actions, resource types and keys follow the Service
// Authorization Reference, "Actions, resources, and condition keys for Amazon S3"
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
// Pure data: no I/O, so that an operation missing here is visible in one place and is denied.

/** What an operation's IAM resource is: the bucket, one object in it, or no resource ("*"). */
export type S3ResourceScope = "bucket" | "object" | "none";

export interface S3Operation {
  action: string;
  /**
   * The action instead when the request names an object version (?versionId=): "If you include
   * a versionId in your request header, you must have the s3:GetObjectVersion permission"
   * (Amazon S3 API Reference, GetObject), and likewise for the operation's other Version actions.
   */
  versionAction?: string;
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

/** Keys named after the request header they come from, each present only when it is sent. */
function headerKeys(names: readonly string[]) {
  return function headerContext(request: S3RequestFacts): Record<string, string> {
    const context: Record<string, string> = {};
    for (const name of names) {
      const value = request.header(name);
      if (value !== undefined) context[`s3:${name}`] = value;
    }
    return context;
  };
}

const GRANT_HEADERS = [
  "x-amz-grant-full-control",
  "x-amz-grant-read",
  "x-amz-grant-read-acp",
  "x-amz-grant-write",
  "x-amz-grant-write-acp",
] as const;

/** PutObject's keys that come from request headers (s3:x-amz-acl, …). */
const putObjectContext = headerKeys([
  "x-amz-acl",
  ...GRANT_HEADERS.filter((name) => name !== "x-amz-grant-write"),
  "x-amz-server-side-encryption",
  "x-amz-server-side-encryption-aws-kms-key-id",
  "x-amz-server-side-encryption-customer-algorithm",
  "x-amz-storage-class",
  "x-amz-website-redirect-location",
]);

/**
 * CopyObject's keys: PutObject's, the metadata directive, and the source as "bucket/key"
 * (decoded, without a leading slash or versionId), as policies name it. Tag keys come from the
 * handlers, which parse the tags (src/services/s3/tagging/tag-context.ts).
 */
function copyObjectContext(request: S3RequestFacts): Record<string, string> {
  const context = {
    ...putObjectContext(request),
    ...headerKeys(["x-amz-metadata-directive"])(request),
  };
  const source = request.header("x-amz-copy-source");
  if (source === undefined) return context;
  try {
    const path = decodeURIComponent(source.split("?", 1)[0] ?? "");
    context["s3:x-amz-copy-source"] = path.startsWith("/") ? path.slice(1) : path;
  } catch {
    // Malformed: the handler answers InvalidArgument once the caller is known to be allowed.
  }
  return context;
}

/** CreateBucket's header keys; s3:LocationConstraint comes from the body (create-bucket.ts). */
const createBucketContext = headerKeys(["x-amz-acl", ...GRANT_HEADERS, "x-amz-object-ownership"]);

/** GetObject's permission, which a copy also needs on its source. */
export const GET_OBJECT: S3Operation = {
  action: "s3:GetObject",
  versionAction: "s3:GetObjectVersion",
  scope: "object",
};

/** DeleteObject's permission, which DeleteObjects needs on each key. */
export const DELETE_OBJECT: S3Operation = {
  action: "s3:DeleteObject",
  versionAction: "s3:DeleteObjectVersion",
  scope: "object",
};

export const S3_OPERATIONS: Readonly<Record<string, S3Operation>> = {
  ListBuckets: { action: "s3:ListAllMyBuckets", scope: "none" },
  CreateBucket: { action: "s3:CreateBucket", scope: "bucket", context: createBucketContext },
  DeleteBucket: { action: "s3:DeleteBucket", scope: "bucket" },
  // HeadBucket has no action of its own: "you must have permissions to perform the
  // s3:ListBucket action" (Amazon S3 API Reference, HeadBucket).
  HeadBucket: { action: "s3:ListBucket", scope: "bucket" },
  GetBucketLocation: { action: "s3:GetBucketLocation", scope: "bucket" },
  PutBucketPolicy: { action: "s3:PutBucketPolicy", scope: "bucket" },
  GetBucketPolicy: { action: "s3:GetBucketPolicy", scope: "bucket" },
  DeleteBucketPolicy: { action: "s3:DeleteBucketPolicy", scope: "bucket" },
  GetBucketPolicyStatus: { action: "s3:GetBucketPolicyStatus", scope: "bucket" },
  PutPublicAccessBlock: { action: "s3:PutBucketPublicAccessBlock", scope: "bucket" },
  GetPublicAccessBlock: { action: "s3:GetBucketPublicAccessBlock", scope: "bucket" },
  // DeletePublicAccessBlock has no action of its own: it "requires the
  // s3:PutBucketPublicAccessBlock permission" (Amazon S3 API Reference).
  DeletePublicAccessBlock: { action: "s3:PutBucketPublicAccessBlock", scope: "bucket" },
  ListObjects: { action: "s3:ListBucket", scope: "bucket", context: listingContext },
  ListObjectsV2: { action: "s3:ListBucket", scope: "bucket", context: listingContext },
  PutObject: { action: "s3:PutObject", scope: "object", context: putObjectContext },
  GetObject: GET_OBJECT,
  // HeadObject "requires the s3:GetObject permission" (Amazon S3 API Reference, HeadObject).
  HeadObject: GET_OBJECT,
  DeleteObject: DELETE_OBJECT,
  // DeleteObjects is authorized once per key, as s3:DeleteObject on each object; the request
  // itself needs no permission of its own (Amazon S3 API Reference, DeleteObjects).
  DeleteObjects: { action: "s3:DeleteObject", scope: "object" },
  // CopyObject and UploadPartCopy also need s3:GetObject on the source, which their handlers
  // authorize (Amazon S3 API Reference, CopyObject, "Permissions").
  CopyObject: { action: "s3:PutObject", scope: "object", context: copyObjectContext },
  PutObjectTagging: {
    action: "s3:PutObjectTagging",
    versionAction: "s3:PutObjectVersionTagging",
    scope: "object",
  },
  GetObjectTagging: {
    action: "s3:GetObjectTagging",
    versionAction: "s3:GetObjectVersionTagging",
    scope: "object",
  },
  DeleteObjectTagging: {
    action: "s3:DeleteObjectTagging",
    versionAction: "s3:DeleteObjectVersionTagging",
    scope: "object",
  },
  PutBucketTagging: { action: "s3:PutBucketTagging", scope: "bucket" },
  GetBucketTagging: { action: "s3:GetBucketTagging", scope: "bucket" },
  // DeleteBucketTagging "requires the s3:PutBucketTagging permission" (API Reference).
  DeleteBucketTagging: { action: "s3:PutBucketTagging", scope: "bucket" },
  // Every step of a multipart upload but abort and listing is s3:PutObject (Amazon S3 User
  // Guide, "Multipart upload API and permissions").
  CreateMultipartUpload: { action: "s3:PutObject", scope: "object", context: putObjectContext },
  UploadPart: { action: "s3:PutObject", scope: "object" },
  UploadPartCopy: { action: "s3:PutObject", scope: "object", context: copyObjectContext },
  CompleteMultipartUpload: { action: "s3:PutObject", scope: "object" },
  AbortMultipartUpload: { action: "s3:AbortMultipartUpload", scope: "object" },
  ListParts: { action: "s3:ListMultipartUploadParts", scope: "object" },
  ListMultipartUploads: { action: "s3:ListBucketMultipartUploads", scope: "bucket" },
  // Reads of bucket configurations. Where the action's name differs from the operation's, the
  // operation's API Reference page names it (GetBucketEncryption: "you must have permission to
  // perform the s3:GetEncryptionConfiguration action").
  GetBucketAcl: { action: "s3:GetBucketAcl", scope: "bucket" },
  GetObjectAcl: {
    action: "s3:GetObjectAcl",
    versionAction: "s3:GetObjectVersionAcl",
    scope: "object",
  },
  GetBucketVersioning: { action: "s3:GetBucketVersioning", scope: "bucket" },
  GetBucketEncryption: { action: "s3:GetEncryptionConfiguration", scope: "bucket" },
  GetBucketOwnershipControls: { action: "s3:GetBucketOwnershipControls", scope: "bucket" },
  GetBucketCors: { action: "s3:GetBucketCORS", scope: "bucket" },
  GetBucketLifecycleConfiguration: { action: "s3:GetLifecycleConfiguration", scope: "bucket" },
  GetBucketWebsite: { action: "s3:GetBucketWebsite", scope: "bucket" },
  GetObjectLockConfiguration: { action: "s3:GetBucketObjectLockConfiguration", scope: "bucket" },
  GetBucketLogging: { action: "s3:GetBucketLogging", scope: "bucket" },
  GetBucketNotificationConfiguration: { action: "s3:GetBucketNotification", scope: "bucket" },
  GetBucketRequestPayment: { action: "s3:GetBucketRequestPayment", scope: "bucket" },
  GetBucketAccelerateConfiguration: { action: "s3:GetAccelerateConfiguration", scope: "bucket" },
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

/**
 * The action a request needs: the operation's Version action when it names a version (a
 * versionId in the query, a copy source or a DeleteObjects entry).
 */
export function s3Action(operation: S3Operation, versionId: string | null | undefined): string {
  const named = versionId !== null && versionId !== undefined;
  return named ? (operation.versionAction ?? operation.action) : operation.action;
}

/** s3:versionid, present when the request names a version (Service Authorization Reference). */
export const versionContext = (versionId: string | null | undefined): Record<string, string> =>
  versionId === null || versionId === undefined ? {} : { "s3:versionid": versionId };
