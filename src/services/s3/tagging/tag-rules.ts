// The rules a tag set must keep (Amazon S3 User Guide, "Categorizing your objects using tags"
// and "Using cost allocation S3 bucket tags"): an object has at most 10 tags and a bucket 50,
// each key unique, of 1 to 128 Unicode characters, each value of up to 256, both case-sensitive
// and made of letters, digits, white space and + - = . _ : / @; the aws: prefix is AWS's own.
import { AwsError } from "../../../errors/aws-error.js";

export type TagScope = "object" | "bucket";

const MAX_TAGS: Readonly<Record<TagScope, number>> = { object: 10, bucket: 50 };
const MAX_KEY_CHARACTERS = 128;
const MAX_VALUE_CHARACTERS = 256;
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const characters = (text: string): number => [...text].length;

function invalidTag(message: string): AwsError {
  return new AwsError("InvalidTag", message);
}

/** The tags as a record in the order given, or the error S3 answers for the first broken rule. */
export function checkTags(pairs: readonly [string, string][], scope: TagScope) {
  const limit = MAX_TAGS[scope];
  if (pairs.length > limit) {
    // S3 answers a count over the limit with BadRequest, the other rules with InvalidTag.
    throw scope === "object"
      ? new AwsError("BadRequest", `Object tags cannot be greater than ${limit}`)
      : invalidTag(`Bucket tag count cannot be greater than ${limit}`);
  }

  const tags: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (Object.hasOwn(tags, key))
      throw invalidTag("Cannot provide multiple Tags with the same key");
    if (key === "" || !ALLOWED.test(key))
      throw invalidTag("The TagKey you have provided is invalid");
    if (characters(key) > MAX_KEY_CHARACTERS) {
      throw invalidTag(`The TagKey you have provided is too long, max ${MAX_KEY_CHARACTERS}`);
    }
    if (!ALLOWED.test(value)) throw invalidTag("The TagValue you have provided is invalid");
    if (characters(value) > MAX_VALUE_CHARACTERS) {
      throw invalidTag(`The TagValue you have provided is too long, max ${MAX_VALUE_CHARACTERS}`);
    }
    if (key.toLowerCase().startsWith("aws:")) {
      throw invalidTag("System tags cannot be added/updated by requester");
    }
    tags[key] = value;
  }
  return tags;
}
