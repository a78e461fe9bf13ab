// When a signed request may arrive. Header-signed requests must be close to the server's time:
// 15 minutes for S3, 5 for the Query services. A presigned URL is instead valid from its date
// for X-Amz-Expires seconds (at most seven days), and is exempt from the skew check.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html ("Time stamp
// requirement", "Query string request authentication alternative")

import { isoSeconds } from "../clock/time-text.js";
import { AwsError } from "../errors/aws-error.js";
import type { ServiceName } from "../server/context.js";
import { QUERY } from "../sigv4/constants.js";
import type { SignatureClaim } from "../sigv4/parse-authorization.js";
import { formatAmzDate } from "./amz-date.js";

const MINUTE = 60_000;
const MAX_PRESIGN_SECONDS = 604_800;

export const skewAllowedMs = (service: ServiceName): number =>
  service === "s3" ? 15 * MINUTE : 5 * MINUTE;

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
    if (claim.location === "query" && service === "s3") {
      throw new AwsError(
        "AuthorizationQueryParametersError",
        `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
      );
    }
    throw new AwsError(
      service === "s3" ? "AccessDenied" : "IncompleteSignature",
      "AWS authentication requires a valid Date or x-amz-date header",
      service === "s3" ? {} : { status: 400 },
    );
  }
  const day = formatAmzDate(signedAt).slice(0, 8);
  if (claim.scope.date !== day) throw scopeDateMismatch(service, claim, amzDate, day);
  if (claim.location === "query" && (service === "s3" || facts.query.has(QUERY.expires))) {
    checkPresignedWindow(facts);
    return;
  }
  checkSkew(service, amzDate, signedAt, now);
}

/** A header-signed request (either signature version) too far from the server's clock. */
export function checkSkew(
  service: ServiceName,
  requestTime: string,
  signedAt: number,
  now: number,
): void {
  const allowed = skewAllowedMs(service);
  if (Math.abs(now - signedAt) <= allowed) return;
  // A request signed by this machine's own clock is not skewed either. When `keyless clock`
  // has moved the server's time, code under `keyless exec` signs with the moved time, while
  // the CLI and SDKs in an ordinary shell keep the real one; both are in step with something
  // the person controls, and expiry is still decided by the server's time alone.
  if (Math.abs(Date.now() - signedAt) <= allowed) return;
  if (service === "s3") {
    throw new AwsError("RequestTimeTooSkewed", undefined, {
      fields: {
        RequestTime: requestTime,
        ServerTime: isoSeconds(now),
        MaxAllowedSkewMilliseconds: String(allowed),
      },
    });
  }
  const stamp = formatAmzDate;
  const message =
    signedAt < now
      ? `Signature expired: ${requestTime} is now earlier than ${stamp(now - allowed)} (${stamp(now)} - 5 min.)`
      : `Signature not yet current: ${requestTime} is still later than ${stamp(now + allowed)} (${stamp(now)} + 5 min.)`;
  throw new AwsError("SignatureDoesNotMatch", message);
}

function scopeDateMismatch(
  service: ServiceName,
  claim: SignatureClaim,
  amzDate: string,
  day: string,
): AwsError {
  if (service === "s3" && claim.location === "query") {
    return new AwsError(
      "AuthorizationQueryParametersError",
      `Invalid credential date "${claim.scope.date}". This date is not the same as X-Amz-Date: "${day}".`,
    );
  }
  // S3 reads the Authorization header's scope before any signature: a 400, not a 403.
  if (service === "s3") {
    return new AwsError(
      "AuthorizationHeaderMalformed",
      "The authorization header is malformed; Invalid credential date. Date is not the same as " +
        "X-Amz-Date.",
    );
  }
  return new AwsError(
    "SignatureDoesNotMatch",
    `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.scope.date}' != '${day}', from '${amzDate}'.`,
  );
}

/** X-Amz-Expires: a whole number of seconds up to a week; valid from X-Amz-Date for that long. */
function checkPresignedWindow({ query, signedAt, now }: TimeFacts): void {
  const expiresText = query.get(QUERY.expires) ?? "";
  if (!/^-?\d+$/.test(expiresText)) {
    throw new AwsError("AuthorizationQueryParametersError", "X-Amz-Expires should be a number");
  }
  const expires = Number(expiresText);
  if (expires < 0) {
    throw new AwsError("AuthorizationQueryParametersError", "X-Amz-Expires must be non-negative");
  }
  if (expires > MAX_PRESIGN_SECONDS) {
    throw new AwsError(
      "AuthorizationQueryParametersError",
      "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires " +
        `must be less than ${MAX_PRESIGN_SECONDS} seconds`,
    );
  }
  const expiresAt = signedAt + expires * 1000;
  if (now > expiresAt) {
    throw new AwsError("AccessDenied", "Request has expired", {
      fields: {
        "X-Amz-Expires": expiresText,
        Expires: isoSeconds(expiresAt),
        ServerTime: isoSeconds(now),
      },
    });
  }
  // S3 writes this X-Amz-Date as milliseconds since the epoch, unlike the one it was sent.
  if (signedAt > now + skewAllowedMs("s3")) {
    throw new AwsError("AccessDenied", "Request is not yet valid", {
      fields: {
        "X-Amz-Date": String(signedAt),
        Expires: isoSeconds(expiresAt),
        ServerTime: isoSeconds(now),
      },
    });
  }
}

/** SigV2 query authentication: Expires is an absolute time, in seconds since the epoch. */
export function checkV2Expires(expiresText: string, now: number): number {
  if (!/^\d+$/.test(expiresText)) {
    throw new AwsError(
      "AccessDenied",
      `Invalid date (should be seconds since epoch): ${expiresText}`,
    );
  }
  const expiresAt = Number(expiresText) * 1000;
  if (now > expiresAt) {
    throw new AwsError("AccessDenied", "Request has expired", {
      fields: { Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(now) },
    });
  }
  return expiresAt;
}
