// PutObjectTagging, GetObjectTagging and DeleteObjectTagging: PUT, GET and DELETE on
// /bucket/key?tagging replace, read and remove an object's tag set without touching its bytes,
// ETag or Last-Modified (Amazon S3 API Reference, PutObjectTagging, GetObjectTagging,
// DeleteObjectTagging). Each answers for the object as GetObject does when it is missing.
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { verifyDocumentIntegrity } from "../checksum/document-integrity.js";
import { findObjectOrDeny } from "../object/find.js";
import { sendEmpty, sendXml } from "../reply.js";
import { existingObjectTags, requestTagContext } from "./tag-context.js";
import { checkTags } from "./tag-rules.js";
import { parseTagging, taggingDocument } from "./tagging-document.js";

/** The tags asked for (s3:RequestObjectTag/…) and the tags there are (s3:ExistingObjectTag/…). */
async function putTaggingContext(call: S3Call) {
  let requested: [string, string][] = [];
  try {
    requested = parseTagging(await call.smallBody());
  } catch {
    // A document that does not parse sets no key; run() answers for it once authorized.
  }
  return { ...(await existingObjectTags(call)), ...requestTagContext(requested) };
}

async function putObjectTagging(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const key = requireKey(call);
  const body = await call.smallBody();
  verifyDocumentIntegrity(body, call.header);
  const tags = checkTags(parseTagging(body), "object");

  await findObjectOrDeny(ctx, bucket, key);
  await ctx.model.objects.setTags(
    bucket.name,
    key,
    Object.keys(tags).length > 0 ? tags : undefined,
  );
  sendEmpty(ctx.res, 200);
}

async function getObjectTagging(call: S3Call): Promise<void> {
  const record = await findObjectOrDeny(
    call.ctx,
    requireBucket(call),
    requireKey(call),
    call.namedObject,
  );
  sendXml(call.ctx.res, "Tagging", taggingDocument(record.tags ?? {}));
}

async function deleteObjectTagging(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  const key = requireKey(call);
  await findObjectOrDeny(call.ctx, bucket, key);
  await call.ctx.model.objects.setTags(bucket.name, key, undefined);
  sendEmpty(call.ctx.res, 204);
}

export const PutObjectTagging: S3Handler = { prepare: putTaggingContext, run: putObjectTagging };
export const GetObjectTagging: S3Handler = { prepare: existingObjectTags, run: getObjectTagging };
export const DeleteObjectTagging: S3Handler = {
  prepare: existingObjectTags,
  run: deleteObjectTagging,
};
