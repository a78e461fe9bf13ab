import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("objects");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(() => fx.keyless.stop());

/** The SDK raises a 304 as an error without a code of its own. */
async function notModified(request: Promise<unknown>): Promise<void> {
  await assert.rejects(request, (error: { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.$metadata?.httpStatusCode, 304, "status of a conditional GetObject");
    return true;
  });
}

const get = (Key: string, extra: Partial<ConstructorParameters<typeof GetObjectCommand>[0]> = {}) =>
  fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key, ...extra }));

test("an object reads back with its bytes, type, metadata and MD5 ETag", async () => {
  const put = await fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "doc.txt",
      Body: "hello world",
      ContentType: "text/plain",
      Metadata: { colour: "blue", "Mixed-Case": "v" },
    }),
  );
  assert.equal(put.ETag, '"5eb63bbbe01eeed093cb22bb8f5acdc3"', `PutObject ETag ${put.ETag}`);

  const got = await get("doc.txt");
  assert.equal(await got.Body?.transformToString(), "hello world");
  assert.equal(got.ContentType, "text/plain");
  assert.equal(got.ContentLength, 11);
  assert.equal(got.ETag, put.ETag, `GetObject ETag ${got.ETag}`);
  assert.equal(got.AcceptRanges, "bytes");
  assert.deepEqual(got.Metadata, { colour: "blue", "mixed-case": "v" });
  assert.ok(got.LastModified instanceof Date, `LastModified ${got.LastModified}`);
});

test("HeadObject describes an object as GetObject does, without the bytes", async () => {
  await fx.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "head.bin", Body: Buffer.alloc(300, 1) }),
  );
  const head = await fx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "head.bin" }));
  assert.equal(head.ContentLength, 300);
  assert.match(head.ETag ?? "", /^"[0-9a-f]{32}"$/, `ETag ${head.ETag}`);
});

test("a second PutObject replaces the object", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "twice", Body: "one" }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "twice", Body: "second" }));
  assert.equal(await (await get("twice")).Body?.transformToString(), "second");
});

test("an empty object can be written and read", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "empty", Body: "" }));
  const got = await get("empty");
  assert.equal(got.ContentLength, 0);
  assert.equal(await got.Body?.transformToString(), "");
  assert.equal(got.ETag, '"d41d8cd98f00b204e9800998ecf8427e"', `empty ETag ${got.ETag}`);
});

test("a missing key is NoSuchKey to the owner, and a bodiless 404 to HeadObject", async () => {
  const error = await rejectsWith(get("nothing-here"), "NoSuchKey", 404);
  assert.equal((error as { Key?: string }).Key, "nothing-here");
  await rejectsWith(
    fx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "nothing-here" })),
    "NotFound",
    404,
  );
});

test("DeleteObject answers 204, and 204 again for a key that is gone", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "doomed", Body: "x" }));
  const first = await fx.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "doomed" }));
  assert.equal(first.$metadata.httpStatusCode, 204);
  await rejectsWith(get("doomed"), "NoSuchKey", 404);
  const again = await fx.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "doomed" }));
  assert.equal(again.$metadata.httpStatusCode, 204);
});

test("keys keep spaces, plus signs, unicode and odd slashes exactly as written", async () => {
  const keys = [
    "with space.txt",
    "plus+sign",
    "percent%20literal",
    "ünïcødé/日本語/🎉",
    "a//b",
    "./dot",
    "../dotdot",
    "trailing/",
    "/leading",
    "q?mark&amp=1#hash",
  ];
  for (const key of keys) {
    await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `body of ${key}` }));
  }
  for (const key of keys) {
    const got = await get(key);
    assert.equal(await got.Body?.transformToString(), `body of ${key}`, `bytes of key ${key}`);
  }
  await rejectsWith(get("a/b"), "NoSuchKey", 404);
  await rejectsWith(get("dot"), "NoSuchKey", 404);
});

test("a key longer than 1,024 bytes answers KeyTooLongError", async () => {
  await rejectsWith(
    fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "é".repeat(513), Body: "x" })),
    "KeyTooLongError",
    400,
  );
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k".repeat(1024), Body: "x" }));
});

test("user metadata over 2 KB answers MetadataTooLarge", async () => {
  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "fat-metadata",
        Body: "x",
        Metadata: { big: "v".repeat(2100) },
      }),
    ),
    "MetadataTooLarge",
    400,
  );
});

test("response-* parameters override the reply's headers", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "override", Body: "x" }));
  const got = await get("override", {
    ResponseContentType: "application/json",
    ResponseContentDisposition: 'attachment; filename="x.json"',
    ResponseCacheControl: "no-cache",
  });
  assert.equal(got.ContentType, "application/json");
  assert.equal(got.ContentDisposition, 'attachment; filename="x.json"');
  assert.equal(got.CacheControl, "no-cache");
});

test("If-None-Match with the current ETag answers 304 and If-Match with another 412", async () => {
  const put = await fx.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "conditional", Body: "x" }),
  );
  await notModified(get("conditional", { IfNoneMatch: put.ETag }));
  await rejectsWith(get("conditional", { IfMatch: '"0000"' }), "PreconditionFailed", 412);
  const matched = await get("conditional", { IfMatch: put.ETag });
  assert.equal(await matched.Body?.transformToString(), "x");
  const later = new Date(Date.now() + 3_600_000);
  await notModified(get("conditional", { IfModifiedSince: later }));
});

test("If-None-Match: * writes a key only once, and If-Match only over that ETag", async () => {
  const first = await fx.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "lock", Body: "one", IfNoneMatch: "*" }),
  );
  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "lock", Body: "two", IfNoneMatch: "*" }),
    ),
    "PreconditionFailed",
    412,
  );
  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "lock", Body: "three", IfMatch: '"0000"' }),
    ),
    "PreconditionFailed",
    412,
  );
  await fx.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "lock", Body: "four", IfMatch: first.ETag }),
  );
  assert.equal(await (await get("lock")).Body?.transformToString(), "four", "body after If-Match");
  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "no-lock", Body: "x", IfMatch: first.ETag }),
    ),
    "NoSuchKey",
    404,
  );
});

test("x-amz-expected-bucket-owner naming another account is AccessDenied", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "owned", Body: "x" }));
  await rejectsWith(get("owned", { ExpectedBucketOwner: "999999999999" }), "AccessDenied", 403);
  const mine = await get("owned", { ExpectedBucketOwner: "123456789012" });
  assert.equal(await mine.Body?.transformToString(), "x");
});

test("a 20 MB object goes in and comes out byte for byte", async () => {
  const bytes = randomBytes(20 * 1024 * 1024);
  const put = await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "large", Body: bytes }));
  const md5 = createHash("md5").update(bytes).digest("hex");
  assert.equal(put.ETag, `"${md5}"`, `ETag of the large object ${put.ETag}`);
  const got = await get("large");
  const back = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
  assert.equal(back.length, bytes.length, "length read back");
  assert.ok(back.equals(bytes), "bytes read back differ from those written");
});
