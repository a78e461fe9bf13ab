// Documents whose loss in transit S3 refuses to risk: DeleteObjects, PutObjectTagging and
// PutBucketTagging bodies must come with Content-MD5 or an additional checksum, so that S3 can
// tell the document arrived whole ("requires the Content-MD5 header or an x-amz-checksum-*
// header", Amazon S3 API Reference, DeleteObjects).
import { createHash } from "node:crypto";
import { startChecksum } from "../../../checksums/checksums.js";
import { AwsError } from "../../../errors/aws-error.js";
import { checksumHeader, wireName } from "./algorithms.js";
import { declaredChecksum, declaredMd5 } from "./declared.js";

type Header = (name: string) => string | undefined;

export function verifyDocumentIntegrity(body: string, header: Header): void {
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
