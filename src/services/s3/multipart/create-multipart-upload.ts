// CreateMultipartUpload: POST /bucket/key?uploads starts an upload and names it by an upload id
// (Amazon S3 API Reference, CreateMultipartUpload). Everything the object will be besides its
// bytes is fixed here: content type, metadata, system headers, tags and checksum algorithm.

import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { SERVER_SIDE_ENCRYPTION } from "../constants.js";
import { objectAttributes, refuseUnsupportedWrite } from "../object/new-object.js";
import { sendXml } from "../reply.js";
import { authorizeTagging } from "../tagging/authorize-tagging.js";
import { requestHeaderTags } from "../tagging/tag-context.js";
import { uploadChecksum } from "./upload-checksum.js";

async function createMultipartUpload(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const key = requireKey(call);
  refuseUnsupportedWrite(call, bucket.account);
  const attributes = objectAttributes(call);
  const checksum = uploadChecksum(call.header);
  await authorizeTagging(call, bucket, key, attributes.tags);

  const upload = await ctx.model.uploads.create({
    bucket: bucket.name,
    key,
    initiator: { account: ctx.auth.caller.account, arn: ctx.auth.caller.arn },
    ...attributes,
    ...checksum,
  });

  const headers = {
    ...SERVER_SIDE_ENCRYPTION,
    ...(upload.checksumAlgorithm === undefined || upload.checksumType === undefined
      ? {}
      : {
          "x-amz-checksum-algorithm": upload.checksumAlgorithm,
          "x-amz-checksum-type": upload.checksumType,
        }),
  };
  const result = { Bucket: bucket.name, Key: key, UploadId: upload.uploadId };
  sendXml(ctx.res, "InitiateMultipartUploadResult", result, 200, headers);
}

export const CreateMultipartUpload: S3Handler = {
  prepare: requestHeaderTags,
  run: createMultipartUpload,
};
