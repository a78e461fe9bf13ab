// Wire names of Signature Version 4, written once.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

export const ALGORITHM = "AWS4-HMAC-SHA256";
export const SCOPE_TERMINATOR = "aws4_request";

export const HEADER = {
  authorization: "authorization",
  date: "x-amz-date",
  httpDate: "date",
  contentSha256: "x-amz-content-sha256",
  securityToken: "x-amz-security-token",
  decodedContentLength: "x-amz-decoded-content-length",
  trailer: "x-amz-trailer",
  contentEncoding: "content-encoding",
  host: "host",
} as const;

export const QUERY = {
  algorithm: "X-Amz-Algorithm",
  credential: "X-Amz-Credential",
  date: "X-Amz-Date",
  expires: "X-Amz-Expires",
  signedHeaders: "X-Amz-SignedHeaders",
  signature: "X-Amz-Signature",
  securityToken: "X-Amz-Security-Token",
  /** Hoisted by the JS SDK's presigner; UNSIGNED-PAYLOAD when absent. */
  contentSha256: "X-Amz-Content-Sha256",
} as const;

export const PAYLOAD = {
  unsigned: "UNSIGNED-PAYLOAD",
  streamingSigned: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
  streamingSignedTrailer: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
  streamingUnsignedTrailer: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
} as const;

/** sha256 of the empty string, the payload hash of a request without a body. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
