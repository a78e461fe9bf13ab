// CreateBucketConfiguration: where a new bucket lives. A request without a LocationConstraint
// creates the bucket in us-east-1, which must therefore never be named explicitly; any other
// region must match the endpoint's, i.e. the region the request was signed for
// (Amazon S3 API Reference, CreateBucket).
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../../../errors/aws-error.js";
import { parseXmlDocument } from "../xml-document.js";

const US_EAST_1 = "us-east-1";

/**
 * The regions a LocationConstraint may name (Amazon S3 API Reference, CreateBucketConfiguration:
 * LocationConstraint's valid values, with the regions opened since; us-east-1 is named by naming
 * none). Another name, a misspelt one included, is InvalidLocationConstraint, as on S3.
 */
const LOCATION_CONSTRAINTS = new Set([
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
});

/** The LocationConstraint a CreateBucket body names, or undefined for none (or no body). */
export function parseLocationConstraint(body: string): string | undefined {
  if (body.trim() === "") return undefined;
  const document = parseXmlDocument<Record<string, unknown>>(parser, body);
  const configuration = document.CreateBucketConfiguration;
  if (configuration === undefined) throw new AwsError("MalformedXML");
  if (configuration === "" || typeof configuration !== "object" || configuration === null) {
    return undefined;
  }
  const constraint = (configuration as Record<string, unknown>).LocationConstraint;
  if (constraint === undefined || constraint === "") return undefined;
  if (typeof constraint !== "string") throw new AwsError("MalformedXML");
  return constraint.trim();
}

/** The region a new bucket goes to, or the error S3 answers for the constraint. */
export function bucketRegion(
  constraint: string | undefined,
  requestRegion: string,
  servedRegion: string,
): string {
  // keyless's own --region counts as real whatever it is, so that a made-up one still works.
  const known = constraint === undefined || LOCATION_CONSTRAINTS.has(constraint);
  if (constraint === US_EAST_1 || (!known && constraint !== servedRegion)) {
    throw new AwsError("InvalidLocationConstraint");
  }
  const region = constraint ?? US_EAST_1;
  // The us-east-1 endpoint creates a bucket in any region it is told to; the others only in
  // their own.
  if (requestRegion !== US_EAST_1 && region !== requestRegion) {
    const named = constraint === undefined ? "unspecified" : constraint;
    throw new AwsError(
      "IllegalLocationConstraintException",
      `The ${named} location constraint is incompatible for the region specific endpoint this ` +
        "request was sent to.",
    );
  }
  return region;
}
