// CompleteMultipartUpload: POST /bucket/key?uploadId=… with the list of parts makes them the
// object (Amazon S3 API Reference, CompleteMultipartUpload). The parts' bytes stream, in order,
// into the object's blob, never held whole; the object appears, and the upload and all its
// parts go, in one transaction. S3 may answer 200 before it has finished and send an error in
// the body; keyless finishes first and answers once, so an error always has its own status.
import { pipeline, type Readable } from "node:stream";
import { AwsError } from "../../../errors/aws-error.js";
import type { UploadDigest } from "../../../model/objects.js";
import type { PartRecord, UploadRecord } from "../../../model/types.js";
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { checksumElements, checksumHeader, wireName } from "../checksum/algorithms.js";
import { DigestStream } from "../checksum/digest-stream.js";
import { FULL_OBJECT, SERVER_SIDE_ENCRYPTION } from "../constants.js";
import { writePrecondition } from "../object/write-conditions.js";
import { sendXml } from "../reply.js";
import { readDocument } from "../small-body.js";
import { chooseParts } from "./chosen-parts.js";
import { compositeChecksum, multipartEtag } from "./combined-digests.js";
import { parseCompleteRequest } from "./complete-request.js";
import { uploadAlgorithm } from "./upload-checksum.js";
import { uploadOf } from "./upload-params.js";

/** 10,000 parts with checksums run past the 1 MiB other documents are held to. */
const MAX_COMPLETE_DOCUMENT_BYTES = 8 * 1024 * 1024;

/**
 * The object's bytes, and how its digests are told once they have streamed: a composite
 * checksum is known from the parts alone, a full-object one only from the bytes.
 */
function assemble(call: S3Call, upload: UploadRecord, parts: readonly PartRecord[]) {
  const bytes = call.ctx.model.uploads.read(parts);
  const algorithm = uploadAlgorithm(upload);
  const etag = multipartEtag(parts);

  if (algorithm === undefined || upload.checksumType !== FULL_OBJECT) {
    const composite = algorithm === undefined ? undefined : compositeChecksum(algorithm, parts);
    const checksums: Record<string, string> =
      algorithm === undefined || composite === undefined
        ? {}
        : { [wireName(algorithm)]: composite };
    return { body: bytes as Readable, finish: (): UploadDigest => ({ etag, checksums }) };
  }

  const digest = new DigestStream(algorithm);
  pipeline(bytes, digest, () => {});
  const expected = call.header(checksumHeader(algorithm))?.trim();
  return {
    body: digest as Readable,
    finish(): UploadDigest {
      const { checksum } = digest.digests();
      if (checksum === undefined || (expected !== undefined && expected !== checksum)) {
        throw new AwsError(
          "BadDigest",
          `The ${wireName(algorithm)} you specified did not match the calculated checksum.`,
        );
      }
      return { etag, checksums: { [wireName(algorithm)]: checksum } };
    },
  };
}

/** Where the object is: path style, or virtual-hosted when the Host header named the bucket. */
function location(call: S3Call, bucket: string, key: string): string {
  const host = call.header("host") ?? "localhost";
  const path = key.split("/").map(encodeURIComponent).join("/");
  return host.startsWith(`${bucket}.`)
    ? `http://${host}/${path}`
    : `http://${host}/${bucket}/${path}`;
}

async function completeMultipartUpload(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const key = requireKey(call);
  const upload = await uploadOf(call);
  const requested = parseCompleteRequest(
    await readDocument(ctx.body(), MAX_COMPLETE_DOCUMENT_BYTES),
  );
  const precondition = writePrecondition(call.header, key);

  const uploaded = await ctx.model.uploads.parts(upload.uploadId);
  const parts = chooseParts(
    upload,
    new Map(uploaded.map((part) => [part.partNumber, part])),
    requested,
  );
  const { body, finish } = assemble(call, upload, parts);
  const record = await ctx.model.uploads.complete(
    upload,
    parts,
    {
      bucket: bucket.name,
      key,
      contentType: upload.contentType,
      metadata: upload.metadata,
      ...(upload.headers === undefined ? {} : { headers: upload.headers }),
      ...(upload.tags === undefined ? {} : { tags: upload.tags }),
      checksums: {},
      partSizes: parts.map((part) => part.size),
    },
    body,
    finish,
    precondition,
  );

  const result = {
    Location: location(call, bucket.name, key),
    Bucket: bucket.name,
    Key: key,
    ETag: record.etag,
    ...checksumElements(record.checksums),
  };
  sendXml(ctx.res, "CompleteMultipartUploadResult", result, 200, SERVER_SIDE_ENCRYPTION);
}

export const CompleteMultipartUpload: S3Handler = { run: completeMultipartUpload };
