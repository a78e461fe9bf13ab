// Server-side encryption headers. keyless stores objects as S3 does by default, SSE-S3 (AES256),
// and has no customer keys and no KMS, so it refuses what it cannot do instead of reporting an
// encryption it did not apply: SSE-C over plain HTTP is S3's own 400 InvalidRequest ("must be
// made over a secure connection"), aws:kms is 501 NotImplemented, and an unknown method 400
// InvalidArgument.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  type ServerSideEncryption,
} from "@aws-sdk/client-s3";
import { freshBucket, objectExists, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("encryption");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(() => fx.keyless.stop());

const exists = (Key: string) => objectExists(fx.s3, bucket, Key);

const put = (Key: string, ServerSideEncryption: string) =>
  fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key,
      Body: "x",
      ServerSideEncryption: ServerSideEncryption as ServerSideEncryption,
    }),
  );

test("AES256 is what every object gets, and what PutObject answers", async () => {
  const done = await put("aes.txt", "AES256");
  assert.equal(done.ServerSideEncryption, "AES256");
});

test("a customer-provided key (SSE-C) over plain HTTP is refused, on writes and reads", async () => {
  const customerKey = {
    SSECustomerAlgorithm: "AES256",
    SSECustomerKey: randomBytes(32).toString("base64"),
  };
  const error = await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "sse-c.txt", Body: "x", ...customerKey }),
    ),
    "InvalidRequest",
    400,
  );
  assert.match(error.message, /must be made over a secure connection/);
  assert.equal(await exists("sse-c.txt"), false, "nothing was stored");
  await rejectsWith(
    fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "aes.txt", ...customerKey })),
    "InvalidRequest",
    400,
  );
});

test("aws:kms is not implemented, and an unknown method is InvalidArgument", async () => {
  await rejectsWith(put("kms.txt", "aws:kms"), "NotImplemented", 501);
  assert.equal(await exists("kms.txt"), false);
  const error = await rejectsWith(put("bogus.txt", "bogus"), "InvalidArgument", 400);
  assert.equal(error.message, "The encryption method specified is not supported");
  assert.equal(await exists("bogus.txt"), false);
});
