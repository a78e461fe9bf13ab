// CreateBucketConfiguration: where a new bucket lives. A request without a LocationConstraint
// creates the bucket in us-east-1, which must therefore never be named explicitly; any other
// region must match the endpoint's, i.e. the region the request was signed for
// (Amazon S3 API Reference, CreateBucket).
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../../../errors/aws-error.js";
import { parseXmlDocument } from "../xml-document.js";

const US_EAST_1 = "us-east-1";

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
export function bucketRegion(constraint: string | undefined, requestRegion: string): string {
  if (constraint === US_EAST_1) throw new AwsError("InvalidLocationConstraint");
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
