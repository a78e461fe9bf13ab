// The additional checksums S3 accepts (x-amz-checksum-*), each as S3 shows it: the base64 of the
// big-endian digest. https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { Crc32c } from "@aws-crypto/crc32c";
import { Crc64Nvme } from "./crc64nvme.js";

export const CHECKSUM_ALGORITHMS = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface RunningChecksum {
  update(data: Buffer): void;
  /** base64 of the digest. */
  digest(): string;
}

function crcBase64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString("base64");
}

export function startChecksum(algorithm: ChecksumAlgorithm): RunningChecksum {
  switch (algorithm) {
    case "crc32": {
      let value = 0;
      return {
        update: (data) => {
          value = crc32(data, value);
        },
        digest: () => crcBase64(value),
      };
    }
    case "crc32c": {
      const running = new Crc32c();
      return {
        update: (data) => {
          running.update(data);
        },
        digest: () => crcBase64(running.digest()),
      };
    }
    case "crc64nvme": {
      const running = new Crc64Nvme();
      return {
        update: (data) => running.update(data),
        digest: () => running.digest().toString("base64"),
      };
    }
    case "sha1":
    case "sha256": {
      const hash = createHash(algorithm);
      return { update: (data) => hash.update(data), digest: () => hash.digest("base64") };
    }
  }
}

/** "x-amz-checksum-crc32" → "crc32"; undefined for a header that is not a known checksum. */
export function checksumAlgorithmOf(headerName: string): ChecksumAlgorithm | undefined {
  const name = headerName.toLowerCase().replace(/^x-amz-checksum-/, "");
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(name)
    ? (name as ChecksumAlgorithm)
    : undefined;
}
