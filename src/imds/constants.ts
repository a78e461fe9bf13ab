// IMDS wire names and limits, written once. Source: Amazon EC2 User Guide, "Use the Instance
// Metadata Service to access instance metadata" and "Instance metadata categories"
// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-categories.html).

export const IMDS_HOST = "127.0.0.1";

export const TOKEN_PATH = "/latest/api/token";

/** The categories keyless builds itself; the rest of the tree is plain values. */
export const CATEGORY = {
  iam: "iam",
  tags: "tags",
  instanceTags: "instance",
} as const;

export const HEADER = {
  /** Sent on PUT /latest/api/token; echoed on the reply. */
  tokenTtl: "x-aws-ec2-metadata-token-ttl-seconds",
  /** Sent on every IMDSv2 GET. */
  token: "x-aws-ec2-metadata-token",
  /** IMDS refuses token requests that went through a proxy ("IMDSv2 … X-Forwarded-For"). */
  forwardedFor: "x-forwarded-for",
} as const;

/** A token lives from one second to six hours ("Use IMDSv2"). */
export const TOKEN_TTL_MIN_SECONDS = 1;
export const TOKEN_TTL_MAX_SECONDS = 21_600;

/** IMDS answers every document, JSON ones included, as text/plain. */
export const TEXT = "text/plain";
export const HTML = "text/html";
export const SERVER_HEADER = "EC2ws";

/** Role credentials delivered to an instance last six hours. */
export const CREDENTIAL_SECONDS = 6 * 3600;
/**
 * AWS makes new credentials available "at least five minutes before the expiration of the old"
 * ("Retrieve security credentials from instance metadata"); keyless rotates at fifteen, so an SDK
 * that refreshes five minutes early always finds fresh ones.
 */
export const ROTATE_BEFORE_MS = 15 * 60 * 1000;

export const CREDENTIAL_TYPE = "AWS-HMAC";

/** The Code of iam/info and iam/security-credentials/ROLE documents. */
export const INFO_CODE = {
  success: "Success",
  unauthorized: "AssumeRoleUnauthorizedAccess",
  profileNotFound: "InstanceProfileNotFound",
} as const;
export const IDENTITY_DOCUMENT_VERSION = "2017-09-30";
export const ARCHITECTURE = "x86_64";
export const EC2_SERVICE_PRINCIPAL = "ec2.amazonaws.com";

/** Linked from the AssumeRoleUnauthorizedAccess message, as AWS's own message does. */
export const TRUST_DOC_URL =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html" +
  "#troubleshoot_iam-ec2_errors-info-doc";

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
};
