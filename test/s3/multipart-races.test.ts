// A completion whose parts go while their bytes are being copied: the part replaced by another
// UploadPart, or the upload aborted. The completion fails with the error S3 would have given a
// moment later (InvalidPart, NoSuchUpload), never an InternalError, and keeps nothing.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, test } from "node:test";
import { AdjustableClock } from "../../src/clock/clock.js";
import { Model } from "../../src/model/model.js";
import type { UploadRecord } from "../../src/model/types.js";
import { FileBlobStore } from "../../src/store/blob-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";

const ACCOUNT = "123456789012";
const BUCKET = "races";
let dir: string;
let model: Model;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "keyless-races-"));
  model = new Model({
    store: new SqliteStore(join(dir, "keyless.db")),
    blobs: new FileBlobStore(join(dir, "objects")),
    clock: new AdjustableClock(),
    propagationDelayMs: 0,
  });
  await model.buckets.create(ACCOUNT, BUCKET, "us-east-1");
});
after(async () => {
  await model.close();
  await rm(dir, { recursive: true, force: true });
});

async function uploadWithTwoParts(key: string): Promise<UploadRecord> {
  const upload = await model.uploads.create({
    bucket: BUCKET,
    key,
    initiator: { account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` },
    contentType: "application/octet-stream",
    metadata: {},
  });
  for (const partNumber of [1, 2]) {
    await model.uploads.putPart(
      upload,
      partNumber,
      Readable.from([Buffer.from(`p${partNumber}`)]),
      () => ({
        etag: `"${partNumber}"`,
        checksum: undefined,
      }),
    );
  }
  return upload;
}

/** Completes with the parts as they were listed before `meanwhile` ran. */
async function completeAfter(upload: UploadRecord, meanwhile: () => Promise<void>) {
  const chosen = await model.uploads.parts(upload.uploadId);
  await meanwhile();
  return model.uploads.complete(
    upload,
    chosen,
    { bucket: BUCKET, key: upload.key, contentType: "text/plain", metadata: {}, checksums: {} },
    model.uploads.read(chosen),
    () => ({ etag: '"done"', checksums: {} }),
  );
}

test("a part replaced while the completion copies it fails the completion with InvalidPart", async () => {
  const upload = await uploadWithTwoParts("replaced.bin");
  await assert.rejects(
    completeAfter(upload, async () => {
      await model.uploads.putPart(upload, 2, Readable.from([Buffer.from("new")]), () => ({
        etag: '"new"',
        checksum: undefined,
      }));
    }),
    { code: "InvalidPart" },
  );
  assert.equal(await model.objects.find(BUCKET, "replaced.bin"), undefined);
  assert.equal((await model.uploads.parts(upload.uploadId)).length, 2, "the upload goes on");
});

test("an upload aborted while the completion copies it fails the completion with NoSuchUpload", async () => {
  const upload = await uploadWithTwoParts("aborted.bin");
  await assert.rejects(
    completeAfter(upload, () => model.uploads.abort(upload)),
    { code: "NoSuchUpload" },
  );
  assert.equal(await model.objects.find(BUCKET, "aborted.bin"), undefined);
});
