// CopyObject: PUT /bucket/key with x-amz-copy-source makes a new object of another's bytes
// (Amazon S3 API Reference, CopyObject). The bytes stream from the source's blob to a new one,
// hashed on the way: the copy's ETag is their MD5, as for any object written in one request,
// and its checksum is computed whole in the algorithm asked for, else the source's. Metadata and
// tags come from the source (directive COPY, the default) or from the request (REPLACE).

import { pipeline } from "node:stream";
import { AwsError } from "../../../errors/aws-error.js";
import type { ObjectRecord } from "../../../model/types.js";
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { checksumElements, parseAlgorithm, wireName } from "../checksum/algorithms.js";
import { DigestStream } from "../checksum/digest-stream.js";
import { md5Etag } from "../checksum/verify-digests.js";
import { MAX_PUT_BYTES, SERVER_SIDE_ENCRYPTION } from "../constants.js";
import {
  type ObjectAttributes,
  objectAttributes,
  refuseUnsupportedWrite,
} from "../object/new-object.js";
import { writePrecondition } from "../object/write-conditions.js";
import { isoDate, sendXml } from "../reply.js";
import { authorizeTagging } from "../tagging/authorize-tagging.js";
import { requestHeaderTags } from "../tagging/tag-context.js";
import { parseCopySource, readableSource } from "./copy-source.js";

type Directive = "COPY" | "REPLACE";

function directive(call: S3Call, name: string, what: string): Directive {
  const value = call.header(name);
  if (value === undefined) return "COPY";
  const upper = value.trim().toUpperCase();
  if (upper === "COPY" || upper === "REPLACE") return upper;
  throw new AwsError("InvalidArgument", `Unknown ${what} directive.`, {
    fields: { ArgumentName: name, ArgumentValue: value },
  });
}

/** Headers that change an object copied onto itself, besides a REPLACE of its metadata. */
const IN_PLACE_CHANGES = [
  "x-amz-server-side-encryption",
  "x-amz-storage-class",
  "x-amz-website-redirect-location",
];

/** The copy's checksum algorithm: the one the request names, else the source's, if any. */
function copyAlgorithm(call: S3Call, source: ObjectRecord) {
  const named = call.header("x-amz-checksum-algorithm");
  const algorithm = parseAlgorithm(named ?? Object.keys(source.checksums)[0] ?? "");
  if (named !== undefined && algorithm === undefined) {
    throw new AwsError("InvalidRequest", "Value for x-amz-checksum-algorithm header is invalid.");
  }
  return algorithm;
}

function copiedAttributes(source: ObjectRecord): ObjectAttributes {
  return {
    contentType: source.contentType,
    metadata: source.metadata,
    ...(source.headers === undefined ? {} : { headers: source.headers }),
  };
}

async function copyObject(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucket = requireBucket(call);
  const key = requireKey(call);
  refuseUnsupportedWrite(call, bucket.account);
  const metadataDirective = directive(call, "x-amz-metadata-directive", "metadata");
  const taggingDirective = directive(call, "x-amz-tagging-directive", "tagging");
  const requested = objectAttributes(call);
  const precondition = writePrecondition(call.header, key);
  const sourceName = parseCopySource(call.header("x-amz-copy-source") ?? "");
  const { record: source } = await readableSource(call, sourceName);

  const onItself = sourceName.bucket === bucket.name && sourceName.key === key;
  const changes =
    metadataDirective === "REPLACE" ||
    IN_PLACE_CHANGES.some((name) => call.header(name) !== undefined);
  if (onItself && !changes) {
    throw new AwsError(
      "InvalidRequest",
      "This copy request is illegal because it is trying to copy an object to itself without " +
        "changing the object's metadata, storage class, website redirect location or " +
        "encryption attributes.",
    );
  }
  if (source.size > MAX_PUT_BYTES) {
    throw new AwsError(
      "InvalidRequest",
      "The specified copy source is larger than the maximum allowable size for a copy source: " +
        `${MAX_PUT_BYTES}`,
    );
  }

  const { tags: requestedTags, ...requestedRest } = requested;
  const described = metadataDirective === "REPLACE" ? requestedRest : copiedAttributes(source);
  const tags = taggingDirective === "REPLACE" ? requestedTags : source.tags;
  if (taggingDirective === "REPLACE") await authorizeTagging(call, bucket, key, tags);

  const algorithm = copyAlgorithm(call, source);
  const digest = new DigestStream(algorithm);
  pipeline(ctx.model.objects.read(source), digest, () => {});
  const record = await ctx.model.objects.put(
    {
      bucket: bucket.name,
      key,
      ...described,
      ...(tags === undefined ? {} : { tags }),
      checksums: {},
    },
    digest,
    function finishCopy() {
      const { md5, checksum } = digest.digests();
      const checksums: Record<string, string> =
        algorithm === undefined || checksum === undefined
          ? {}
          : { [wireName(algorithm)]: checksum };
      return { etag: md5Etag(md5), checksums };
    },
    precondition,
  );

  const result = {
    ETag: record.etag,
    LastModified: isoDate(record.lastModified),
    ...checksumElements(record.checksums),
  };
  sendXml(ctx.res, "CopyObjectResult", result, 200, SERVER_SIDE_ENCRYPTION);
}

/** Tags the request sets count as request tags only when they replace the source's. */
async function copyContext(call: S3Call) {
  return call.header("x-amz-tagging-directive")?.trim().toUpperCase() === "REPLACE"
    ? requestHeaderTags(call)
    : {};
}

export const CopyObject: S3Handler = { prepare: copyContext, run: copyObject };
