import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  ListObjectsCommand,
  type ListObjectsCommandInput,
  ListObjectsV2Command,
  type ListObjectsV2CommandInput,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { sendRaw, signRaw } from "../support/sign.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("listing");

/** Out of order on purpose; S3 lists in UTF-8 byte order. */
const KEYS = [
  "photos/2024/b.jpg",
  "photos/2024/a.jpg",
  "photos/2025/c.jpg",
  "photos/index.html",
  "docs/readme.md",
  "docs/guide/intro.md",
  "top.txt",
  "a b+c.txt",
  "zeta/é/ü.txt",
  "\u{1F600}emoji",
  "\uFB01ligature",
];
const SORTED = [...KEYS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const key of KEYS) {
    await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  }
});
after(() => fx.keyless.stop());

const v2 = (input: Omit<ListObjectsV2CommandInput, "Bucket"> = {}) =>
  fx.s3.send(new ListObjectsV2Command({ Bucket: bucket, ...input }));
const v1 = (input: Omit<ListObjectsCommandInput, "Bucket"> = {}) =>
  fx.s3.send(new ListObjectsCommand({ Bucket: bucket, ...input }));

test("ListObjectsV2 lists keys in UTF-8 byte order with size, ETag and class", async () => {
  const page = await v2();
  assert.deepEqual(
    page.Contents?.map((o) => o.Key),
    SORTED,
  );
  assert.equal(page.KeyCount, KEYS.length);
  assert.equal(page.IsTruncated, false);
  assert.equal(page.MaxKeys, 1000);
  const top = page.Contents?.find((o) => o.Key === "top.txt");
  assert.equal(top?.Size, "top.txt".length);
  assert.match(top?.ETag ?? "", /^"[0-9a-f]{32}"$/, `ETag ${top?.ETag}`);
  assert.equal(top?.StorageClass, "STANDARD");
  assert.equal(top?.Owner, undefined, "Owner without fetch-owner");
});

test("a prefix and a delimiter roll keys up into CommonPrefixes", async () => {
  const root = await v2({ Delimiter: "/" });
  assert.deepEqual(
    root.CommonPrefixes?.map((p) => p.Prefix),
    ["docs/", "photos/", "zeta/"],
  );
  assert.deepEqual(
    root.Contents?.map((o) => o.Key),
    ["a b+c.txt", "top.txt", "\uFB01ligature", "\u{1F600}emoji"],
  );
  assert.equal(root.KeyCount, 7);

  const photos = await v2({ Prefix: "photos/", Delimiter: "/" });
  assert.deepEqual(
    photos.CommonPrefixes?.map((p) => p.Prefix),
    ["photos/2024/", "photos/2025/"],
  );
  assert.deepEqual(
    photos.Contents?.map((o) => o.Key),
    ["photos/index.html"],
  );
  assert.equal(photos.Prefix, "photos/");
  assert.equal(photos.Delimiter, "/");
});

test("paging ListObjectsV2 one entry at a time visits every key and prefix once", async () => {
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await v2({
      Delimiter: "/",
      MaxKeys: 1,
      ...(token === undefined ? {} : { ContinuationToken: token }),
    });
    pages++;
    assert.equal(page.KeyCount, 1, `KeyCount of page ${pages}`);
    seen.push(...(page.Contents ?? []).map((o) => o.Key as string));
    seen.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix as string));
    token = page.NextContinuationToken;
    assert.equal(page.IsTruncated, token !== undefined, `IsTruncated of page ${pages}`);
  } while (token !== undefined && pages < 50);
  assert.deepEqual(seen, [
    "a b+c.txt",
    "docs/",
    "photos/",
    "top.txt",
    "zeta/",
    "\uFB01ligature",
    "\u{1F600}emoji",
  ]);
});

test("paging without a delimiter returns each key exactly once across pages", async () => {
  const seen: string[] = [];
  let token: string | undefined;
  do {
    const page = await v2({
      MaxKeys: 3,
      ...(token === undefined ? {} : { ContinuationToken: token }),
    });
    seen.push(...(page.Contents ?? []).map((o) => o.Key as string));
    token = page.NextContinuationToken;
  } while (token !== undefined);
  assert.deepEqual(seen, SORTED);
});

test("start-after skips to the keys after it, and fetch-owner adds each Owner", async () => {
  const page = await v2({ StartAfter: "photos/2024/b.jpg", FetchOwner: true, Prefix: "photos/" });
  assert.deepEqual(
    page.Contents?.map((o) => o.Key),
    ["photos/2025/c.jpg", "photos/index.html"],
  );
  assert.equal(page.StartAfter, "photos/2024/b.jpg");
  assert.match(page.Contents?.[0]?.Owner?.ID ?? "", /^[0-9a-f]{64}$/);
});

test("max-keys 0 answers an empty, untruncated page", async () => {
  const page = await v2({ MaxKeys: 0 });
  assert.equal(page.KeyCount, 0);
  assert.equal(page.Contents, undefined);
  assert.equal(page.IsTruncated, false);
});

test("encoding-type=url encodes keys and prefixes as S3 does", async () => {
  const page = await v2({ EncodingType: "url", Prefix: "a b" });
  assert.equal(page.EncodingType, "url");
  assert.deepEqual(
    page.Contents?.map((o) => o.Key),
    ["a+b%2Bc.txt"],
  );
  assert.equal(page.Prefix, "a+b");
  const unicode = await v2({ EncodingType: "url", Prefix: "zeta/", Delimiter: "/" });
  assert.deepEqual(
    unicode.CommonPrefixes?.map((p) => p.Prefix),
    ["zeta/%C3%A9/"],
  );
});

test("a continuation token keyless did not issue answers InvalidArgument", async () => {
  await rejectsWith(v2({ ContinuationToken: "not a token!" }), "InvalidArgument", 400);
});

test("a max-keys that is not a number answers InvalidArgument", async () => {
  await rejectsWith(
    fx.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: -1 })),
    "InvalidArgument",
    400,
  );
});

test("ListObjects v1 pages with NextMarker when a delimiter is given", async () => {
  const first = await v1({ Delimiter: "/", MaxKeys: 2 });
  assert.deepEqual(
    first.Contents?.map((o) => o.Key),
    ["a b+c.txt"],
  );
  assert.deepEqual(
    first.CommonPrefixes?.map((p) => p.Prefix),
    ["docs/"],
  );
  assert.equal(first.IsTruncated, true);
  assert.equal(first.NextMarker, "docs/");
  assert.match(first.Contents?.[0]?.Owner?.ID ?? "", /^[0-9a-f]{64}$/, "v1 always names Owner");

  const second = await v1({ Delimiter: "/", MaxKeys: 2, Marker: first.NextMarker as string });
  assert.deepEqual(
    second.CommonPrefixes?.map((p) => p.Prefix),
    ["photos/"],
  );
  assert.deepEqual(
    second.Contents?.map((o) => o.Key),
    ["top.txt"],
  );
});

test("ListObjects v1 without a delimiter resumes from the last key, not NextMarker", async () => {
  const first = await v1({ MaxKeys: 4 });
  assert.equal(first.IsTruncated, true);
  assert.equal(first.NextMarker, undefined, `NextMarker ${first.NextMarker}`);
  const last = first.Contents?.at(-1)?.Key as string;
  const second = await v1({ Marker: last });
  assert.deepEqual(
    [...(first.Contents ?? []), ...(second.Contents ?? [])].map((o) => o.Key),
    SORTED,
  );
  assert.equal(second.Marker, last);
});

test("keys holding control characters list as S3 writes them: character references, or URL-encoded when asked", async () => {
  const controls = freshBucket("listing-controls");
  await fx.s3.send(new CreateBucketCommand({ Bucket: controls }));
  const keys = ["a\u0001b", "a\rb", "a\tb\nc"];
  for (const key of keys) {
    await fx.s3.send(new PutObjectCommand({ Bucket: controls, Key: key, Body: "x" }));
  }
  const signed = await signRaw(fx.keyless.endpoint, fx.keyless.root, "s3", {
    method: "GET",
    path: `/${controls}`,
    query: { "list-type": "2" },
  });
  const listing = await sendRaw(fx.keyless.endpoint, signed);
  assert.equal(listing.status, 200, listing.body);
  // U+0001 cannot be in an XML 1.0 document at all, and a bare CR would be read back as LF;
  // tab and line feed are written as they are.
  assert.deepEqual(
    [...listing.body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]),
    ["a&#x1;b", "a\tb\nc", "a&#xD;b"],
  );
  const encoded = await fx.s3.send(
    new ListObjectsV2Command({ Bucket: controls, EncodingType: "url" }),
  );
  assert.deepEqual(
    encoded.Contents?.map((object) => object.Key),
    ["a%01b", "a%09b%0Ac", "a%0Db"],
  );
  const plain = await fx.s3.send(new ListObjectsV2Command({ Bucket: controls }));
  // The JS SDK reads the references back: every key as it was stored.
  assert.deepEqual(
    plain.Contents?.map((object) => object.Key),
    ["a\u0001b", "a\tb\nc", "a\rb"],
  );
});
