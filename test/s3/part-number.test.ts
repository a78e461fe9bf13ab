// GetObject and HeadObject with ?partNumber=N: "effectively a ranged GET for the part
// specified" (Amazon S3 API Reference, GetObject), which downloaders use to fetch a multipart
// object part by part after a first request tells them x-amz-mp-parts-count.
// What S3 answers, beyond the reference: 206 with the part's Content-Range and the whole
// object's ETag; partNumber=1 of an object written whole is all of it, with no parts count;
// past the last part is 416 InvalidPartNumber; partNumber with a Range header is 400
// InvalidRequest (S3's replies as quoted in versity/versitygw#2074, minio/minio#11989 and
// ceph/ceph#66780). Parts are counted 1..N in the completed order, as the SDKs' part-by-part
// downloaders assume when they ask for 2..PartsCount.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { rejectsWith } from "./fixture.js";
import { FIVE_MIB, type Multipart, startMultipart, TAIL } from "./multipart-fixture.js";

let fx: Multipart;
let etag: string | undefined;
before(async () => {
  fx = await startMultipart("part-number");
  const uploadId = await fx.create("parted");
  // Parts 2 and 7: the object's parts are still its first and second.
  const parts = [
    await fx.part("parted", uploadId, 2, FIVE_MIB),
    await fx.part("parted", uploadId, 7, TAIL),
  ];
  etag = (await fx.complete("parted", uploadId, parts)).ETag;
  await fx.s3.send(
    new PutObjectCommand({ Bucket: fx.bucket, Key: "whole", Body: Buffer.from("one piece") }),
  );
});
after(() => fx.keyless.stop());

const getPart = (Key: string, PartNumber: number) =>
  fx.s3.send(new GetObjectCommand({ Bucket: fx.bucket, Key, PartNumber }));

async function bytesOf(got: GetObjectCommandOutput): Promise<Buffer> {
  return Buffer.from(await (got.Body?.transformToByteArray() ?? new Uint8Array()));
}

test("GetObject with a partNumber answers that part of a multipart object, 206", async () => {
  const first = await getPart("parted", 1);
  assert.equal(first.$metadata.httpStatusCode, 206);
  assert.equal(first.PartsCount, 2);
  assert.equal(first.ContentLength, FIVE_MIB.length);
  assert.equal(
    first.ContentRange,
    `bytes 0-${FIVE_MIB.length - 1}/${FIVE_MIB.length + TAIL.length}`,
  );
  assert.equal(first.ETag, etag, "the whole object's ETag");
  assert.ok((await bytesOf(first)).equals(FIVE_MIB), "part 1's bytes");

  const second = await getPart("parted", 2);
  assert.equal(second.$metadata.httpStatusCode, 206);
  assert.equal(second.PartsCount, 2);
  const total = FIVE_MIB.length + TAIL.length;
  assert.equal(second.ContentRange, `bytes ${FIVE_MIB.length}-${total - 1}/${total}`);
  assert.ok((await bytesOf(second)).equals(TAIL), "part 2's bytes");
});

test("HeadObject with a partNumber describes the part and counts the parts", async () => {
  const head = await fx.s3.send(
    new HeadObjectCommand({ Bucket: fx.bucket, Key: "parted", PartNumber: 2 }),
  );
  assert.equal(head.$metadata.httpStatusCode, 206);
  assert.equal(head.ContentLength, TAIL.length);
  assert.equal(head.PartsCount, 2);
  const plain = await fx.s3.send(new HeadObjectCommand({ Bucket: fx.bucket, Key: "parted" }));
  assert.equal(plain.PartsCount, undefined, "no parts count without a partNumber");
  assert.equal(plain.ContentLength, FIVE_MIB.length + TAIL.length);
});

test("an object written whole is one part: partNumber=1 is all of it, with no parts count", async () => {
  const got = await getPart("whole", 1);
  assert.equal(got.$metadata.httpStatusCode, 206);
  assert.equal(got.ContentRange, "bytes 0-8/9");
  assert.equal(got.PartsCount, undefined);
  assert.equal((await bytesOf(got)).toString(), "one piece");
  await rejectsWith(getPart("whole", 2), "InvalidPartNumber", 416);
});

test("a part past the last is 416 InvalidPartNumber; a bad number is 400 InvalidArgument", async () => {
  const past = await rejectsWith(getPart("parted", 3), "InvalidPartNumber", 416);
  assert.match(past.message, /partnumber is not satisfiable/);
  await rejectsWith(getPart("parted", 0), "InvalidArgument", 400);
  await rejectsWith(getPart("parted", 10_001), "InvalidArgument", 400);
});

test("partNumber together with a Range header is 400 InvalidRequest", async () => {
  const both = await rejectsWith(
    fx.s3.send(
      new GetObjectCommand({ Bucket: fx.bucket, Key: "parted", PartNumber: 1, Range: "bytes=0-9" }),
    ),
    "InvalidRequest",
    400,
  );
  assert.match(both.message, /Cannot specify both Range header and partNumber/);
});
