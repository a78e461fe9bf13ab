// PutObject: PUT /bucket/key (Amazon S3 API Reference, PutObject). The body streams through a
// digest into storage; the object becomes visible only once Content-MD5 and the additional
// checksum, if any, match what arrived. A mismatch, or a body that fails its SigV4 or chunk
// checks on the way, leaves the previous object in place.

import { pipeline } from "node:stream";
import { AwsError } from "../../../errors/aws-error.js";
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { checksumHeaders, wireName } from "../checksum/algorithms.js";
import { declaredChecksum, declaredMd5 } from "../checksum/declared.js";
import { DigestStream } from "../checksum/digest-stream.js";
import { checkedByBody, md5Etag, verifyDigests } from "../checksum/verify-digests.js";
import { MAX_PUT_BYTES, SERVER_SIDE_ENCRYPTION } from "../constants.js";
import { sendEmpty } from "../reply.js";
import { authorizeTagging } from "../tagging/authorize-tagging.js";
import { requestHeaderTags } from "../tagging/tag-context.js";
import { whileReadingBody } from "./hang-up.js";
import { objectAttributes, refuseUnsupportedWrite } from "./new-object.js";
import { writePrecondition } from "./write-conditions.js";

/** The decoded length when aws-chunked framing wraps the body, else Content-Length. */
export function declaredLength(call: S3Call): number | undefined {
  const text = call.header("x-amz-decoded-content-length") ?? call.header("content-length");
  return text === undefined ? undefined : Number(text);
}

async function putObject(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const key = requireKey(call);
  refuseUnsupportedWrite(call, bucket.account);

  const length = declaredLength(call);
  if (length !== undefined && length > MAX_PUT_BYTES) {
    throw new AwsError("EntityTooLarge", undefined, {
      fields: { ProposedSize: String(length), MaxSizeAllowed: String(MAX_PUT_BYTES) },
    });
  }
  const precondition = writePrecondition(call.header, key);
  const md5 = declaredMd5(call.header);
  const declared = declaredChecksum(call.header);
  const attributes = objectAttributes(call);
  await authorizeTagging(call, bucket, key, attributes.tags);

  const byBody = checkedByBody(declared, ctx.auth.contentSha256);
  const digest = new DigestStream(byBody ? undefined : declared?.algorithm);
  // pipeline() hands a failure of the request body (a bad chunk signature, a short body) on to
  // the digest, and so to storage, which then keeps nothing.
  pipeline(ctx.body(), digest, () => {});
  const record = await whileReadingBody(
    ctx.model.objects.put(
      { bucket: bucket.name, key, ...attributes, checksums: {} },
      digest,
      function finishPut() {
        const verified = verifyDigests(digest, md5, declared, ctx.trailers(), byBody);
        const checksums: Record<string, string> = {};
        if (declared !== undefined && verified.checksum !== undefined) {
          checksums[wireName(declared.algorithm)] = verified.checksum;
        }
        return { etag: md5Etag(verified.md5), checksums };
      },
      precondition,
    ),
  );

  sendEmpty(ctx.res, 200, {
    ETag: record.etag,
    ...SERVER_SIDE_ENCRYPTION,
    ...checksumHeaders(record.checksums),
  });
}

export const PutObject: S3Handler = { prepare: requestHeaderTags, run: putObject };
