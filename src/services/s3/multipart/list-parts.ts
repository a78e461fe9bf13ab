// ListParts: GET /bucket/key?uploadId=… lists an upload's parts in number order, a page of
// max-parts (at most 1,000) after part-number-marker (Amazon S3 API Reference, ListParts).
import { AwsError } from "../../../errors/aws-error.js";
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { MAX_LIST_ENTRIES, STORAGE_CLASS } from "../constants.js";
import { isoDate, sendXml } from "../reply.js";
import { initiatorElements } from "./initiator.js";
import { uploadOf } from "./upload-params.js";

/** A whole number in a query parameter, or InvalidArgument as S3 words it. */
export function integerParameter(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value <= 2 ** 31 - 1)) {
    throw new AwsError(
      "InvalidArgument",
      `Provided ${name} not an integer or within integer range`,
      { fields: { ArgumentName: name, ArgumentValue: text } },
    );
  }
  return value;
}

async function listParts(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const key = requireKey(call);
  const upload = await uploadOf(call);
  const maxParts = integerParameter(ctx.query, "max-parts", MAX_LIST_ENTRIES);
  const marker = integerParameter(ctx.query, "part-number-marker", 0);

  const pageSize = Math.min(maxParts, MAX_LIST_ENTRIES);
  const parts = await ctx.model.uploads.parts(upload.uploadId, {
    after: marker,
    limit: pageSize + 1,
  });
  const page = parts.slice(0, pageSize);
  const algorithm = upload.checksumAlgorithm;

  sendXml(ctx.res, "ListPartsResult", {
    Bucket: bucket.name,
    Key: key,
    UploadId: upload.uploadId,
    PartNumberMarker: marker,
    NextPartNumberMarker: page.at(-1)?.partNumber ?? 0,
    MaxParts: maxParts,
    IsTruncated: parts.length > pageSize,
    Part: page.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: isoDate(part.lastModified),
      ETag: part.etag,
      Size: part.size,
      ...(algorithm === undefined || part.checksum === undefined
        ? {}
        : { [`Checksum${algorithm}`]: part.checksum }),
    })),
    ...initiatorElements(upload),
    StorageClass: STORAGE_CLASS,
    ...(algorithm === undefined
      ? {}
      : { ChecksumAlgorithm: algorithm, ChecksumType: upload.checksumType }),
  });
}

export const ListParts: S3Handler = { run: listParts };
