// Tags as the EC2 Query protocol flattens them (`Tag.N.Key`, `Tag.N.Value`), and the rules a tag
// must follow. Limits: EC2 API reference, Tag ("a maximum of 127 Unicode characters. May not begin
// with aws:" for keys, 256 for values) and "Tag your Amazon EC2 resources" (50 tags a resource).
import { AwsError } from "../../errors/aws-error.js";
import { INSTANCE_RESOURCE_TYPE, PARAM, UNMODELLED_LAUNCH_RESOURCE_TYPES } from "./constants.js";
import { listIndexes } from "./params.js";

export const MAX_TAGS = 50;
const MAX_KEY_LENGTH = 127;
const MAX_VALUE_LENGTH = 256;
const RESERVED_PREFIX = "aws:";

/**
 * With instance tags in metadata, each key becomes a path segment under tags/instance/, so keys
 * are limited to letters, digits and + - = . , _ : @, and may not be ".", ".." or "_index"
 * ("View tags for your EC2 instances using instance metadata", EC2 User Guide).
 */
const METADATA_TAG_KEY = /^[A-Za-z0-9+\-=.,_:@]+$/;
const METADATA_RESERVED_KEYS = [".", "..", "_index"];

export interface TagParam {
  key: string;
  /** Absent when the request named only the key (DeleteTags). */
  value: string | undefined;
}

/** The tags under `prefix`: `prefix.N.Key` with `prefix.N.Value`, in index order. */
export function tagParams(params: URLSearchParams, prefix: string): TagParam[] {
  const tags: TagParam[] = [];
  for (const index of listIndexes(params, prefix)) {
    const key = params.get(`${prefix}.${index}.Key`);
    if (key === null) continue;
    tags.push({ key, value: params.get(`${prefix}.${index}.Value`) ?? undefined });
  }
  return tags;
}

/** Tags to set: each checked, a missing value stored as "", a repeated key's last value kept. */
export function tagsToSet(tags: readonly TagParam[]): Record<string, string> {
  const set = new Map<string, string>();
  for (const { key, value = "" } of tags) {
    checkTag(key, value);
    set.set(key, value);
  }
  // fromEntries defines own properties, so that even a key such as "__proto__" stays a tag.
  return Object.fromEntries(set);
}

/** The instance tags of RunInstances' TagSpecification.N; other modelled types are refused. */
export function launchTags(params: URLSearchParams): Record<string, string> {
  const prefix = PARAM.tagSpecification;
  let tags: Record<string, string> = {};
  for (const index of listIndexes(params, prefix)) {
    const type = params.get(`${prefix}.${index}.ResourceType`);
    if (type === null || type === "") {
      throw new AwsError(
        "MissingParameter",
        `The request must contain the parameter ${prefix}.${index}.ResourceType`,
      );
    }
    const specified = tagsToSet(tagParams(params, `${prefix}.${index}.${PARAM.tag}`));
    if (type === INSTANCE_RESOURCE_TYPE) tags = { ...tags, ...specified };
    else if (!(UNMODELLED_LAUNCH_RESOURCE_TYPES as readonly string[]).includes(type)) {
      throw new AwsError(
        "InvalidParameterValue",
        `'${type}' is not a valid taggable resource type for this operation.`,
      );
    }
  }
  checkCount(tags);
  return tags;
}

export function checkCount(tags: Readonly<Record<string, string>>): void {
  if (Object.keys(tags).length > MAX_TAGS) {
    throw new AwsError(
      "TagLimitExceeded",
      `The maximum number of tags for a resource is ${MAX_TAGS}; remove some before adding more.`,
    );
  }
}

/** Refuses keys that cannot appear under meta-data/tags/instance/ when that category is on. */
export function checkMetadataTagKeys(keys: Iterable<string>): void {
  for (const key of keys) {
    if (METADATA_TAG_KEY.test(key) && !METADATA_RESERVED_KEYS.includes(key)) continue;
    throw new AwsError(
      "InvalidParameterValue",
      `The tag key '${key}' cannot be used while instance tags are in instance metadata: use ` +
        "letters, digits and + - = . , _ : @ only, and not '.', '..' or '_index'.",
    );
  }
}

function checkTag(key: string, value: string): void {
  if (key === "" || [...key].length > MAX_KEY_LENGTH) {
    throw new AwsError(
      "InvalidParameterValue",
      `Tag key '${key}' must be 1 to ${MAX_KEY_LENGTH} characters long.`,
    );
  }
  if (key.toLowerCase().startsWith(RESERVED_PREFIX)) {
    throw new AwsError(
      "InvalidParameterValue",
      `Tag key '${key}' is invalid: keys starting with '${RESERVED_PREFIX}' are reserved for AWS.`,
    );
  }
  if ([...value].length > MAX_VALUE_LENGTH) {
    throw new AwsError(
      "InvalidParameterValue",
      `The value of tag '${key}' is longer than ${MAX_VALUE_LENGTH} characters.`,
    );
  }
}
