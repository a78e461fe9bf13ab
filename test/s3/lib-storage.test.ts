// The JS SDK's managed upload, @aws-sdk/lib-storage's Upload, against keyless over a socket: a
// 100 MiB stream goes as a multipart upload with the SDK's default CRC32 part checksums, and
// comes back byte for byte.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { MiB, patternStream, sha256Of } from "./big-files.js";
import { freshBucket, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("lib-storage");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(() => fx.keyless.stop());

test("lib-storage's Upload sends 100 MiB in parts that read back byte for byte", async () => {
  const size = 100 * MiB;
  const upload = new Upload({
    client: fx.s3,
    params: { Bucket: bucket, Key: "managed.bin", Body: patternStream(size), ContentType: "a/b" },
    partSize: 8 * MiB,
    queueSize: 4,
  });
  const done = await upload.done();
  assert.match(done.ETag ?? "", /^"[0-9a-f]{32}-13"$/, `ETag ${done.ETag}`);

  const head = await fx.s3.send(
    new HeadObjectCommand({ Bucket: bucket, Key: "managed.bin", ChecksumMode: "ENABLED" }),
  );
  assert.equal(head.ContentLength, size);
  assert.equal(head.ContentType, "a/b");
  assert.equal(head.ChecksumType, "COMPOSITE");
  assert.match(head.ChecksumCRC32 ?? "", /^[A-Za-z0-9+/]{6}==-13$/, `CRC32 ${head.ChecksumCRC32}`);

  const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "managed.bin" }));
  const received = await sha256Of(got.Body as AsyncIterable<Uint8Array>);
  assert.equal(received, await sha256Of(patternStream(size)), "SHA-256 of the object read back");

  const open = await fx.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  assert.equal(open.Uploads, undefined, "uploads left in progress");
});
