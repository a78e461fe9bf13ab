// PutObject: PUT /bucket/key (Amazon S3 API Reference, PutObject). The body streams through a
// digest into storage; the object becomes visible only once Content-MD5 and the additional
// checksum, if any, match what arrived. A mismatch, or a body that fails its SigV4 or chunk
// checks on the way, leaves the previous object in place.
import { pipeline } from "node:stream";
import { AwsError } from "../../../errors/aws-error.js";
import type { UploadDigest } from "../../../model/objects.js";
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { checksumHeaders, wireName } from "../checksum/algorithms.js";
import {
  type DeclaredChecksum,
  declaredChecksum,
  declaredMd5,
  trailerValue,
} from "../checksum/declared.js";
import { DigestStream } from "../checksum/digest-stream.js";
import { DEFAULT_CONTENT_TYPE, MAX_PUT_BYTES, SERVER_SIDE_ENCRYPTION } from "../constants.js";
import { sendEmpty } from "../reply.js";
import { userMetadata } from "./metadata.js";
import { writePrecondition } from "./write-conditions.js";

/** The decoded length when aws-chunked framing wraps the body, else Content-Length. */
function declaredLength(call: S3Call): number | undefined {
  const text = call.header("x-amz-decoded-content-length") ?? call.header("content-length");
  return text === undefined ? undefined : Number(text);
}

async function putObject(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const key = requireKey(call);

  const length = declaredLength(call);
  if (length !== undefined && length > MAX_PUT_BYTES) {
    throw new AwsError("EntityTooLarge", undefined, {
      fields: { ProposedSize: String(length), MaxSizeAllowed: String(MAX_PUT_BYTES) },
    });
  }
  const precondition = writePrecondition(call.header, key);
  const md5 = declaredMd5(call.header);
  const declared = declaredChecksum(call.header);
  const metadata = userMetadata(ctx.req.headers);

  const digest = new DigestStream(declared?.algorithm);
  // pipeline() hands a failure of the request body (a bad chunk signature, a short body) on to
  // the digest, and so to storage, which then keeps nothing.
  pipeline(ctx.body, digest, () => {});
  const record = await ctx.model.objects.put(
    {
      bucket: bucket.name,
      key,
      contentType: call.header("content-type") ?? DEFAULT_CONTENT_TYPE,
      metadata,
      checksums: {},
    },
    digest,
    () => verifyUpload(digest, md5, declared, ctx.trailers()),
    precondition,
  );

  sendEmpty(ctx.res, 200, {
    ETag: record.etag,
    ...SERVER_SIDE_ENCRYPTION,
    ...checksumHeaders(record.checksums),
  });
}

/** Runs once the body has ended: compares digests, and names the object's ETag and checksum. */
function verifyUpload(
  digest: DigestStream,
  md5: string | undefined,
  declared: DeclaredChecksum | undefined,
  trailers: ReadonlyMap<string, string>,
): UploadDigest {
  const computed = digest.digests();
  if (md5 !== undefined && md5 !== computed.md5.toString("base64")) {
    throw new AwsError("BadDigest", undefined, {
      fields: {
        ExpectedDigest: Buffer.from(md5, "base64").toString("hex"),
        CalculatedDigest: computed.md5.toString("hex"),
      },
    });
  }

  const checksums: Record<string, string> = {};
  if (declared !== undefined && computed.checksum !== undefined) {
    const expected = trailerValue(declared, trailers);
    if (expected !== undefined && expected !== computed.checksum) {
      throw new AwsError(
        "BadDigest",
        `The ${wireName(declared.algorithm)} you specified did not match the calculated checksum.`,
      );
    }
    checksums[wireName(declared.algorithm)] = computed.checksum;
  }

  // "The ETag reflects changes only to the contents of an object": for a single PUT it is the
  // hex MD5 of the bytes, quoted (Amazon S3 API Reference, "Object" data type, ETag).
  return { etag: `"${computed.md5.toString("hex")}"`, checksums };
}

export const PutObject: S3Handler = { run: putObject };
