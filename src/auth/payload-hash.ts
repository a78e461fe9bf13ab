// The payload hash a signature covers: a hex sha256 of the body, UNSIGNED-PAYLOAD, or one of the
// STREAMING-* markers of an aws-chunked body. S3 takes it from x-amz-content-sha256 (for a
// presigned URL, from X-Amz-Content-Sha256 or UNSIGNED-PAYLOAD); the Query services hash the
// body themselves.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
import { AwsError } from "../errors/aws-error.js";
import type { ServiceName } from "../server/context.js";
import { HEADER, PAYLOAD, QUERY } from "../sigv4/constants.js";
import type { SignatureClaim } from "../sigv4/parse-authorization.js";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface PayloadFacts {
  headers: ReadonlyMap<string, readonly string[]>;
  query: URLSearchParams;
  /** sha256 (hex) of a buffered body, for services that are not S3. */
  bodySha256?: string;
}

export function payloadHashOf(
  request: PayloadFacts,
  claim: SignatureClaim,
  service: ServiceName,
): string {
  const claimed = request.headers.get(HEADER.contentSha256)?.[0];
  if (service !== "s3") return request.bodySha256 ?? claimed ?? "";

  if (claim.location === "query") {
    const signedHeader = claim.signedHeaders.includes(HEADER.contentSha256) ? claimed : undefined;
    return checked(request.query.get(QUERY.contentSha256) ?? signedHeader ?? PAYLOAD.unsigned);
  }
  if (claimed === undefined) {
    throw new AwsError(
      "InvalidRequest",
      "Missing required header for this request: x-amz-content-sha256",
    );
  }
  return checked(claimed);
}

/** S3 under Signature Version 2: whatever x-amz-content-sha256 promises, when it can be kept. */
export function payloadHashOfV2(headers: ReadonlyMap<string, readonly string[]>): string {
  const claimed = headers.get(HEADER.contentSha256)?.[0];
  if (claimed === undefined) return PAYLOAD.unsigned;
  if (claimed === PAYLOAD.streamingSigned || claimed === PAYLOAD.streamingSignedTrailer) {
    throw new AwsError(
      "InvalidRequest",
      `x-amz-content-sha256 ${claimed} needs the chunk signatures of Signature Version 4.`,
    );
  }
  return checked(claimed);
}

const KNOWN: ReadonlySet<string> = new Set(Object.values(PAYLOAD));

function checked(claimed: string): string {
  if (KNOWN.has(claimed) || SHA256_HEX.test(claimed)) return claimed;
  throw new AwsError(
    "InvalidArgument",
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, " +
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a " +
      "valid sha256 value.",
  );
}
