// The body of DeleteObjects, <Delete><Object><Key>k</Key></Object>…<Quiet>true</Quiet></Delete>:
// at most 1,000 keys, sent with Content-MD5 or an additional checksum so that S3 can tell the
// list arrived whole (Amazon S3 API Reference, DeleteObjects).
import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { startChecksum } from "../../../checksums/checksums.js";
import { AwsError } from "../../../errors/aws-error.js";
import { checksumHeader, wireName } from "../checksum/algorithms.js";
import { declaredChecksum, declaredMd5 } from "../checksum/declared.js";

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
  keys: string[];
  quiet: boolean;
}

type Header = (name: string) => string | undefined;

export function parseDeleteRequest(body: string, header: Header): DeleteRequest {
  verifyIntegrity(body, header);
  if (XMLValidator.validate(body) !== true) throw new AwsError("MalformedXML");
  const document = parser.parse(body) as { Delete?: { Object?: unknown[]; Quiet?: unknown } };
  const objects = document.Delete?.Object;
  if (!Array.isArray(objects) || objects.length === 0 || objects.length > MAX_KEYS_PER_DELETE) {
    throw new AwsError("MalformedXML");
  }
  const keys = objects.map((object) => {
    const key = (object as { Key?: unknown }).Key;
    if (typeof key !== "string" || key === "") throw new AwsError("MalformedXML");
    return key;
  });
  const quiet = String(document.Delete?.Quiet ?? "false").trim() === "true";
  return { keys, quiet };
}

function verifyIntegrity(body: string, header: Header): void {
  const bytes = Buffer.from(body, "utf8");
  const md5 = declaredMd5(header);
  const declared = declaredChecksum(header);
  if (md5 === undefined && declared?.expected === undefined) {
    throw new AwsError(
      "InvalidRequest",
      "Missing required header for this request: Content-MD5 or x-amz-checksum-*",
    );
  }
  if (md5 !== undefined && md5 !== createHash("md5").update(bytes).digest("base64")) {
    throw new AwsError("BadDigest");
  }
  if (declared?.expected !== undefined) {
    const checksum = startChecksum(declared.algorithm);
    checksum.update(bytes);
    if (checksum.digest() !== declared.expected) {
      throw new AwsError(
        "BadDigest",
        `The ${wireName(declared.algorithm)} you specified did not match the calculated checksum.`,
        { fields: { Header: checksumHeader(declared.algorithm) } },
      );
    }
  }
}
