// ListObjectsV2: GET /bucket?list-type=2 (Amazon S3 API Reference, ListObjectsV2).
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { sendXml } from "../reply.js";
import { commonPrefixEntries, contentsEntry } from "./contents.js";
import { listPage } from "./page.js";
import { decodeToken, encodeToken, listParams } from "./params.js";
import { encoderFor } from "./url-encode.js";

async function listObjectsV2(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const params = listParams(ctx.query);
  const token = ctx.query.get("continuation-token");
  const startAfter = ctx.query.get("start-after");
  // "ContinuationToken ... If you specify both, StartAfter is ignored" (ListObjectsV2).
  const after = token !== null ? decodeToken(token) : (startAfter ?? "");

  const page = await listPage(
    (from, limit) =>
      ctx.model.objects.list(bucket.name, { prefix: params.prefix, after: from, limit }),
    { prefix: params.prefix, delimiter: params.delimiter, after, maxKeys: params.pageSize },
  );

  const encode = encoderFor(params.encodeUrl);
  const owner = ctx.query.get("fetch-owner") === "true" ? bucket : undefined;
  sendXml(ctx.res, "ListBucketResult", {
    Name: bucket.name,
    Prefix: encode(params.prefix),
    ...(token === null ? {} : { ContinuationToken: token }),
    ...(page.isTruncated && page.last !== undefined
      ? { NextContinuationToken: encodeToken(page.last) }
      : {}),
    KeyCount: page.contents.length + page.commonPrefixes.length,
    MaxKeys: params.maxKeys,
    ...(params.delimiter === "" ? {} : { Delimiter: encode(params.delimiter) }),
    IsTruncated: page.isTruncated,
    ...(startAfter === null ? {} : { StartAfter: encode(startAfter) }),
    ...(params.encodeUrl ? { EncodingType: "url" } : {}),
    Contents: page.contents.map((record) => contentsEntry(record, encode, owner)),
    CommonPrefixes: commonPrefixEntries(page.commonPrefixes, encode),
  });
}

export const ListObjectsV2: S3Handler = { run: listObjectsV2 };
