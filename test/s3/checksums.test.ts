import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { after, before, test } from "node:test";
import { crc32 } from "node:zlib";
import { Crc32c } from "@aws-crypto/crc32c";
import {
  type ChecksumAlgorithm,
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("checksums");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(() => fx.keyless.stop());

const BODY = Buffer.from("The quick brown fox jumps over the lazy dog");

function crcBase64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString("base64");
}

/** Each algorithm's digest of BODY, computed here independently of keyless. */
const EXPECTED: Record<string, string> = {
  CRC32: crcBase64(crc32(BODY)),
  CRC32C: crcBase64(new Crc32c().update(BODY).digest()),
  SHA1: createHash("sha1").update(BODY).digest("base64"),
  SHA256: createHash("sha256").update(BODY).digest("base64"),
};

const md5Base64 = (bytes: Buffer): string => createHash("md5").update(bytes).digest("base64");

for (const algorithm of ["CRC32", "CRC32C", "SHA1", "SHA256"] as const) {
  test(`a ${algorithm} checksum is verified, stored and returned when asked for`, async () => {
    const key = `sum-${algorithm}`;
    const put = await fx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: BODY,
        ChecksumAlgorithm: algorithm as ChecksumAlgorithm,
      }),
    );
    const field = `Checksum${algorithm}` as const;
    assert.equal(put[field], EXPECTED[algorithm], `PutObject ${field} ${put[field]}`);

    const head = await fx.s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }),
    );
    assert.equal(head[field], EXPECTED[algorithm], `HeadObject ${field} ${head[field]}`);
    assert.equal(head.ChecksumType, "FULL_OBJECT");
  });
}

test("the SDK's default CRC32 comes back on GetObject and the SDK validates the body", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "default", Body: BODY }));
  const got = await fx.s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: "default", ChecksumMode: "ENABLED" }),
  );
  assert.equal(got.ChecksumCRC32, EXPECTED.CRC32, `ChecksumCRC32 ${got.ChecksumCRC32}`);
  assert.equal(await got.Body?.transformToString(), BODY.toString());
});

// S3 refuses an aws-chunked body with a chunk other than the last under 8 KiB; the JS SDK then
// advises requestStreamBufferSize, which makes it gather the stream into chunks of that size.
test("a streamed body in small chunks is InvalidChunkSizeError, as on S3", async () => {
  const error = await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "small-chunks",
        Body: Readable.from([BODY.subarray(0, 10), BODY.subarray(10)]),
        ContentLength: BODY.length,
        ChecksumAlgorithm: "SHA256",
      }),
    ),
    "InvalidChunkSizeError",
    400,
  );
  assert.match(error.message, /requestStreamBufferSize/);
});

test("a streamed body's trailing checksum is verified and stored", async () => {
  const buffered = new S3Client({
    endpoint: fx.keyless.endpoint,
    region: "us-east-1",
    credentials: { ...fx.keyless.root },
    forcePathStyle: true,
    maxAttempts: 1,
    requestStreamBufferSize: 65_536,
  });
  const put = await buffered.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "streamed",
      Body: Readable.from([BODY.subarray(0, 10), BODY.subarray(10)]),
      ContentLength: BODY.length,
      ChecksumAlgorithm: "SHA256",
    }),
  );
  assert.equal(
    put.ChecksumSHA256,
    EXPECTED.SHA256,
    `PutObject ChecksumSHA256 ${put.ChecksumSHA256}`,
  );
  const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "streamed" }));
  assert.equal(await got.Body?.transformToString(), BODY.toString());
});

test("a checksum that does not match answers BadDigest and keeps the old object", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "kept", Body: "original" }));
  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "kept",
        Body: BODY,
        ChecksumCRC32: EXPECTED.CRC32C,
      }),
    ),
    "BadDigest",
    400,
  );
  const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "kept" }));
  assert.equal(await got.Body?.transformToString(), "original", "body after a failed PutObject");
});

test("a wrong Content-MD5 is BadDigest and a malformed one InvalidDigest", async () => {
  const good = await fx.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "md5", Body: BODY, ContentMD5: md5Base64(BODY) }),
  );
  assert.equal(good.$metadata.httpStatusCode, 200);
  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "md5",
        Body: BODY,
        ContentMD5: md5Base64(Buffer.from("other")),
      }),
    ),
    "BadDigest",
    400,
  );
  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "md5", Body: BODY, ContentMD5: "not-md5" }),
    ),
    "InvalidDigest",
    400,
  );
});

test("a checksum value of the wrong length answers InvalidRequest", async () => {
  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "bad", Body: BODY, ChecksumSHA256: "AAAA" }),
    ),
    "InvalidRequest",
    400,
  );
});

test("a ranged GetObject carries no whole-object checksum", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "ranged", Body: BODY }));
  const got = await fx.s3.send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: "ranged",
      Range: "bytes=0-2",
      ChecksumMode: "ENABLED",
    }),
  );
  assert.equal(got.ChecksumCRC32, undefined, `ChecksumCRC32 ${got.ChecksumCRC32}`);
  assert.equal(await got.Body?.transformToString(), "The");
});
