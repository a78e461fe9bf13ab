// Wire names of S3's Signature Version 2, written once.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html

/** `Authorization: AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=` */
export const HEADER_PREFIX = "AWS ";

export const QUERY_V2 = {
  accessKeyId: "AWSAccessKeyId",
  expires: "Expires",
  signature: "Signature",
} as const;

/**
 * The query parameters that name a sub-resource, and so belong to the CanonicalizedResource:
 * the list of "Constructing the CanonicalizedResource element", the response-* overrides, and
 * the later ones that botocore's HmacV1Auth signs too.
 */
export const SUBRESOURCES: ReadonlySet<string> = new Set([
  "accelerate",
  "acl",
  "analytics",
  "cors",
  "defaultObjectAcl",
  "delete",
  "inventory",
  "lifecycle",
  "location",
  "logging",
  "metrics",
  "notification",
  "object-lock",
  "partNumber",
  "policy",
  "replication",
  "requestPayment",
  "response-cache-control",
  "response-content-disposition",
  "response-content-encoding",
  "response-content-language",
  "response-content-type",
  "response-expires",
  "restore",
  "select",
  "select-type",
  "storageClass",
  "tagging",
  "torrent",
  "uploadId",
  "uploads",
  "versionId",
  "versioning",
  "versions",
  "website",
]);
