// Which S3 operation a request is: its method, whether it names a bucket and a key, and its
// subresource (the query parameter that selects an operation, such as ?location or ?delete).
// An S3 operation keyless does not serve answers NotImplemented; a method S3 does not accept on
// that resource answers MethodNotAllowed, with S3's Method and ResourceType fields.
import { AwsError } from "../../errors/aws-error.js";
import type { S3Address } from "./address.js";

/**
 * Query parameters that select an operation other than the plain one, from the Amazon S3 API
 * Reference. Parameters not listed here (x-id, prefix, response-content-type, X-Amz-*…) modify
 * the plain operation and do not change which one it is.
 */
const SUBRESOURCES = new Set([
  "accelerate",
  "acl",
  "analytics",
  "attributes",
  "cors",
  "delete",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "legal-hold",
  "lifecycle",
  "list-type",
  "location",
  "logging",
  "metadataConfiguration",
  "metrics",
  "notification",
  "object-lock",
  "ownershipControls",
  "partNumber",
  "policy",
  "policyStatus",
  "publicAccessBlock",
  "renameObject",
  "replication",
  "requestPayment",
  "restore",
  "retention",
  "select",
  "session",
  "tagging",
  "torrent",
  "uploadId",
  "uploads",
  "versioning",
  "versions",
  "website",
]);

/** The one subresource of a request, or "" for none. */
function subresourceOf(query: URLSearchParams): string {
  for (const name of query.keys()) if (SUBRESOURCES.has(name)) return name;
  return "";
}

type ResourceType = "SERVICE" | "BUCKET" | "OBJECT";

function methodNotAllowed(method: string, resourceType: ResourceType): AwsError {
  return new AwsError("MethodNotAllowed", undefined, {
    fields: { Method: method, ResourceType: resourceType },
  });
}

function notImplemented(): AwsError {
  return new AwsError(
    "NotImplemented",
    "A header or query you provided implies functionality that is not implemented",
  );
}

/** The operation's name as the Amazon S3 API Reference spells it. */
export function routeOperation(
  method: string,
  address: S3Address,
  query: URLSearchParams,
  header: (name: string) => string | undefined,
): string {
  const sub = subresourceOf(query);
  if (address.bucket === undefined) return serviceOperation(method, sub);
  if (address.key === undefined) return bucketOperation(method, sub, query);
  return objectOperation(method, sub, header, query);
}

function serviceOperation(method: string, sub: string): string {
  if (method !== "GET") throw methodNotAllowed(method, "SERVICE");
  if (sub !== "") throw notImplemented();
  return "ListBuckets";
}

/** Bucket operations named by method and subresource alone. */
const BUCKET_SUBRESOURCE_OPERATIONS: Readonly<Record<string, string>> = {
  "GET policy": "GetBucketPolicy",
  "PUT policy": "PutBucketPolicy",
  "DELETE policy": "DeleteBucketPolicy",
  "GET policyStatus": "GetBucketPolicyStatus",
  "GET publicAccessBlock": "GetPublicAccessBlock",
  "PUT publicAccessBlock": "PutPublicAccessBlock",
  "DELETE publicAccessBlock": "DeletePublicAccessBlock",
  "GET tagging": "GetBucketTagging",
  "PUT tagging": "PutBucketTagging",
  "DELETE tagging": "DeleteBucketTagging",
  "GET uploads": "ListMultipartUploads",
  // Reads of configurations keyless never stores, answered as S3 answers a bucket without them
  // (bucket/default-configurations.ts); setting one stays NotImplemented.
  "GET accelerate": "GetBucketAccelerateConfiguration",
  "GET acl": "GetBucketAcl",
  "GET cors": "GetBucketCors",
  "GET encryption": "GetBucketEncryption",
  "GET lifecycle": "GetBucketLifecycleConfiguration",
  "GET logging": "GetBucketLogging",
  "GET notification": "GetBucketNotificationConfiguration",
  "GET object-lock": "GetObjectLockConfiguration",
  "GET ownershipControls": "GetBucketOwnershipControls",
  "GET requestPayment": "GetBucketRequestPayment",
  "GET versioning": "GetBucketVersioning",
  "GET website": "GetBucketWebsite",
};

function bucketOperation(method: string, sub: string, query: URLSearchParams): string {
  const named = BUCKET_SUBRESOURCE_OPERATIONS[`${method} ${sub}`];
  if (named !== undefined) return named;
  switch (method) {
    case "GET":
      if (sub === "") return "ListObjects";
      if (sub === "location") return "GetBucketLocation";
      if (sub === "list-type" && query.get("list-type") === "2") return "ListObjectsV2";
      throw notImplemented();
    case "HEAD":
      return "HeadBucket";
    case "PUT":
      if (sub === "") return "CreateBucket";
      throw notImplemented();
    case "DELETE":
      if (sub === "") return "DeleteBucket";
      throw notImplemented();
    case "POST":
      if (sub === "delete") return "DeleteObjects";
      throw notImplemented();
    default:
      throw methodNotAllowed(method, "BUCKET");
  }
}

// A version id S3 issues is 32 or more characters of base64 and "._-"; what is not one is
// refused before anything else, as S3 refuses "abc" (InvalidArgument, "Invalid version id
// specified").
const VERSION_ID_SHAPE = /^[A-Za-z0-9._+/=-]{32,1024}$/;

function checkVersionId(versionId: string | null): void {
  if (versionId === null || versionId === "null") return;
  const fields = { ArgumentName: "versionId", ArgumentValue: versionId };
  if (versionId === "") {
    throw new AwsError("InvalidArgument", "Version id cannot be the empty string", { fields });
  }
  if (!VERSION_ID_SHAPE.test(versionId)) {
    throw new AwsError("InvalidArgument", "Invalid version id specified", { fields });
  }
  // TODO(s3-versioning): buckets are never versioned here, so the only version there is of an
  // object is "null" (Amazon S3 User Guide, "Working with objects in a versioning-suspended
  // bucket"); other version ids need versioning first.
  throw notImplemented();
}

function objectOperation(
  method: string,
  sub: string,
  header: (name: string) => string | undefined,
  query: URLSearchParams,
): string {
  checkVersionId(query.get("versionId"));
  if (query.has("uploadId")) return uploadOperation(method, header);
  switch (method) {
    case "GET":
      if (sub === "" || sub === "partNumber") return "GetObject";
      if (sub === "tagging") return "GetObjectTagging";
      if (sub === "acl") return "GetObjectAcl";
      throw notImplemented();
    case "HEAD":
      if (sub === "" || sub === "partNumber") return "HeadObject";
      throw notImplemented();
    case "PUT":
      // A PUT with x-amz-copy-source is a copy, never a PutObject of an empty body.
      if (sub === "") return header("x-amz-copy-source") === undefined ? "PutObject" : "CopyObject";
      if (sub === "tagging") return "PutObjectTagging";
      throw notImplemented();
    case "DELETE":
      if (sub === "") return "DeleteObject";
      if (sub === "tagging") return "DeleteObjectTagging";
      throw notImplemented();
    case "POST":
      if (sub === "uploads") return "CreateMultipartUpload";
      throw notImplemented();
    default:
      throw methodNotAllowed(method, "OBJECT");
  }
}

/** Requests on a multipart upload, named by ?uploadId= (partNumber goes with it on a PUT). */
function uploadOperation(method: string, header: (name: string) => string | undefined): string {
  switch (method) {
    case "PUT":
      return header("x-amz-copy-source") === undefined ? "UploadPart" : "UploadPartCopy";
    case "POST":
      return "CompleteMultipartUpload";
    case "GET":
      return "ListParts";
    case "DELETE":
      return "AbortMultipartUpload";
    case "HEAD":
      throw notImplemented();
    default:
      throw methodNotAllowed(method, "OBJECT");
  }
}
