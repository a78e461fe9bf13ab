// Which headers a SigV4 signature must cover. `host` always ("The host header must be included
// as a signed header", Amazon S3 API Reference, "Authenticating Requests (AWS Signature Version
// 4)"); and on an S3 request, presigned or signed in its header, every x-amz-* header the
// client sends: an unsigned one could change what the signer allowed (an ACL, encryption, a
// copy source, metadata), so S3 refuses it with HeadersNotSigned.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
import { AwsError } from "../errors/aws-error.js";
import type { ServiceName } from "../server/context.js";
import { HEADER } from "../sigv4/constants.js";
import type { SignatureClaim } from "../sigv4/parse-authorization.js";

/**
 * x-amz-* headers that say how the client sent the request, not what it asks for, and that
 * HTTP clients and SDKs add on their own; S3 does not hold them against a presigned URL.
 */
const HARMLESS_UNSIGNED = new Set([
  HEADER.contentSha256,
  HEADER.date,
  "x-amz-user-agent",
  "x-amz-sdk-invocation-id",
  "x-amz-sdk-request",
]);

export function checkSignedHeaderSet(
  claim: SignatureClaim,
  headers: ReadonlyMap<string, readonly string[]>,
  service: ServiceName,
): void {
  const signed = new Set(claim.signedHeaders);
  if (!signed.has(HEADER.host)) {
    if (service !== "s3") {
      throw new AwsError(
        "IncompleteSignature",
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      );
    }
    throw headersNotSigned([HEADER.host]);
  }
  if (service !== "s3") return;

  const unsigned = [...headers.keys()].filter(
    (name) => name.startsWith("x-amz-") && !signed.has(name) && !HARMLESS_UNSIGNED.has(name),
  );
  if (unsigned.length > 0) throw headersNotSigned(unsigned.sort());
}

function headersNotSigned(names: readonly string[]): AwsError {
  return new AwsError(
    "AccessDenied",
    "There were headers present in the request which were not signed",
    { fields: { HeadersNotSigned: names.join(", ") } },
  );
}

/** Signed headers the request does not carry: the signature cannot be for this request. */
export const missingSignedHeaders = (
  claim: SignatureClaim,
  headers: ReadonlyMap<string, readonly string[]>,
): string[] => claim.signedHeaders.filter((name) => !headers.has(name));
