// When a signed request may arrive. Header-signed requests must be close to the server's time:
// 15 minutes for S3, 5 for the Query services. A presigned URL is instead valid from its date
// for X-Amz-Expires seconds (at most seven days), and is exempt from the skew check.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
import { AwsError } from "../errors/aws-error.js";
import type { ServiceName } from "../server/context.js";
import { QUERY } from "../sigv4/constants.js";
import type { SignatureClaim } from "../sigv4/parse-authorization.js";

const MINUTE = 60_000;
const MAX_PRESIGN_SECONDS = 604_800;

export interface TimeFacts {
  service: ServiceName;
  claim: SignatureClaim;
  amzDate: string;
  signedAt: number;
  now: number;
  query: URLSearchParams;
}

export function checkRequestTime(facts: TimeFacts): void {
  const { service, claim, amzDate, signedAt, now } = facts;
  if (Number.isNaN(signedAt)) {
    throw new AwsError(
      service === "s3" ? "AccessDenied" : "IncompleteSignature",
      "AWS authentication requires a valid Date or x-amz-date header",
      service === "s3" ? {} : { status: 400 },
    );
  }
  if (!amzDate.startsWith(claim.scope.date) && /^\d{8}T/.test(amzDate)) {
    throw new AwsError(
      "SignatureDoesNotMatch",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.scope.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (claim.location === "query") {
    checkPresignedWindow(facts);
    return;
  }
  const allowed = service === "s3" ? 15 * MINUTE : 5 * MINUTE;
  if (Math.abs(now - signedAt) <= allowed) return;
  if (service === "s3") {
    throw new AwsError("RequestTimeTooSkewed", undefined, {
      fields: {
        RequestTime: amzDate,
        ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z"),
        MaxAllowedSkewMilliseconds: String(allowed),
      },
    });
  }
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");
  const message =
    signedAt < now
      ? `Signature expired: ${amzDate} is now earlier than ${stamp(now - allowed)} (${stamp(now)} - 5 min.)`
      : `Signature not yet current: ${amzDate} is still later than ${stamp(now + allowed)} (${stamp(now)} + 5 min.)`;
  throw new AwsError("SignatureDoesNotMatch", message);
}

function checkPresignedWindow({ query, signedAt, now }: TimeFacts): void {
  const expiresText = query.get(QUERY.expires);
  const expires = Number(expiresText);
  if (expiresText === null || !Number.isInteger(expires) || expires < 1) {
    throw new AwsError(
      "AuthorizationQueryParametersError",
      "X-Amz-Expires must be a positive integer number of seconds.",
    );
  }
  if (expires > MAX_PRESIGN_SECONDS) {
    throw new AwsError(
      "AuthorizationQueryParametersError",
      "X-Amz-Expires must be less than a week (in seconds) that is 604800",
    );
  }
  if (now > signedAt + expires * 1000) throw new AwsError("AccessDenied", "Request has expired");
  if (signedAt > now + 15 * MINUTE) throw new AwsError("AccessDenied", "Request is not yet valid");
}
