// What the trail records of an S3 call besides who made it, in CloudTrail's form for S3 events:
// requestParameters with bucketName, Host and key; resources naming the object and the bucket
// with its owner; and the event's category, Data for object-level calls and listings,
// Management for the rest (AWS CloudTrail User Guide, "Logging data events"; Amazon S3 User
// Guide, "CloudTrail log file entries for Amazon S3").
import type { CallDetails } from "../../audit/cloudtrail-event.js";
import { bucketArn, objectArn, type S3Operation } from "../../catalog/s3.js";
import type { S3Address } from "./address.js";

/** Bucket-scoped operations that CloudTrail logs as data events. */
const DATA_LISTINGS = new Set(["ListObjects", "ListObjectsV2", "ListMultipartUploads"]);

export function s3CallDetails(
  name: string,
  operation: S3Operation,
  address: S3Address,
  host: string | undefined,
  owner: string | undefined,
): CallDetails {
  // Built by assignment, not object spreads: this runs on every S3 request.
  const { bucket, key } = address;
  const requestParameters: Record<string, string> = {};
  const resources: { type: string; ARN: string; accountId?: string }[] = [];
  if (bucket !== undefined) requestParameters.bucketName = bucket;
  if (host !== undefined) requestParameters.Host = host;
  if (key !== undefined) requestParameters.key = key;
  if (bucket !== undefined && key !== undefined) {
    resources.push({ type: "AWS::S3::Object", ARN: objectArn(bucket, key) });
  }
  if (bucket !== undefined) {
    const bucketResource: { type: string; ARN: string; accountId?: string } = {
      type: "AWS::S3::Bucket",
      ARN: bucketArn(bucket),
    };
    if (owner !== undefined) bucketResource.accountId = owner;
    resources.push(bucketResource);
  }
  const data = operation.scope === "object" || DATA_LISTINGS.has(name);
  const details: CallDetails = {
    requestParameters,
    resources,
    category: data ? "Data" : "Management",
  };
  if (owner !== undefined) details.resourceAccount = owner;
  return details;
}
