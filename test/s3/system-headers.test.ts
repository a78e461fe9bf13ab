import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { freshBucket, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("system-headers");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(() => fx.keyless.stop());

const EXPIRES = new Date("2030-01-02T03:04:05Z");

test("Content-Encoding, -Disposition, -Language, Cache-Control and Expires come back", async () => {
  await fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "described",
      Body: "x",
      ContentEncoding: "gzip",
      ContentDisposition: 'attachment; filename="x.txt"',
      ContentLanguage: "fr-CA",
      CacheControl: "no-store",
      Expires: EXPIRES,
    }),
  );
  for (const described of [
    await fx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "described" })),
    await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "described" })),
  ]) {
    assert.equal(described.ContentEncoding, "gzip");
    assert.equal(described.ContentDisposition, 'attachment; filename="x.txt"');
    assert.equal(described.ContentLanguage, "fr-CA");
    assert.equal(described.CacheControl, "no-store");
    assert.equal(described.Expires?.getTime(), EXPIRES.getTime(), `Expires ${described.Expires}`);
  }
});

test("aws-chunked describes the upload, not the object, and is not kept", async () => {
  await fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "chunked",
      Body: Readable.from([Buffer.from("streamed body")]),
      ContentLength: 13,
      ContentEncoding: "gzip",
      ChecksumAlgorithm: "CRC32",
    }),
  );
  const head = await fx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "chunked" }));
  assert.equal(head.ContentEncoding, "gzip");

  await fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "chunked-plain",
      Body: Readable.from([Buffer.from("plain")]),
      ContentLength: 5,
      ChecksumAlgorithm: "CRC32",
    }),
  );
  const plain = await fx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "chunked-plain" }));
  assert.equal(plain.ContentEncoding, undefined, `Content-Encoding ${plain.ContentEncoding}`);
});

test("response-* parameters still override the stored headers", async () => {
  const got = await fx.s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: "described", ResponseCacheControl: "max-age=5" }),
  );
  assert.equal(got.CacheControl, "max-age=5");
  assert.equal(got.ContentLanguage, "fr-CA");
});
