// A pass-through that hashes what flows through it: MD5 for the ETag, and the one additional
// checksum the request asked for. The object's bytes go on to storage untouched and unbuffered.
import { createHash, type Hash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import {
  type ChecksumAlgorithm,
  type RunningChecksum,
  startChecksum,
} from "../../../checksums/checksums.js";

export class DigestStream extends Transform {
  private readonly md5: Hash = createHash("md5");
  private readonly checksum: RunningChecksum | undefined;

  constructor(readonly algorithm: ChecksumAlgorithm | undefined) {
    super();
    this.checksum = algorithm === undefined ? undefined : startChecksum(algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.md5.update(chunk);
    this.checksum?.update(chunk);
    done(null, chunk);
  }

  /** Both digests, once the body has ended: MD5 as bytes, the checksum as S3's base64. */
  digests(): { md5: Buffer; checksum: string | undefined } {
    return { md5: this.md5.digest(), checksum: this.checksum?.digest() };
  }
}
