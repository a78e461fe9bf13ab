// Server-side encryption headers. keyless stores objects as S3 does by default, SSE-S3 (AES256),
// and has no customer keys and no KMS, so it refuses what it cannot do instead of reporting an
// encryption it did not apply: SSE-C over plain HTTP is S3's own 400 InvalidRequest ("must be
// made over a secure connection"), aws:kms is 501 NotImplemented, an unknown method 400
// InvalidArgument, and so is a KMS key without aws:kms, or any method named on a read.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  type ServerSideEncryption,
} from "@aws-sdk/client-s3";
import { errorCode, sendRaw, signRaw } from "../support/sign.js";
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

test("a KMS key id without aws:kms is InvalidArgument, and nothing is stored", async () => {
  const error = await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "kms-key.txt",
        Body: "x",
        ServerSideEncryption: "AES256",
        SSEKMSKeyId: "alias/app",
      }),
    ),
    "InvalidArgument",
    400,
  );
  assert.match(error.message, /requires HTTP header x-amz-server-side-encryption : aws:kms/);
  assert.equal(await exists("kms-key.txt"), false);
});

test("a GetObject or HeadObject that names an encryption is InvalidArgument", async () => {
  await put("read.txt", "AES256");
  for (const method of ["GET", "HEAD"]) {
    const signed = await signRaw(fx.keyless.endpoint, fx.keyless.root, "s3", {
      method,
      path: `/${bucket}/read.txt`,
      headers: {
        "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
        "x-amz-server-side-encryption": "AES256",
      },
    });
    const response = await sendRaw(fx.keyless.endpoint, signed);
    assert.equal(response.status, 400, `${method}: ${response.body}`);
    if (method === "GET") assert.equal(errorCode(response.body), "InvalidArgument");
  }
});
