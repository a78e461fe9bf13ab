// The SQLite store keeps records it has read, parsed; what it answers must still be what the
// database holds after every put, delete, commit and rollback.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { SqliteStore } from "../../src/store/sqlite-store.js";

interface Bucket {
  name: string;
  tags: Record<string, string>;
}

let dir: string;
let store: SqliteStore;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "keyless-store-"));
  store = new SqliteStore(join(dir, "keyless.db"));
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const bucket = (name: string, color: string): Bucket => ({ name, tags: { color } });

test("a record read, then replaced, reads as its replacement", async () => {
  await store.put("bucket", "replaced", "123456789012", bucket("replaced", "red"));
  assert.equal((await store.get<Bucket>("bucket", "replaced"))?.tags.color, "red");
  await store.put("bucket", "replaced", "123456789012", bucket("replaced", "blue"));
  assert.equal((await store.get<Bucket>("bucket", "replaced"))?.tags.color, "blue");
});

test("a record read, then deleted, is gone", async () => {
  await store.put("bucket", "deleted", "123456789012", bucket("deleted", "red"));
  assert.ok(await store.get("bucket", "deleted"));
  assert.equal(await store.delete("bucket", "deleted"), true);
  assert.equal(await store.get("bucket", "deleted"), undefined);
});

test("a change rolled back leaves the record read before it", async () => {
  await store.put("bucket", "rolled-back", "123456789012", bucket("rolled-back", "red"));
  assert.equal((await store.get<Bucket>("bucket", "rolled-back"))?.tags.color, "red");
  await assert.rejects(
    store.transaction(async () => {
      await store.put("bucket", "rolled-back", "123456789012", bucket("rolled-back", "blue"));
      // Read inside the transaction: it sees its own write, which must not outlive the rollback.
      assert.equal((await store.get<Bucket>("bucket", "rolled-back"))?.tags.color, "blue");
      throw new Error("changed my mind");
    }),
    /changed my mind/,
  );
  assert.equal((await store.get<Bucket>("bucket", "rolled-back"))?.tags.color, "red");
});

test("a change committed is read after the transaction", async () => {
  await store.put("bucket", "committed", "123456789012", bucket("committed", "red"));
  await store.get("bucket", "committed");
  await store.transaction(async () => {
    await store.put("bucket", "committed", "123456789012", bucket("committed", "green"));
  });
  assert.equal((await store.get<Bucket>("bucket", "committed"))?.tags.color, "green");
});

test("records come back frozen, so no reader can change another's copy", async () => {
  await store.put("bucket", "frozen", "123456789012", bucket("frozen", "red"));
  const read = (await store.get<Bucket>("bucket", "frozen")) as Bucket;
  assert.throws(() => {
    read.tags.color = "blue";
  }, TypeError);
  assert.equal((await store.get<Bucket>("bucket", "frozen"))?.tags.color, "red");
});

test("a record put from an object the caller keeps is not changed by later edits to it", async () => {
  const value = bucket("edited", "red");
  await store.put("bucket", "edited", "123456789012", value);
  value.tags.color = "blue";
  assert.equal((await store.get<Bucket>("bucket", "edited"))?.tags.color, "red");
});

test("a second store on the same file reads what the first one wrote", async () => {
  await store.put("bucket", "shared", "123456789012", bucket("shared", "red"));
  const other = new SqliteStore(join(dir, "keyless.db"));
  try {
    assert.equal((await other.get<Bucket>("bucket", "shared"))?.tags.color, "red");
  } finally {
    await other.close();
  }
});
