// Blobs on disk: small ones are read whole (and kept in memory for the next read), large ones
// stream; a deleted blob is gone from both.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { after, before, test } from "node:test";
import { FileBlobStore, MemoryBlobStore } from "../../src/store/blob-store.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "keyless-blobs-"));
});
after(() => rm(dir, { recursive: true, force: true }));

for (const [name, make] of [
  ["on disk", () => new FileBlobStore(join(dir, "objects"))],
  ["in memory", () => new MemoryBlobStore()],
] as const) {
  test(`a small blob ${name} reads whole, twice, as written`, async () => {
    const blobs = make();
    const { id, size } = await blobs.write(
      Readable.from([Buffer.from("hello, "), Buffer.from("keyless")]),
    );
    assert.equal(size, 14);
    assert.equal((await blobs.bytes(id)).toString(), "hello, keyless");
    assert.equal((await blobs.bytes(id)).toString(), "hello, keyless");
    assert.equal(await text(blobs.read(id, { start: 7, end: 13 })), "keyless");
  });
}

test("a small blob on disk, read whole and then deleted, can no longer be read", async () => {
  const blobs = new FileBlobStore(join(dir, "objects"));
  const { id } = await blobs.write(Readable.from([Buffer.from("short-lived")]));
  assert.equal((await blobs.bytes(id)).toString(), "short-lived");
  await blobs.delete(id);
  await assert.rejects(blobs.bytes(id), { code: "ENOENT" });
});
