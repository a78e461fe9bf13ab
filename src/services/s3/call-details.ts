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
  const { bucket, key } = address;
  const requestParameters = {
    ...(bucket === undefined ? {} : { bucketName: bucket }),
    ...(host === undefined ? {} : { Host: host }),
    ...(key === undefined ? {} : { key }),
  };
  const bucketResource =
    bucket === undefined
      ? []
      : [
          {
            ...(owner === undefined ? {} : { accountId: owner }),
            type: "AWS::S3::Bucket",
            ARN: bucketArn(bucket),
          },
        ];
  const objectResource =
    bucket === undefined || key === undefined
      ? []
      : [{ type: "AWS::S3::Object", ARN: objectArn(bucket, key) }];
  const data = operation.scope === "object" || DATA_LISTINGS.has(name);
  return {
    requestParameters,
    resources: [...objectResource, ...bucketResource],
    category: data ? "Data" : "Management",
    ...(owner === undefined ? {} : { resourceAccount: owner }),
  };
}
