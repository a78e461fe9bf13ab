// The anonymous principal: who an S3 request is from when it carries no signature at all. S3
// serves such a request when a bucket policy allows it to everyone ("Principal": "*") and
// denies it otherwise; no identity policy can apply, as there is no identity
// (Amazon S3 User Guide, "How Amazon S3 authorizes a request", and IAM User Guide, "AWS JSON
// policy elements: Principal", anonymous users). The other services refuse an unsigned request.
import type { Caller } from "../model/types.js";
import { HEADER, PAYLOAD, QUERY } from "../sigv4/constants.js";
import type { SignatureClaim } from "../sigv4/parse-authorization.js";
import type { Authenticated, SignedRequest } from "./authenticate.js";
import { hasV2Query } from "./sigv2/parse.js";

/**
 * aws:PrincipalType is "Anonymous" and aws:userid "anonymous" for such a request (IAM User
 * Guide, "AWS global condition context keys"); it has no account and no ARN of its own.
 */
export const ANONYMOUS_CALLER: Readonly<Caller> = {
  type: "Anonymous",
  account: "",
  arn: "anonymous",
  principalArn: "anonymous",
  userId: "anonymous",
  accessKeyId: "",
};

/** No Authorization header and no presigned-URL parameter (SigV4 or SigV2): nothing to verify. */
export function isUnsigned(request: SignedRequest): boolean {
  return (
    !request.headers.has(HEADER.authorization) &&
    !request.query.has(QUERY.algorithm) &&
    !request.query.has(QUERY.credential) &&
    !hasV2Query(request.query)
  );
}

/**
 * What authentication yields for an unsigned S3 request. No signature covers the body; a
 * x-amz-content-sha256 hash the client sent is still checked against it, and an unsigned
 * aws-chunked body is still decoded.
 */
export function anonymousAuthentication(request: SignedRequest, region: string): Authenticated {
  const claimed = request.headers.get(HEADER.contentSha256)?.[0];
  const payloadHash =
    claimed !== undefined &&
    (/^[0-9a-f]{64}$/.test(claimed) || claimed === PAYLOAD.streamingUnsignedTrailer)
      ? claimed
      : PAYLOAD.unsigned;
  const claim: SignatureClaim = {
    version: 4,
    scope: { accessKeyId: "", date: "", region, service: "s3" },
    signedHeaders: [],
    signature: "",
    // Where a signature would have been; the s3:authType key is left out for this caller.
    location: "header",
  };
  return {
    caller: { ...ANONYMOUS_CALLER },
    service: "s3",
    region,
    claim,
    amzDate: "",
    signingKey: Buffer.alloc(0),
    payloadHash,
    signatureAgeMs: 0,
  };
}
