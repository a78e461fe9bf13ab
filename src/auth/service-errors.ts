// Each service names the same authentication failure differently; this is the one table of it.
import { AwsError } from "../errors/aws-error.js";
import type { ServiceName } from "../server/context.js";

export function unknownKeyError(service: ServiceName): AwsError {
  if (service === "s3") return new AwsError("InvalidAccessKeyId");
  if (service === "ec2") return new AwsError("AuthFailure");
  return new AwsError("InvalidClientTokenId");
}

/** A session key sent with a missing or wrong session token. */
export function badTokenError(service: ServiceName): AwsError {
  if (service === "s3") return new AwsError("InvalidToken");
  return unknownKeyError(service);
}

export function expiredTokenError(service: ServiceName): AwsError {
  if (service === "s3")
    return new AwsError("ExpiredToken", "The provided token has expired.", { status: 400 });
  if (service === "ec2") {
    return new AwsError("ExpiredToken", "The security token included in the request is expired", {
      status: 400,
    });
  }
  return new AwsError("ExpiredToken");
}

export function missingAuthenticationError(service: ServiceName): AwsError {
  if (service === "s3") return new AwsError("AccessDenied");
  if (service === "ec2") {
    return new AwsError(
      "MissingAuthenticationToken",
      "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.",
      { status: 401 },
    );
  }
  return new AwsError("MissingAuthenticationToken");
}
