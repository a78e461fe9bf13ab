// ListMultipartUploads: GET /bucket?uploads lists the uploads in progress, by key in UTF-8
// order and, for one key, oldest first; paged by key-marker and upload-id-marker, with keys
// rolled up into CommonPrefixes by a delimiter as ListObjects does (Amazon S3 API Reference,
// ListMultipartUploads).
import type { UploadRecord } from "../../../model/types.js";
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { MAX_LIST_ENTRIES, STORAGE_CLASS } from "../constants.js";
import { commonPrefixOf } from "../list/page.js";
import { listParams } from "../list/params.js";
import { encoderFor } from "../list/url-encode.js";
import { compareUtf8 } from "../list/utf8-order.js";
import { isoDate, sendXml } from "../reply.js";
import { initiatorElements } from "./initiator.js";
import { integerParameter } from "./list-parts.js";

const byKeyThenAge = (a: UploadRecord, b: UploadRecord): number =>
  compareUtf8(a.key, b.key) || a.initiated - b.initiated || compareUtf8(a.uploadId, b.uploadId);

/**
 * The uploads after the markers: "If upload-id-marker is not specified, only the keys
 * lexicographically greater than the specified key-marker will be included"; with it, the
 * marker key's uploads after that one are too. A key-marker that is a common prefix (a
 * NextKeyMarker of an earlier page) skips every key under it.
 */
function afterMarkers(
  sorted: UploadRecord[],
  keyMarker: string,
  uploadIdMarker: string,
  rolledUp: string | undefined,
): UploadRecord[] {
  if (keyMarker === "") return sorted;
  const markerAt = sorted.findIndex(
    (upload) => upload.key === keyMarker && upload.uploadId === uploadIdMarker,
  );
  return sorted.filter((upload, index) => {
    if (rolledUp !== undefined && upload.key.startsWith(rolledUp)) return false;
    const order = compareUtf8(upload.key, keyMarker);
    if (order !== 0) return order > 0;
    return uploadIdMarker !== "" && markerAt !== -1 && index > markerAt;
  });
}

async function listMultipartUploads(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const { prefix, delimiter, encodeUrl } = listParams(ctx.query);
  const maxUploads = integerParameter(ctx.query, "max-uploads", MAX_LIST_ENTRIES);
  const pageSize = Math.min(maxUploads, MAX_LIST_ENTRIES);
  const keyMarker = ctx.query.get("key-marker") ?? "";
  const uploadIdMarker = ctx.query.get("upload-id-marker") ?? "";

  const all = (await ctx.model.uploads.list(bucket.name))
    .filter((upload) => upload.key.startsWith(prefix))
    .sort(byKeyThenAge);
  const rolledUp = commonPrefixOf(keyMarker, prefix, delimiter);
  const remaining = afterMarkers(
    all,
    keyMarker,
    uploadIdMarker,
    rolledUp === keyMarker ? rolledUp : undefined,
  );

  const uploads: UploadRecord[] = [];
  const prefixes: string[] = [];
  let isTruncated = false;
  let next: { key: string; uploadId: string } | undefined;
  for (const upload of remaining) {
    const shared = commonPrefixOf(upload.key, prefix, delimiter);
    if (shared !== undefined && shared === prefixes.at(-1)) continue;
    if (uploads.length + prefixes.length === pageSize) {
      isTruncated = true;
      break;
    }
    if (shared === undefined) uploads.push(upload);
    else prefixes.push(shared);
    next = { key: shared ?? upload.key, uploadId: shared === undefined ? upload.uploadId : "" };
  }

  const encode = encoderFor(encodeUrl);
  sendXml(ctx.res, "ListMultipartUploadsResult", {
    Bucket: bucket.name,
    KeyMarker: encode(keyMarker),
    UploadIdMarker: uploadIdMarker,
    ...(isTruncated && next !== undefined
      ? { NextKeyMarker: encode(next.key), NextUploadIdMarker: next.uploadId }
      : {}),
    ...(delimiter === "" ? {} : { Delimiter: encode(delimiter) }),
    ...(prefix === "" ? {} : { Prefix: encode(prefix) }),
    MaxUploads: maxUploads,
    IsTruncated: isTruncated,
    Upload: uploads.map((upload) => ({
      Key: encode(upload.key),
      UploadId: upload.uploadId,
      ...initiatorElements(upload),
      StorageClass: STORAGE_CLASS,
      Initiated: isoDate(upload.initiated),
      ...(upload.checksumAlgorithm === undefined
        ? {}
        : { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType }),
    })),
    CommonPrefixes: prefixes.map((shared) => ({ Prefix: encode(shared) })),
    ...(encodeUrl ? { EncodingType: "url" } : {}),
  });
}

export const ListMultipartUploads: S3Handler = { run: listMultipartUploads };
