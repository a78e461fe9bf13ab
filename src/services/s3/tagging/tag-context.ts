// The condition keys of object tags (Amazon S3 User Guide, "Tagging and access control
// policies"): s3:RequestObjectTag/<key> and s3:RequestObjectTagKeys for the tags a request sets
// (PutObject, CreateMultipartUpload, CopyObject, PutObjectTagging), s3:ExistingObjectTag/<key>
// for the tags of the object a request reads or retags (GetObject, HeadObject, GetObjectAcl and
// the tagging operations, among those keyless serves). S3 never offers
// ExistingObjectTag to PutObject or DeleteObject, so that an object's tags cannot guard it
// against being overwritten or deleted.
import type { S3Call } from "../call.js";
import { taggingPairs } from "./tagging-header.js";

export type ConditionContext = Record<string, string | string[]>;

export function requestTagContext(pairs: readonly [string, string][] | undefined) {
  const context: ConditionContext = {};
  if (pairs === undefined || pairs.length === 0) return context;
  context["s3:RequestObjectTagKeys"] = pairs.map(([key]) => key);
  for (const [key, value] of pairs) context[`s3:RequestObjectTag/${key}`] = value;
  return context;
}

export function existingTagContext(tags: Record<string, string> | undefined) {
  const context: ConditionContext = {};
  for (const [key, value] of Object.entries(tags ?? {})) {
    context[`s3:ExistingObjectTag/${key}`] = value;
  }
  return context;
}

/**
 * The tags of the object a request names, for a handler's prepare step. A missing bucket or key
 * adds nothing: whether the caller learns that is decided after authorization.
 */
export async function existingObjectTags(call: S3Call): Promise<ConditionContext> {
  const record = await call.namedObject();
  return existingTagContext(record?.tags);
}

/**
 * The tags in x-amz-tagging, for a handler's prepare step. A header that does not parse adds
 * nothing here; the handler rejects it once the caller is known to be allowed.
 */
export async function requestHeaderTags(call: S3Call): Promise<ConditionContext> {
  try {
    return requestTagContext(taggingPairs(call.header));
  } catch {
    return {};
  }
}
