// What a multipart object's ETag and composite checksum are made of: not its bytes but its
// parts' digests. The ETag is the MD5 of the parts' binary MD5s, one after another, followed by
// "-" and the number of parts; a composite checksum is, in the same way, the checksum of the
// parts' decoded checksums, base64, with the same suffix (Amazon S3 User Guide, "Checking object
// integrity", "Multipart uploads").
import { createHash } from "node:crypto";
import { type ChecksumAlgorithm, startChecksum } from "../../../checksums/checksums.js";
import type { PartRecord } from "../../../model/types.js";

const bareEtag = (etag: string): string => etag.replace(/"/g, "");

export function multipartEtag(parts: readonly PartRecord[]): string {
  const md5 = createHash("md5");
  for (const part of parts) md5.update(Buffer.from(bareEtag(part.etag), "hex"));
  return `"${md5.digest("hex")}-${parts.length}"`;
}

/** undefined when a part has no checksum to combine. */
export function compositeChecksum(
  algorithm: ChecksumAlgorithm,
  parts: readonly PartRecord[],
): string | undefined {
  const checksum = startChecksum(algorithm);
  for (const part of parts) {
    if (part.checksum === undefined) return undefined;
    checksum.update(Buffer.from(part.checksum, "base64"));
  }
  return `${checksum.digest()}-${parts.length}`;
}
