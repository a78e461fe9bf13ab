import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { allow, userWithKey } from "../support/principals.js";
import { freshBucket, rejectsWith } from "./fixture.js";
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
  fx = await startMultipart("multipart-uploads");
  bucket = fx.bucket;
});
after(() => fx.keyless.stop());

const create: Multipart["create"] = (...args) => fx.create(...args);
const part: Multipart["part"] = (...args) => fx.part(...args);
const complete: Multipart["complete"] = (...args) => fx.complete(...args);
const read: Multipart["read"] = (...args) => fx.read(...args);

test("an upload's parts are not objects: no listing or GetObject sees them", async () => {
  const uploadId = await create("invisible");
  await part("invisible", uploadId, 1, TAIL);
  const listed = await fx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "invis" }));
  assert.equal(listed.KeyCount, 0, "keys listed while the upload is in progress");
  await rejectsWith(
    fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "invisible" })),
    "NoSuchKey",
    404,
  );
});

test("an aborted upload is gone with its parts, and is NoSuchUpload after", async () => {
  const uploadId = await create("aborted");
  const one = await part("aborted", uploadId, 1, TAIL);
  const aborted = await fx.s3.send(
    new AbortMultipartUploadCommand({ Bucket: bucket, Key: "aborted", UploadId: uploadId }),
  );
  assert.equal(aborted.$metadata.httpStatusCode, 204);
  assert.deepEqual(await fx.keyless.app.model.uploads.parts(uploadId), [], "parts kept");

  await rejectsWith(
    fx.s3.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: "aborted", UploadId: uploadId }),
    ),
    "NoSuchUpload",
    404,
  );
  await rejectsWith(complete("aborted", uploadId, [one]), "NoSuchUpload", 404);
  await rejectsWith(part("aborted", uploadId, 2, TAIL), "NoSuchUpload", 404);
  // An upload id names an upload for one key only.
  const other = await create("owner-key");
  await rejectsWith(
    fx.s3.send(new ListPartsCommand({ Bucket: bucket, Key: "another-key", UploadId: other })),
    "NoSuchUpload",
    404,
  );
});

test("a completed upload is NoSuchUpload to a second completion", async () => {
  const uploadId = await create("once");
  const one = await part("once", uploadId, 1, TAIL);
  await complete("once", uploadId, [one]);
  await rejectsWith(complete("once", uploadId, [one]), "NoSuchUpload", 404);
});

test("ListParts pages through an upload's parts by part-number-marker", async () => {
  const uploadId = await create("paged", { ChecksumAlgorithm: "CRC32" });
  for (const number of [1, 2, 3]) {
    await part("paged", uploadId, number, Buffer.from(`part ${number}`), "CRC32");
  }
  const first = await fx.s3.send(
    new ListPartsCommand({ Bucket: bucket, Key: "paged", UploadId: uploadId, MaxParts: 2 }),
  );
  assert.deepEqual(
    first.Parts?.map((p) => p.PartNumber),
    [1, 2],
  );
  assert.equal(first.IsTruncated, true);
  assert.equal(first.NextPartNumberMarker, "2");
  assert.equal(first.ChecksumAlgorithm, "CRC32");
  assert.equal(first.Parts?.[0]?.ChecksumCRC32, crcBytes(Buffer.from("part 1")).toString("base64"));

  const rest = await fx.s3.send(
    new ListPartsCommand({
      Bucket: bucket,
      Key: "paged",
      UploadId: uploadId,
      PartNumberMarker: first.NextPartNumberMarker,
    }),
  );
  assert.deepEqual(
    rest.Parts?.map((p) => p.PartNumber),
    [3],
  );
  assert.equal(rest.IsTruncated, false);
});

test("ListMultipartUploads lists uploads by key, rolls up prefixes and pages", async () => {
  const listing = freshBucket("uploads");
  await fx.s3.send(new CreateBucketCommand({ Bucket: listing }));
  const ids = new Map<string, string>();
  for (const key of ["b", "a", "dir/x", "dir/y", "c"]) {
    const created = await fx.s3.send(
      new CreateMultipartUploadCommand({ Bucket: listing, Key: key }),
    );
    ids.set(key, created.UploadId as string);
  }

  const all = await fx.s3.send(
    new ListMultipartUploadsCommand({ Bucket: listing, Delimiter: "/" }),
  );
  assert.deepEqual(
    all.Uploads?.map((u) => u.Key),
    ["a", "b", "c"],
  );
  assert.deepEqual(
    all.CommonPrefixes?.map((p) => p.Prefix),
    ["dir/"],
  );
  assert.equal(all.Uploads?.[0]?.UploadId, ids.get("a"));
  assert.ok(all.Uploads?.[0]?.Initiated instanceof Date, "Initiated");

  const page = await fx.s3.send(
    new ListMultipartUploadsCommand({ Bucket: listing, MaxUploads: 2 }),
  );
  assert.deepEqual(
    page.Uploads?.map((u) => u.Key),
    ["a", "b"],
  );
  assert.equal(page.IsTruncated, true);
  const next = await fx.s3.send(
    new ListMultipartUploadsCommand({
      Bucket: listing,
      KeyMarker: page.NextKeyMarker,
      UploadIdMarker: page.NextUploadIdMarker,
    }),
  );
  assert.deepEqual(
    next.Uploads?.map((u) => u.Key),
    ["c", "dir/x", "dir/y"],
  );

  // A bucket whose only contents are uploads in progress can be deleted; they go with it.
  await fx.s3.send(new DeleteBucketCommand({ Bucket: listing }));
  assert.deepEqual(await fx.keyless.app.model.uploads.list(listing), []);
});

test("UploadPartCopy copies another object, or a range of it, into a part", async () => {
  const source = Buffer.concat([FIVE_MIB, Buffer.from("0123456789")]);
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "copy-source", Body: source }));
  const uploadId = await create("copied");
  const whole = await fx.s3.send(
    new UploadPartCopyCommand({
      Bucket: bucket,
      Key: "copied",
      UploadId: uploadId,
      PartNumber: 1,
      CopySource: `${bucket}/copy-source`,
    }),
  );
  assert.equal(whole.CopyPartResult?.ETag, `"${md5(source).toString("hex")}"`);
  const ranged = await fx.s3.send(
    new UploadPartCopyCommand({
      Bucket: bucket,
      Key: "copied",
      UploadId: uploadId,
      PartNumber: 2,
      CopySource: `${bucket}/copy-source`,
      CopySourceRange: `bytes=${FIVE_MIB.length + 2}-${FIVE_MIB.length + 4}`,
    }),
  );
  await complete("copied", uploadId, [
    { PartNumber: 1, ETag: whole.CopyPartResult?.ETag },
    { PartNumber: 2, ETag: ranged.CopyPartResult?.ETag },
  ]);
  assert.ok((await read("copied")).equals(Buffer.concat([source, Buffer.from("234")])));

  await rejectsWith(
    fx.s3.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: "copied",
        UploadId: await create("copied"),
        PartNumber: 1,
        CopySource: `${bucket}/copy-source`,
        CopySourceRange: `bytes=0-${source.length}`,
      }),
    ),
    "InvalidArgument",
    400,
  );
});

test("metadata, content type and tags given at creation are the object's", async () => {
  const created = await fx.s3.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: "described",
      ContentType: "video/mp4",
      ContentDisposition: "attachment",
      Metadata: { origin: "camera" },
      Tagging: "kind=video",
    }),
  );
  const uploadId = created.UploadId as string;
  await complete("described", uploadId, [await part("described", uploadId, 1, TAIL)]);
  const head = await fx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "described" }));
  assert.equal(head.ContentType, "video/mp4");
  assert.equal(head.ContentDisposition, "attachment");
  assert.deepEqual(head.Metadata, { origin: "camera" });
  assert.equal(head.TagCount, 1);
});

test("multipart steps need s3:PutObject, s3:AbortMultipartUpload or a listing action", async () => {
  const resource = `arn:aws:s3:::${bucket}/*`;
  const writer = clients(
    fx.keyless.endpoint,
    await userWithKey(
      fx.keyless.endpoint,
      fx.keyless.root,
      "mpu-writer",
      allow("s3:PutObject", resource),
    ),
  ).s3;
  const created = await writer.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: "by-writer" }),
  );
  const uploadId = created.UploadId as string;
  const sent = await writer.send(
    new UploadPartCommand({
      Bucket: bucket,
      Key: "by-writer",
      UploadId: uploadId,
      PartNumber: 1,
      Body: TAIL,
    }),
  );
  await rejectsWith(
    writer.send(new ListPartsCommand({ Bucket: bucket, Key: "by-writer", UploadId: uploadId })),
    "AccessDenied",
    403,
  );
  await rejectsWith(
    writer.send(new ListMultipartUploadsCommand({ Bucket: bucket })),
    "AccessDenied",
    403,
  );
  const denied = await rejectsWith(
    writer.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: "by-writer", UploadId: uploadId }),
    ),
    "AccessDenied",
    403,
  );
  assert.match(denied.message, /s3:AbortMultipartUpload/);

  const uploads = await fx.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  const mine = uploads.Uploads?.find((upload) => upload.UploadId === uploadId);
  assert.match(mine?.Initiator?.ID ?? "", /:user\/mpu-writer$/, "Initiator of the upload");

  await writer.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: "by-writer",
      UploadId: uploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: sent.ETag }] },
    }),
  );

  const reader = clients(
    fx.keyless.endpoint,
    await userWithKey(
      fx.keyless.endpoint,
      fx.keyless.root,
      "mpu-reader",
      allow("s3:GetObject", resource),
    ),
  ).s3;
  await rejectsWith(
    reader.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "by-reader" })),
    "AccessDenied",
    403,
  );
});
