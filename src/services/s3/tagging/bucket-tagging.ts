// PutBucketTagging, GetBucketTagging and DeleteBucketTagging on /bucket?tagging. A bucket
// without tags answers GetBucketTagging with NoSuchTagSet; PutBucketTagging replaces the whole
// set and, like DeleteBucketTagging, answers 204 (Amazon S3 API Reference, PutBucketTagging,
// GetBucketTagging, DeleteBucketTagging).
import { AwsError } from "../../../errors/aws-error.js";
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { verifyDocumentIntegrity } from "../checksum/document-integrity.js";
import { sendEmpty, sendXml } from "../reply.js";
import { checkTags } from "./tag-rules.js";
import { parseTagging, taggingDocument } from "./tagging-document.js";

async function putBucketTagging(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  const body = await call.smallBody();
  verifyDocumentIntegrity(body, call.header);
  const tags = checkTags(parseTagging(body), "bucket");

  if (Object.keys(tags).length === 0) await call.ctx.model.bucketTags.delete(bucket.name);
  else await call.ctx.model.bucketTags.put(bucket.name, tags);
  sendEmpty(call.ctx.res, 204);
}

async function getBucketTagging(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  const tags = await call.ctx.model.bucketTags.get(bucket.name);
  if (tags === undefined) {
    throw new AwsError("NoSuchTagSet", undefined, { fields: { BucketName: bucket.name } });
  }
  sendXml(call.ctx.res, "Tagging", taggingDocument(tags));
}

async function deleteBucketTagging(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  await call.ctx.model.bucketTags.delete(bucket.name);
  sendEmpty(call.ctx.res, 204);
}

export const PutBucketTagging: S3Handler = { run: putBucketTagging };
export const GetBucketTagging: S3Handler = { run: getBucketTagging };
export const DeleteBucketTagging: S3Handler = { run: deleteBucketTagging };
