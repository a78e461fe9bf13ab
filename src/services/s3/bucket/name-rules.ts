// General purpose bucket naming rules (Amazon S3 User Guide, "General purpose bucket naming
// rules"). A name that breaks one answers InvalidBucketName on CreateBucket.
import { isIPv4 } from "node:net";
import { AwsError } from "../../../errors/aws-error.js";

const SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Prefixes and suffixes S3 keeps for access points, Object Lambda, directory buckets and more. */
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) {
    return "Bucket names must be between 3 (min) and 63 (max) characters long.";
  }
  if (!SHAPE.test(name)) {
    return (
      "Bucket names can consist only of lowercase letters, numbers, periods (.), and hyphens " +
      "(-), and must begin and end with a letter or number."
    );
  }
  if (name.includes("..")) return "Bucket names must not contain two adjacent periods.";
  if (isIPv4(name)) return "Bucket names must not be formatted as an IP address.";
  if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) {
    return "Bucket names must not start with a reserved prefix.";
  }
  if (RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    return "Bucket names must not end with a reserved suffix.";
  }
  return undefined;
}

/**
 * S3 answers every broken rule with the same message; the rule that was broken is logged by
 * the caller, not sent.
 */
export function assertBucketName(name: string): void {
  if (bucketNameProblem(name) !== undefined) {
    throw new AwsError("InvalidBucketName", undefined, { fields: { BucketName: name } });
  }
}
