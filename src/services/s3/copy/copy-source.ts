// x-amz-copy-source: the object CopyObject and UploadPartCopy read, written "bucket/key" with an
// optional leading slash and "?versionId=…", the whole URL-encoded (Amazon S3 API Reference,
// CopyObject). Reading it takes s3:GetObject on the source as well as the operation's own
// s3:PutObject on the target.
import { GET_OBJECT, objectArn, s3Action, versionContext } from "../../../catalog/s3.js";
import { AwsError } from "../../../errors/aws-error.js";
import type { BucketRecord, ObjectRecord } from "../../../model/types.js";
import type { S3Call } from "../call.js";
import { findObjectOrDeny } from "../object/find.js";
import { existingTagContext } from "../tagging/tag-context.js";
import { checkCopyConditions } from "./copy-conditions.js";

export interface CopySource {
  bucket: string;
  key: string;
  /** The version the header names after "?versionId=", if any. */
  versionId?: string;
}

function invalidSource(value: string): AwsError {
  return new AwsError("InvalidArgument", "Invalid copy source object key", {
    fields: { ArgumentName: "x-amz-copy-source", ArgumentValue: value },
  });
}

/**
 * The bucket and key the header names, and its versionId. Buckets here are never versioned, so
 * the current object is the only version there is ("null"); naming it still takes
 * s3:GetObjectVersion rather than s3:GetObject.
 */
export function parseCopySource(value: string): CopySource {
  const at = value.indexOf("?");
  const path = at < 0 ? value : value.slice(0, at);
  const versionId = at < 0 ? null : new URLSearchParams(value.slice(at + 1)).get("versionId");
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw invalidSource(value);
  }
  const rest = decoded.startsWith("/") ? decoded.slice(1) : decoded;
  const slash = rest.indexOf("/");
  if (slash <= 0 || slash === rest.length - 1) throw invalidSource(value);
  return {
    bucket: rest.slice(0, slash),
    key: rest.slice(slash + 1),
    ...(versionId === null ? {} : { versionId }),
  };
}

export interface ReadableSource {
  bucket: BucketRecord;
  record: ObjectRecord;
}

/**
 * The source object once the caller may read it and its x-amz-copy-source-if-* conditions hold.
 * A missing bucket or key is told only to a caller allowed to know, as for GetObject.
 */
export async function readableSource(call: S3Call, source: CopySource): Promise<ReadableSource> {
  const { ctx } = call;
  const bucket = await ctx.model.buckets.find(source.bucket);
  const current = bucket && (await ctx.model.objects.find(source.bucket, source.key));
  await ctx.authorize({
    action: s3Action(GET_OBJECT, source.versionId),
    resource: objectArn(source.bucket, source.key),
    ...(bucket === undefined ? {} : { resourceAccount: bucket.account }),
    context: { ...existingTagContext(current?.tags), ...versionContext(source.versionId) },
  });
  if (bucket === undefined) {
    throw new AwsError("NoSuchBucket", undefined, { fields: { BucketName: source.bucket } });
  }
  if (source.versionId !== undefined && source.versionId !== "null") {
    throw new AwsError(
      "NotImplemented",
      "keyless buckets are never versioned: the only version of an object is null",
      { fields: { Header: "x-amz-copy-source" } },
    );
  }
  const record = current ?? (await findObjectOrDeny(ctx, bucket, source.key));
  checkCopyConditions(call.header, record);
  return { bucket, record };
}
