// ListObjects (version 1): GET /bucket (Amazon S3 API Reference, ListObjects). Unlike version 2
// it pages with a marker, always names each object's owner, and sends NextMarker only when a
// delimiter is given; without one, a client resumes from the last Key.
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { sendXml } from "../reply.js";
import { commonPrefixEntries, contentsEntry } from "./contents.js";
import { listPage } from "./page.js";
import { listParams } from "./params.js";
import { encoderFor } from "./url-encode.js";

async function listObjects(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const params = listParams(ctx.query);
  const marker = ctx.query.get("marker") ?? "";

  const page = await listPage(
    (from, limit) =>
      ctx.model.objects.list(bucket.name, { prefix: params.prefix, after: from, limit }),
    { prefix: params.prefix, delimiter: params.delimiter, after: marker, maxKeys: params.pageSize },
  );

  const encode = encoderFor(params.encodeUrl);
  const nextMarker = page.isTruncated && params.delimiter !== "" ? page.last : undefined;
  sendXml(ctx.res, "ListBucketResult", {
    Name: bucket.name,
    Prefix: encode(params.prefix),
    Marker: encode(marker),
    ...(nextMarker === undefined ? {} : { NextMarker: encode(nextMarker) }),
    MaxKeys: params.maxKeys,
    ...(params.delimiter === "" ? {} : { Delimiter: encode(params.delimiter) }),
    IsTruncated: page.isTruncated,
    ...(params.encodeUrl ? { EncodingType: "url" } : {}),
    Contents: page.contents.map((record) => contentsEntry(record, encode, bucket)),
    CommonPrefixes: commonPrefixEntries(page.commonPrefixes, encode),
  });
}

export const ListObjects: S3Handler = { run: listObjects };
