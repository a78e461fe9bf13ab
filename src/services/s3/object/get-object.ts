// GetObject and HeadObject: the same answer, with and without the bytes
// (Amazon S3 API Reference, GetObject and HeadObject). A large body streams from storage to the
// socket and is never held whole; a small one is sent in one write.

import { pipeline } from "node:stream/promises";
import { httpDate } from "../../../clock/time-text.js";
import { AwsError } from "../../../errors/aws-error.js";
import { clientWentAway } from "../../../server/client-gone.js";
import { WHOLE_READ_BYTES } from "../../../store/blob-store.js";
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { refuseEncryptionOnRead } from "../encryption-headers.js";
import { partNumberOf } from "../multipart/upload-params.js";
import { sendEmpty } from "../reply.js";
import { existingObjectTags } from "../tagging/tag-context.js";
import { evaluateConditions } from "./conditions.js";
import { findObjectOrDeny } from "./find.js";
import { parseRange, partRange } from "./range.js";
import { objectHeaders } from "./response-headers.js";

/** ?partNumber=, which S3 will not take together with a Range header. */
function requestedPart(call: S3Call): number | undefined {
  if (!call.ctx.query.has("partNumber")) return undefined;
  const partNumber = partNumberOf(call.ctx.query);
  if (call.header("range") !== undefined) {
    throw new AwsError(
      "InvalidRequest",
      "Cannot specify both Range header and partNumber query parameter",
    );
  }
  return partNumber;
}

async function describeObject(call: S3Call, withBody: boolean): Promise<void> {
  const { ctx } = call;
  refuseEncryptionOnRead(call.header);
  const bucket = requireBucket(call);
  const partNumber = requestedPart(call);
  const record = await findObjectOrDeny(ctx, bucket, requireKey(call), call.namedObject);

  if (evaluateConditions(call.header, record) === "not-modified") {
    sendEmpty(ctx.res, 304, { ETag: record.etag, "Last-Modified": httpDate(record.lastModified) });
    return;
  }

  let range: ReturnType<typeof parseRange>;
  try {
    range =
      partNumber === undefined
        ? parseRange(call.header("range"), record.size)
        : partRange(record, partNumber);
  } catch (error) {
    // RFC 9110, section 15.5.17: a 416 names the current length in Content-Range.
    if (error instanceof AwsError) ctx.res.setHeader("Content-Range", `bytes */${record.size}`);
    throw error;
  }

  const headers = objectHeaders(record, {
    range,
    query: ctx.query,
    checksumMode: call.header("x-amz-checksum-mode")?.toUpperCase() === "ENABLED",
  });
  // "x-amz-mp-parts-count: ... only returned if you specify partNumber in your request and the
  // object was uploaded as a multipart upload" (GetObject, Response Syntax).
  if (partNumber !== undefined && record.partSizes !== undefined) {
    headers["x-amz-mp-parts-count"] = record.partSizes.length;
  }
  const status = range === undefined ? 200 : 206;
  if (!withBody || headers["Content-Length"] === 0) {
    ctx.res.writeHead(status, headers).end();
    return;
  }
  if (record.size <= WHOLE_READ_BYTES) {
    // Read before the status line, so a failed read can still be answered InternalError.
    const bytes = await ctx.model.objects.bytes(record);
    ctx.res.writeHead(status, headers);
    ctx.res.end(range === undefined ? bytes : bytes.subarray(range.start, range.end + 1));
    return;
  }

  ctx.res.writeHead(status, headers);
  try {
    await pipeline(ctx.model.objects.read(record, range), ctx.res);
  } catch (error) {
    // The status line is gone; all that is left is to cut the connection, so that the client
    // sees a short body rather than a complete one. A client that hung up needs no log line.
    ctx.res.destroy();
    if (!clientWentAway(ctx.req, error) && !ctx.res.writableFinished) {
      ctx.log.internalError({ requestId: ctx.requestId }, error);
    }
  }
}

export const GetObject: S3Handler = {
  prepare: existingObjectTags,
  run: (call) => describeObject(call, true),
};
export const HeadObject: S3Handler = {
  prepare: existingObjectTags,
  run: (call) => describeObject(call, false),
};
