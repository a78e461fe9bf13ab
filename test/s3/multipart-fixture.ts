// What the multipart test files share: a keyless with a bucket, and the upload steps through
// the real SDK with the parts' ETags and checksums as CompleteMultipartUpload wants them.
import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import {
  type ChecksumAlgorithm,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { MiB } from "./big-files.js";
import { freshBucket, startS3 } from "./fixture.js";

export const FIVE_MIB = randomBytes(5 * MiB);
export const TAIL = randomBytes(1000);

export const md5 = (bytes: Buffer): Buffer => createHash("md5").update(bytes).digest();

/** A CRC32 as S3 shows it, before base64: four big-endian bytes. */
export function crcBytes(bytes: Buffer): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes) >>> 0);
  return out;
}

export async function startMultipart(label: string) {
  const fx = await startS3();
  const bucket = freshBucket(label);
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));

  async function create(Key: string, extra: { ChecksumAlgorithm?: ChecksumAlgorithm } = {}) {
    const created = await fx.s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key, ...extra }),
    );
    return created.UploadId as string;
  }

  async function part(
    Key: string,
    UploadId: string,
    PartNumber: number,
    Body: Buffer,
    ChecksumAlgorithm?: ChecksumAlgorithm,
  ): Promise<CompletedPart> {
    const sent = await fx.s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key,
        UploadId,
        PartNumber,
        Body,
        ...(ChecksumAlgorithm ? { ChecksumAlgorithm } : {}),
      }),
    );
    const { ETag, ChecksumCRC32, ChecksumSHA256 } = sent;
    return {
      PartNumber,
      ETag,
      ...(ChecksumCRC32 ? { ChecksumCRC32 } : {}),
      ...(ChecksumSHA256 ? { ChecksumSHA256 } : {}),
    };
  }

  const complete = (Key: string, UploadId: string, Parts: CompletedPart[]) =>
    fx.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts },
      }),
    );

  async function read(Key: string): Promise<Buffer> {
    const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
    return Buffer.from(await (got.Body?.transformToByteArray() ?? new Uint8Array()));
  }

  return { ...fx, bucket, create, part, complete, read };
}

export type Multipart = Awaited<ReturnType<typeof startMultipart>>;
