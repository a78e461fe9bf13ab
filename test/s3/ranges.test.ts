import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("ranges");
const DIGITS = "0123456789";
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "digits", Body: DIGITS }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "empty", Body: "" }));
});
after(() => fx.keyless.stop());

async function ranged(range: string, key = "digits") {
  const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
  return {
    status: got.$metadata.httpStatusCode,
    contentRange: got.ContentRange,
    length: got.ContentLength,
    body: await got.Body?.transformToString(),
  };
}

test("a closed range answers 206 with those bytes and their Content-Range", async () => {
  assert.deepEqual(await ranged("bytes=2-5"), {
    status: 206,
    contentRange: "bytes 2-5/10",
    length: 4,
    body: "2345",
  });
});

test("an open range runs to the end, and one past the end is cut at the end", async () => {
  assert.deepEqual(await ranged("bytes=7-"), {
    status: 206,
    contentRange: "bytes 7-9/10",
    length: 3,
    body: "789",
  });
  assert.equal((await ranged("bytes=8-100")).body, "89");
});

test("a suffix range answers the last bytes, or the whole object when longer", async () => {
  assert.equal((await ranged("bytes=-3")).body, "789");
  assert.deepEqual(await ranged("bytes=-50"), {
    status: 206,
    contentRange: "bytes 0-9/10",
    length: 10,
    body: DIGITS,
  });
});

test("a range starting past the end answers 416 InvalidRange", async () => {
  await rejectsWith(ranged("bytes=10-"), "InvalidRange", 416);
  await rejectsWith(ranged("bytes=0-", "empty"), "InvalidRange", 416);
  await rejectsWith(ranged("bytes=-0"), "InvalidRange", 416);
});

test("a Range header S3 cannot use is ignored and the whole object sent", async () => {
  for (const range of ["bytes=5-2", "bytes=0-1,4-5", "lines=1-2", "bytes=x-y"]) {
    const got = await ranged(range);
    assert.equal(got.status, 200, `status for ${range}`);
    assert.equal(got.body, DIGITS, `body for ${range}`);
  }
});

test("HeadObject with a range answers 206 and the range's length", async () => {
  const head = await fx.s3.send(
    new HeadObjectCommand({ Bucket: bucket, Key: "digits", Range: "bytes=0-3" }),
  );
  assert.equal(head.$metadata.httpStatusCode, 206);
  assert.equal(head.ContentLength, 4);
  assert.equal(head.ContentRange, "bytes 0-3/10");
});
