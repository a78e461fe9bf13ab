// Keys and query values as SigV4 signs them: S3 paths are signed exactly as sent, never
// normalised, so keys with spaces, "+", "&", Unicode, "//", "./" and "../", and keys of 1,024
// bytes, are stored, signed and read back exactly, by the JS SDK (path-style and
// virtual-hosted), boto3 and the AWS CLI.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { virtualHostedClient } from "../s3/fixture.js";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { awsCli, boto3 } from "./support.js";

/** 2 + 511 × 2 = 1,024 bytes of UTF-8: the longest key S3 allows. */
const LONGEST = `k/${"é".repeat(511)}`;
const KEYS = [
  "space key.txt",
  "plus+sign.txt",
  "amp&eq=.txt",
  "unicode é中文🙂.txt",
  "double//slash",
  "./dot",
  "../dotdot",
  "a/./b/../c",
  "%25 looks encoded",
  "punctuation ~*'()!$,;:@",
  LONGEST,
];

let keyless: TestKeyless;
let port: string;
before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
  port = new URL(keyless.endpoint).port;
  const { s3 } = clients(keyless.endpoint, keyless.root);
  const boto = ["s3v4", "s3"].flatMap((v) => [`enc-boto-${v}-path`, `enc-boto-${v}-virtual`]);
  for (const bucket of ["enc-js-path", "enc-js-host", "enc-cli", ...boto]) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
});
after(() => keyless.stop());

test("the longest key is exactly 1,024 bytes of UTF-8", () => {
  assert.equal(Buffer.byteLength(LONGEST, "utf8"), 1024);
});

async function listAll(s3: S3Client, bucket: string, prefix?: string): Promise<string[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({
      Bucket: bucket,
      ...(prefix === undefined ? {} : { Prefix: prefix }),
    }),
  );
  return (listed.Contents ?? []).map((object) => object.Key as string).sort();
}

async function jsRoundTrip(s3: S3Client, bucket: string) {
  for (const key of KEYS) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    assert.equal(await got.Body?.transformToString(), key, `the body read back for ${key}`);
  }
  assert.deepEqual(await listAll(s3, bucket), [...KEYS].sort(), "the keys listed");
}

test("the JS SDK stores and reads every such key exactly, path-style", async () => {
  await jsRoundTrip(clients(keyless.endpoint, keyless.root).s3, "enc-js-path");
});

test("the JS SDK stores and reads every such key exactly, virtual-hosted (Host signed with its port)", async () => {
  await jsRoundTrip(virtualHostedClient(keyless.endpoint, keyless.root), "enc-js-host");
});

test("query values with a space and a plus sign are signed and read as sent", async () => {
  const s3 = clients(keyless.endpoint, keyless.root).s3;
  assert.deepEqual(await listAll(s3, "enc-js-path", "space "), ["space key.txt"]);
  assert.deepEqual(await listAll(s3, "enc-js-path", "plus+"), ["plus+sign.txt"]);
  assert.deepEqual(await listAll(s3, "enc-js-path", "unicode é"), ["unicode é中文🙂.txt"]);
  const delimited = await s3.send(
    new ListObjectsV2Command({ Bucket: "enc-js-path", Delimiter: "+", Prefix: "plus" }),
  );
  assert.deepEqual(
    delimited.CommonPrefixes?.map((p) => p.Prefix),
    ["plus+"],
  );
});

test("a key of 1,025 bytes is KeyTooLongError", async () => {
  const s3 = clients(keyless.endpoint, keyless.root).s3;
  await assert.rejects(
    s3.send(new PutObjectCommand({ Bucket: "enc-js-path", Key: `${LONGEST}x`, Body: "x" })),
    { name: "KeyTooLongError" },
  );
});

interface Boto3Result {
  objects: Record<string, { put: { ok: boolean }; get: { ok: boolean; value?: string } }>;
  listed: { ok: boolean; value: string[] };
}

for (const [signature_version, addressing_style] of [
  ["s3v4", "path"],
  ["s3v4", "virtual"],
  ["s3", "path"],
  ["s3", "virtual"],
] as const) {
  const version = signature_version === "s3" ? "SigV2" : "SigV4";
  test(`boto3 (${version}, ${addressing_style}) stores and reads every such key exactly`, async () => {
    const bucket = `enc-boto-${signature_version}-${addressing_style}`;
    const endpoint = addressing_style === "path" ? keyless.endpoint : `http://s3.localhost:${port}`;
    const result = (await boto3(keyless.root, {
      action: "put-get-list",
      endpoint,
      addressing_style,
      signature_version,
      bucket,
      keys: KEYS,
    })) as Boto3Result;
    for (const key of KEYS) {
      assert.deepEqual(result.objects[key]?.get, { ok: true, value: key }, `boto3 get ${key}`);
    }
    assert.deepEqual([...result.listed.value].sort(), [...KEYS].sort(), "the keys boto3 listed");
  });
}

/** Debian's AWS CLI v2: `s3api put-object` and `get-object`, one process per call. */
async function cli(args: string[]) {
  const finished = await awsCli(keyless.endpoint, keyless.root, ["s3api", ...args]);
  assert.equal(finished.code, 0, `aws s3api ${args.join(" ")}: ${finished.stderr}`);
}

/** Every process of the CLI costs a second or more: the keys that test something different. */
const CLI_KEYS = KEYS.filter(
  (key) => !["./dot", "%25 looks encoded", "punctuation ~*'()!$,;:@"].includes(key),
);

test("the AWS CLI stores and reads such keys exactly", async () => {
  const dir = mkdtempSync(join(tmpdir(), "keyless-keys-"));
  const file = (direction: string, index: number) => join(dir, `${direction}-${index}`);
  for (const [index, key] of CLI_KEYS.entries()) writeFileSync(file("in", index), key);
  const bucket = ["--bucket", "enc-cli"];
  await Promise.all(
    CLI_KEYS.map((key, index) =>
      cli(["put-object", ...bucket, "--key", key, "--body", file("in", index)]),
    ),
  );
  await Promise.all(
    CLI_KEYS.map((key, index) => cli(["get-object", ...bucket, "--key", key, file("out", index)])),
  );
  CLI_KEYS.forEach((key, index) => {
    assert.equal(readFileSync(file("out", index), "utf8"), key, `the body the CLI read for ${key}`);
  });
  const s3 = clients(keyless.endpoint, keyless.root).s3;
  assert.deepEqual(await listAll(s3, "enc-cli"), [...CLI_KEYS].sort(), "the keys the CLI stored");
});
