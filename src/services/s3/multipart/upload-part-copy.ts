// UploadPartCopy: UploadPart with x-amz-copy-source makes a part of another object's bytes, or
// of the range x-amz-copy-source-range names (Amazon S3 API Reference, UploadPartCopy). It needs
// s3:GetObject on the source besides s3:PutObject on the target; the part's ETag is the MD5 of
// the bytes copied, and its checksum is computed in the upload's algorithm.
import { pipeline } from "node:stream";
import { AwsError } from "../../../errors/aws-error.js";
import type { S3Call, S3Handler } from "../call.js";
import { DigestStream } from "../checksum/digest-stream.js";
import { md5Etag } from "../checksum/verify-digests.js";
import { MAX_PUT_BYTES } from "../constants.js";
import { copySourceRange } from "../copy/copy-range.js";
import { parseCopySource, readableSource } from "../copy/copy-source.js";
import { isoDate, sendXml } from "../reply.js";
import { uploadAlgorithm } from "./upload-checksum.js";
import { partNumberOf, uploadOf } from "./upload-params.js";

async function uploadPartCopy(call: S3Call): Promise<void> {
  const { ctx } = call;
  const partNumber = partNumberOf(ctx.query);
  const upload = await uploadOf(call);
  const { record: source } = await readableSource(
    call,
    parseCopySource(call.header("x-amz-copy-source") ?? ""),
  );
  const range = copySourceRange(call.header("x-amz-copy-source-range"), source.size);
  const length = range === undefined ? source.size : range.end - range.start + 1;
  if (length > MAX_PUT_BYTES) {
    throw new AwsError("EntityTooLarge", undefined, {
      fields: { ProposedSize: String(length), MaxSizeAllowed: String(MAX_PUT_BYTES) },
    });
  }

  const algorithm = uploadAlgorithm(upload);
  const digest = new DigestStream(algorithm);
  pipeline(ctx.model.objects.read(source, range), digest, () => {});
  const part = await ctx.model.uploads.putPart(upload, partNumber, digest, function finishCopy() {
    const { md5, checksum } = digest.digests();
    return { etag: md5Etag(md5), checksum };
  });

  sendXml(ctx.res, "CopyPartResult", {
    ETag: part.etag,
    LastModified: isoDate(part.lastModified),
    ...(upload.checksumAlgorithm === undefined || part.checksum === undefined
      ? {}
      : { [`Checksum${upload.checksumAlgorithm}`]: part.checksum }),
  });
}

export const UploadPartCopy: S3Handler = { run: uploadPartCopy };
