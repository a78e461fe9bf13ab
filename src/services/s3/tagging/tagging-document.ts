// The Tagging document of PutObjectTagging and PutBucketTagging, and of their Get replies:
// <Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>…</TagSet></Tagging>
// (Amazon S3 API Reference, "Tagging" and "Tag" data types).
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../../../errors/aws-error.js";
import { parseXmlDocument } from "../xml-document.js";

// Keys and values keep their spaces; a lone number stays text.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (_name, path) => path === "Tagging.TagSet.Tag",
});

/** The key-value pairs in document order; checking them against the tag rules is the caller's. */
export function parseTagging(body: string): [string, string][] {
  const document = parseXmlDocument<{ Tagging?: { TagSet?: unknown } }>(parser, body);
  const tagSet = document.Tagging?.TagSet;
  if (tagSet === undefined) throw new AwsError("MalformedXML");
  // <TagSet/> parses as "", an empty set.
  const tags =
    typeof tagSet === "object" && tagSet !== null ? (tagSet as { Tag?: unknown }).Tag : [];
  if (!Array.isArray(tags)) return [];
  return tags.map((tag) => {
    const { Key: key, Value: value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof key !== "string") throw new AwsError("MalformedXML");
    // <Value/> is an empty value; a Tag without Value does not match the schema.
    if (value !== "" && typeof value !== "string") throw new AwsError("MalformedXML");
    return [key, value];
  });
}

/** The reply body of GetObjectTagging and GetBucketTagging. */
export function taggingDocument(tags: Record<string, string>): Record<string, unknown> {
  return { TagSet: { Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } };
}
