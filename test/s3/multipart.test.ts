import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import {
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
} from "@aws-sdk/client-s3";
import { MiB } from "./big-files.js";
import { rejectsWith } from "./fixture.js";
import {
  crcBytes,
  FIVE_MIB,
  type Multipart,
  md5,
  startMultipart,
  TAIL,
} from "./multipart-fixture.js";

let fx: Multipart;
let bucket: string;
before(async () => {
  fx = await startMultipart("multipart");
  bucket = fx.bucket;
});
after(() => fx.keyless.stop());

const create: Multipart["create"] = (...args) => fx.create(...args);
const part: Multipart["part"] = (...args) => fx.part(...args);
const complete: Multipart["complete"] = (...args) => fx.complete(...args);
const read: Multipart["read"] = (...args) => fx.read(...args);

test("a completed upload is its parts in order, with S3's multipart ETag", async () => {
  const uploadId = await create("assembled");
  const parts = [
    await part("assembled", uploadId, 1, FIVE_MIB),
    await part("assembled", uploadId, 2, TAIL),
  ];
  assert.equal(parts[0]?.ETag, `"${md5(FIVE_MIB).toString("hex")}"`, "a part's ETag is its MD5");

  const done = await complete("assembled", uploadId, parts);
  const expected = createHash("md5")
    .update(Buffer.concat([md5(FIVE_MIB), md5(TAIL)]))
    .digest("hex");
  assert.equal(done.ETag, `"${expected}-2"`, `CompleteMultipartUpload ETag ${done.ETag}`);
  assert.equal(done.Key, "assembled");
  assert.match(done.Location ?? "", new RegExp(`/${bucket}/assembled$`));

  assert.ok((await read("assembled")).equals(Buffer.concat([FIVE_MIB, TAIL])), "object bytes");
  const head = await fx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "assembled" }));
  assert.equal(head.ETag, done.ETag);
  assert.equal(head.ContentLength, FIVE_MIB.length + TAIL.length);
});

test("a CRC32 upload's checksum is the CRC32 of its parts' CRC32s, suffixed -N", async () => {
  const uploadId = await create("composite", { ChecksumAlgorithm: "CRC32" });
  const parts = [
    await part("composite", uploadId, 1, FIVE_MIB, "CRC32"),
    await part("composite", uploadId, 2, TAIL, "CRC32"),
  ];
  assert.equal(parts[1]?.ChecksumCRC32, crcBytes(TAIL).toString("base64"), "part checksum");

  const done = await complete("composite", uploadId, parts);
  const composite = crcBytes(Buffer.concat([crcBytes(FIVE_MIB), crcBytes(TAIL)]));
  assert.equal(done.ChecksumCRC32, `${composite.toString("base64")}-2`);
  assert.equal(done.ChecksumType, "COMPOSITE");

  const head = await fx.s3.send(
    new HeadObjectCommand({ Bucket: bucket, Key: "composite", ChecksumMode: "ENABLED" }),
  );
  assert.equal(head.ChecksumCRC32, done.ChecksumCRC32);
  assert.equal(head.ChecksumType, "COMPOSITE");
  const listed = await fx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "compo" }));
  assert.equal(listed.Contents?.[0]?.ChecksumType, "COMPOSITE");
});

test("a FULL_OBJECT CRC32 upload's checksum is the CRC32 of the whole object", async () => {
  const created = await fx.s3.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: "full",
      ChecksumAlgorithm: "CRC32",
      ChecksumType: "FULL_OBJECT",
    }),
  );
  const uploadId = created.UploadId as string;
  assert.equal(created.ChecksumType, "FULL_OBJECT");
  const parts = [
    await part("full", uploadId, 1, FIVE_MIB, "CRC32"),
    await part("full", uploadId, 2, TAIL, "CRC32"),
  ];
  const done = await complete("full", uploadId, parts);
  assert.equal(done.ChecksumCRC32, crcBytes(Buffer.concat([FIVE_MIB, TAIL])).toString("base64"));
  assert.equal(done.ChecksumType, "FULL_OBJECT");
});

test("a composite upload's completion must name each part's checksum", async () => {
  const uploadId = await create("needs-sums", { ChecksumAlgorithm: "SHA256" });
  const only = await part("needs-sums", uploadId, 1, TAIL, "SHA256");
  const error = await rejectsWith(
    complete("needs-sums", uploadId, [{ PartNumber: 1, ETag: only.ETag }]),
    "InvalidRequest",
    400,
  );
  assert.match(error.message, /must include the checksum for each part/);
  const wrong = { ...only, ChecksumSHA256: createHash("sha256").digest("base64") };
  await rejectsWith(complete("needs-sums", uploadId, [wrong]), "InvalidPart", 400);
});

test("a part checksummed with another algorithm than the upload's is refused", async () => {
  const uploadId = await create("mismatch", { ChecksumAlgorithm: "SHA256" });
  const error = await rejectsWith(
    part("mismatch", uploadId, 1, TAIL, "CRC32"),
    "InvalidRequest",
    400,
  );
  assert.match(error.message, /Checksum Type mismatch/);
});

test("parts listed out of order are InvalidPartOrder", async () => {
  const uploadId = await create("disorder");
  const one = await part("disorder", uploadId, 1, FIVE_MIB);
  const two = await part("disorder", uploadId, 2, TAIL);
  await rejectsWith(complete("disorder", uploadId, [two, one]), "InvalidPartOrder", 400);
  await rejectsWith(complete("disorder", uploadId, [one, one]), "InvalidPartOrder", 400);
});

test("a part never uploaded, or named with another ETag, is InvalidPart", async () => {
  const uploadId = await create("unknown-part");
  const one = await part("unknown-part", uploadId, 1, TAIL);
  await rejectsWith(
    complete("unknown-part", uploadId, [{ PartNumber: 2, ETag: one.ETag }]),
    "InvalidPart",
    400,
  );
  await rejectsWith(
    complete("unknown-part", uploadId, [{ PartNumber: 1, ETag: `"${"0".repeat(32)}"` }]),
    "InvalidPart",
    400,
  );
});

test("a part under 5 MiB that is not the last is EntityTooSmall", async () => {
  const uploadId = await create("too-small");
  const parts = [
    await part("too-small", uploadId, 1, TAIL),
    await part("too-small", uploadId, 2, TAIL),
  ];
  const error = await rejectsWith(complete("too-small", uploadId, parts), "EntityTooSmall", 400);
  assert.equal((error as { MinSizeAllowed?: string }).MinSizeAllowed, String(5 * MiB));
});

test("a part number outside 1 to 10,000 is InvalidArgument", async () => {
  const uploadId = await create("numbers");
  await rejectsWith(part("numbers", uploadId, 10_001, TAIL), "InvalidArgument", 400);
  await rejectsWith(part("numbers", uploadId, 0, TAIL), "InvalidArgument", 400);
});

test("a part uploaded again under its number replaces the earlier one", async () => {
  const uploadId = await create("again");
  await part("again", uploadId, 1, Buffer.from("first"));
  const second = await part("again", uploadId, 1, Buffer.from("second"));
  const listed = await fx.s3.send(
    new ListPartsCommand({ Bucket: bucket, Key: "again", UploadId: uploadId }),
  );
  assert.deepEqual(
    listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size]),
    [[1, second.ETag, 6]],
  );
  await complete("again", uploadId, [second]);
  assert.equal((await read("again")).toString(), "second");
});
