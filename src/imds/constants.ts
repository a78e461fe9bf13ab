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
export const OCTET_STREAM = "application/octet-stream";
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

/**
 * The versions GET / lists, oldest first, as "Retrieve instance metadata" (Amazon EC2 User Guide)
 * shows them; cloud-init and older tools ask for a dated one rather than latest.
 */
export const METADATA_VERSIONS = [
  "1.0",
  "2007-01-19",
  "2007-03-01",
  "2007-08-29",
  "2007-10-10",
  "2007-12-15",
  "2008-02-01",
  "2008-09-01",
  "2009-04-04",
  "2011-01-01",
  "2011-05-01",
  "2012-01-12",
  "2014-02-25",
  "2014-11-05",
  "2015-10-20",
  "2016-04-19",
  "2016-06-30",
  "2016-09-02",
  "2018-03-28",
  "2018-08-17",
  "2018-09-24",
  "2019-10-01",
  "2020-10-27",
  "2021-01-03",
  "2021-03-23",
  "2021-07-15",
  "2022-09-24",
  "latest",
] as const;
