// Object writes that ask for storage keyless does not have are refused, not taken and dropped:
// a storage class other than STANDARD (501, or 400 InvalidStorageClass for a name S3 does not
// have), Object Lock headers on a bucket without Object Lock (400 InvalidRequest), a website
// redirect (400 InvalidRedirectLocation when malformed, else 501), and a bucket with Object Lock.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  HeadBucketCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  type StorageClass,
} from "@aws-sdk/client-s3";
import { freshBucket, objectExists, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("storage");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(() => fx.keyless.stop());

const put = (Key: string, extra: Partial<PutObjectCommandInput>) =>
  fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: "x", ...extra }));

test("STANDARD is taken; another storage class is 501 and a made-up one InvalidStorageClass", async () => {
  await put("standard.txt", { StorageClass: "STANDARD" });
  assert.equal(await objectExists(fx.s3, bucket, "standard.txt"), true);

  const glacier = await rejectsWith(
    put("glacier.txt", { StorageClass: "GLACIER" }),
    "NotImplemented",
    501,
  );
  assert.match(glacier.message, /every object in STANDARD, not GLACIER/);
  await rejectsWith(
    put("bogus.txt", { StorageClass: "BOGUS" as StorageClass }),
    "InvalidStorageClass",
    400,
  );
  await rejectsWith(
    fx.s3.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: "ia.bin",
        StorageClass: "STANDARD_IA",
      }),
    ),
    "NotImplemented",
    501,
  );
  for (const key of ["glacier.txt", "bogus.txt"]) {
    assert.equal(await objectExists(fx.s3, bucket, key), false, `${key} was stored`);
  }
});

test("Object Lock headers on a bucket without Object Lock are InvalidRequest", async () => {
  const retention = await rejectsWith(
    put("locked.txt", {
      ObjectLockMode: "GOVERNANCE",
      ObjectLockRetainUntilDate: new Date(Date.UTC(2030, 0, 1)),
    }),
    "InvalidRequest",
    400,
  );
  assert.equal(retention.message, "Bucket is missing Object Lock Configuration");
  await rejectsWith(put("held.txt", { ObjectLockLegalHoldStatus: "ON" }), "InvalidRequest", 400);
  assert.equal(await objectExists(fx.s3, bucket, "locked.txt"), false);
  assert.equal(await objectExists(fx.s3, bucket, "held.txt"), false);
});

test("a website redirect is InvalidRedirectLocation when malformed and 501 otherwise", async () => {
  await rejectsWith(
    put("script.html", { WebsiteRedirectLocation: "javascript:alert(1)" }),
    "InvalidRedirectLocation",
    400,
  );
  await rejectsWith(
    put("moved.html", { WebsiteRedirectLocation: "/new.html" }),
    "NotImplemented",
    501,
  );
  assert.equal(await objectExists(fx.s3, bucket, "moved.html"), false);
});

test("a bucket that asks for Object Lock is refused, not made without it", async () => {
  const name = freshBucket("object-lock");
  await rejectsWith(
    fx.s3.send(new CreateBucketCommand({ Bucket: name, ObjectLockEnabledForBucket: true })),
    "NotImplemented",
    501,
  );
  await rejectsWith(fx.s3.send(new HeadBucketCommand({ Bucket: name })), undefined, 404);
});
