// The body of DeleteObjects, <Delete><Object><Key>k</Key></Object>…<Quiet>true</Quiet></Delete>:
// at most 1,000 keys, sent with Content-MD5 or an additional checksum so that S3 can tell the
// list arrived whole (Amazon S3 API Reference, DeleteObjects).
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../../../errors/aws-error.js";
import { verifyDocumentIntegrity } from "../checksum/document-integrity.js";
import { parseXmlDocument } from "../xml-document.js";

const MAX_KEYS_PER_DELETE = 1000;

// Keys keep their spaces: values are not trimmed.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (_name, path) => path === "Delete.Object",
});

export interface DeleteRequest {
  objects: { key: string; versionId?: string }[];
  quiet: boolean;
}

type Header = (name: string) => string | undefined;

export function parseDeleteRequest(body: string, header: Header): DeleteRequest {
  verifyDocumentIntegrity(body, header);
  const document = parseXmlDocument<{ Delete?: { Object?: unknown[]; Quiet?: unknown } }>(
    parser,
    body,
  );
  const objects = document.Delete?.Object;
  if (!Array.isArray(objects) || objects.length === 0 || objects.length > MAX_KEYS_PER_DELETE) {
    throw new AwsError("MalformedXML");
  }
  const entries = objects.map((object) => {
    const { Key: key, VersionId: versionId } = object as { Key?: unknown; VersionId?: unknown };
    if (typeof key !== "string" || key === "") throw new AwsError("MalformedXML");
    if (versionId === undefined) return { key };
    if (typeof versionId !== "string") throw new AwsError("MalformedXML");
    return { key, versionId };
  });
  return { objects: entries, quiet: quietOf(document.Delete?.Quiet) };
}

// Quiet is an xsd:boolean: true, false, 1 or 0; anything else is a document S3 does not accept.
function quietOf(value: unknown): boolean {
  if (value === undefined) return false;
  const text = typeof value === "string" ? value.trim() : undefined;
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  throw new AwsError("MalformedXML");
}
