// GetBucketLocation: GET /bucket?location. A bucket in us-east-1 answers an empty
// LocationConstraint, as S3 always has (Amazon S3 API Reference, GetBucketLocation).
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { sendXml } from "../reply.js";

async function getBucketLocation(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  const body = bucket.region === "us-east-1" ? {} : { "#text": bucket.region };
  sendXml(call.ctx.res, "LocationConstraint", body);
}

export const GetBucketLocation: S3Handler = { run: getBucketLocation };
