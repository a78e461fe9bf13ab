import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { ObjectRecord } from "../../src/model/types.js";
import { commonPrefixOf, listPage, type ReadKeys } from "../../src/services/s3/list/page.js";
import { compareUtf8 } from "../../src/services/s3/list/utf8-order.js";

const record = (key: string): ObjectRecord => ({
  bucket: "b",
  key,
  blobId: key,
  size: 0,
  etag: '""',
  lastModified: 0,
  contentType: "binary/octet-stream",
  metadata: {},
  checksums: {},
});

/** A reader over sorted keys, as objects.list reads the store, that counts its reads. */
function memoryReader(keys: string[], prefix: string): { read: ReadKeys; reads: () => number } {
  const sorted = [...new Set(keys)].sort(compareUtf8);
  let reads = 0;
  return {
    read: async (after, limit) => {
      reads++;
      return sorted
        .filter((key) => key.startsWith(prefix) && compareUtf8(key, after) > 0)
        .slice(0, limit)
        .map(record);
    },
    reads: () => reads,
  };
}

/** What a listing must return, in order, worked out the slow way. */
function expectedEntries(keys: string[], prefix: string, delimiter: string): string[] {
  const entries: string[] = [];
  for (const key of [...new Set(keys)].sort(compareUtf8)) {
    if (!key.startsWith(prefix)) continue;
    const entry = commonPrefixOf(key, prefix, delimiter) ?? key;
    if (entries.at(-1) !== entry) entries.push(entry);
  }
  return entries;
}

async function pageThrough(read: ReadKeys, prefix: string, delimiter: string, maxKeys: number) {
  const entries: string[] = [];
  let after = "";
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await listPage(read, { prefix, delimiter, after, maxKeys });
    const onPage = [...page.contents.map((r) => r.key), ...page.commonPrefixes];
    // Keys and prefixes are merged in order: the page's last entry is where the next starts.
    entries.push(...onPage.sort(compareUtf8));
    assert.ok(onPage.length <= maxKeys, `page of ${onPage.length} entries for max-keys ${maxKeys}`);
    if (!page.isTruncated) return entries;
    assert.equal(onPage.length, maxKeys, "a truncated page is full");
    after = page.last as string;
  }
  throw new Error("listing did not end");
}

test("paging a listing at any size returns what one unpaged pass would, once each", async () => {
  // Few characters, so that keys share prefixes; two of them beyond one byte of UTF-8.
  const key = fc
    .array(fc.constantFrom("a", "b", "/", "-", "é", "😀"), { minLength: 1, maxLength: 6 })
    .map((chars) => chars.join(""));
  await fc.assert(
    fc.asyncProperty(
      fc.array(key, { maxLength: 40 }),
      fc.constantFrom("", "a", "a/", "b-"),
      fc.constantFrom("", "/", "-", "ab"),
      fc.integer({ min: 1, max: 6 }),
      async (keys, prefix, delimiter, maxKeys) => {
        const { read } = memoryReader(keys, prefix);
        const paged = await pageThrough(read, prefix, delimiter, maxKeys);
        assert.deepEqual(paged, expectedEntries(keys, prefix, delimiter));
      },
    ),
    { numRuns: 300 },
  );
});

test("a common prefix over thousands of keys is skipped, not read key by key", async () => {
  const keys = ["a.txt", "z.txt"];
  for (let i = 0; i < 5000; i++) keys.push(`big/${String(i).padStart(5, "0")}`);
  const { read, reads } = memoryReader(keys, "");
  const page = await listPage(read, { prefix: "", delimiter: "/", after: "", maxKeys: 1000 });
  assert.deepEqual(page.commonPrefixes, ["big/"]);
  assert.deepEqual(
    page.contents.map((r) => r.key),
    ["a.txt", "z.txt"],
  );
  assert.ok(reads() <= 3, `${reads()} reads of the store`);
});

test("a marker that is a common prefix resumes after every key under it", async () => {
  const { read } = memoryReader(["a/1", "a/2", "b/1", "c"], "");
  const page = await listPage(read, { prefix: "", delimiter: "/", after: "a/", maxKeys: 10 });
  assert.deepEqual(page.commonPrefixes, ["b/"]);
  assert.deepEqual(
    page.contents.map((r) => r.key),
    ["c"],
  );
});
