// The body of CompleteMultipartUpload: <CompleteMultipartUpload><Part><PartNumber>1</PartNumber>
// <ETag>"…"</ETag><ChecksumCRC32>…</ChecksumCRC32></Part>…</CompleteMultipartUpload>, the parts
// in ascending order of number (Amazon S3 API Reference, CompleteMultipartUpload and
// "CompletedPart").
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../../../errors/aws-error.js";
import { CHECKSUM_ALGORITHMS, wireName } from "../checksum/algorithms.js";
import { parseXmlDocument } from "../xml-document.js";

export interface CompletedPart {
  partNumber: number;
  /** As sent, quotes and all. */
  etag: string;
  /** Checksums the request gives for the part, by wire name (CRC32, SHA256). */
  checksums: Record<string, string>;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (_name, path) => path === "CompleteMultipartUpload.Part",
});

const CHECKSUM_NAMES = CHECKSUM_ALGORITHMS.map(wireName);

function completedPart(element: unknown): CompletedPart {
  const fields = (element ?? {}) as Record<string, unknown>;
  const number = String(fields.PartNumber ?? "").trim();
  const etag = fields.ETag;
  if (!/^\d{1,5}$/.test(number) || typeof etag !== "string") throw new AwsError("MalformedXML");
  const checksums: Record<string, string> = {};
  for (const name of CHECKSUM_NAMES) {
    const value = fields[`Checksum${name}`];
    if (typeof value === "string") checksums[name] = value.trim();
  }
  return { partNumber: Number(number), etag: etag.trim(), checksums };
}

export function parseCompleteRequest(body: string): CompletedPart[] {
  const document = parseXmlDocument<{ CompleteMultipartUpload?: { Part?: unknown[] } }>(
    parser,
    body,
  );
  const elements = document.CompleteMultipartUpload?.Part;
  if (!Array.isArray(elements) || elements.length === 0) throw new AwsError("MalformedXML");

  const parts = elements.map(completedPart);
  for (let index = 1; index < parts.length; index++) {
    if (
      (parts[index] as CompletedPart).partNumber <= (parts[index - 1] as CompletedPart).partNumber
    ) {
      throw new AwsError("InvalidPartOrder");
    }
  }
  return parts;
}
