// UploadPart: PUT /bucket/key?partNumber=N&uploadId=… stores one part (Amazon S3 API Reference,
// UploadPart). The body is read and checked as PutObject's is (Content-MD5, a checksum header
// or trailer, aws-chunked framing); its ETag is the part's MD5, and its checksum, in the
// upload's algorithm, is kept to make the object's composite checksum on completion.
import { pipeline } from "node:stream";
import { AwsError } from "../../../errors/aws-error.js";
import type { S3Call, S3Handler } from "../call.js";
import { checksumHeader } from "../checksum/algorithms.js";
import { declaredChecksum, declaredMd5 } from "../checksum/declared.js";
import { DigestStream } from "../checksum/digest-stream.js";
import { checkedByBody, md5Etag, verifyDigests } from "../checksum/verify-digests.js";
import { MAX_PUT_BYTES, SERVER_SIDE_ENCRYPTION } from "../constants.js";
import { whileReadingBody } from "../object/hang-up.js";
import { declaredLength } from "../object/put-object.js";
import { sendEmpty } from "../reply.js";
import { partAlgorithm, uploadAlgorithm } from "./upload-checksum.js";
import { partNumberOf, uploadOf } from "./upload-params.js";

async function uploadPart(call: S3Call): Promise<void> {
  const { ctx } = call;
  const partNumber = partNumberOf(ctx.query);
  const upload = await uploadOf(call);

  // A part holds at most 5 GiB (Amazon S3 User Guide, "Amazon S3 multipart upload limits");
  // the 5 MiB floor is checked on completion, when it is known which part is the last.
  const length = declaredLength(call);
  if (length !== undefined && length > MAX_PUT_BYTES) {
    throw new AwsError("EntityTooLarge", undefined, {
      fields: { ProposedSize: String(length), MaxSizeAllowed: String(MAX_PUT_BYTES) },
    });
  }
  const md5 = declaredMd5(call.header);
  const declared = declaredChecksum(call.header);
  const algorithm = partAlgorithm(upload, declared);
  const kept = uploadAlgorithm(upload) !== undefined;

  const byBody =
    checkedByBody(declared, ctx.auth.contentSha256) && algorithm === declared?.algorithm;
  const digest = new DigestStream(byBody ? undefined : algorithm);
  pipeline(ctx.body(), digest, () => {});
  let checksum: string | undefined;
  const part = await whileReadingBody(
    ctx.model.uploads.putPart(upload, partNumber, digest, function finishPart() {
      const verified = verifyDigests(digest, md5, declared, ctx.trailers(), byBody);
      checksum = verified.checksum;
      return { etag: md5Etag(verified.md5), checksum: kept ? verified.checksum : undefined };
    }),
  );

  sendEmpty(ctx.res, 200, {
    ETag: part.etag,
    ...SERVER_SIDE_ENCRYPTION,
    ...(algorithm === undefined || checksum === undefined
      ? {}
      : { [checksumHeader(algorithm)]: checksum }),
  });
}

export const UploadPart: S3Handler = { run: uploadPart };
