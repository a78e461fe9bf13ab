// Debian's AWS CLI v2 (/usr/bin/aws) against keyless over a socket, as a person would use it:
// high-level `aws s3` commands (a 200 MiB multipart copy each way, sync, ls, rm, presign) and
// the multipart steps of `aws s3api` one by one. The CLI ignores AWS_ENDPOINT_URL, so every
// call passes --endpoint-url.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { credentialEnv, run } from "../support/processes.js";
import { MiB, sha256Of, tempDir, writeRandomFile } from "./big-files.js";

const AWS = "/usr/bin/aws";
const BUCKET = "cli-acceptance";
let keyless: TestKeyless;
let env: Record<string, string>;
const files = tempDir("cli-files");
const dataDir = tempDir("cli-data");

before(async () => {
  keyless = await startKeyless({ dataDir, logLevel: "info" });
  env = credentialEnv(keyless.root);
});
after(async () => {
  await keyless.stop();
  rmSync(files, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function aws(...args: string[]): Promise<string> {
  const finished = await run(AWS, ["--endpoint-url", keyless.endpoint, ...args], env, 180_000);
  assert.equal(finished.code, 0, `aws ${args.join(" ")} failed: ${finished.stderr}`);
  return finished.stdout;
}

const awsJson = async (...args: string[]) =>
  JSON.parse(await aws("--output", "json", ...args)) as Record<string, unknown>;

// Each CLI call costs seconds of Python start-up, so what the CLI did is checked through the
// server's own model where a second call would only read it back.

test("aws s3 mb makes a bucket", async () => {
  await aws("s3", "mb", `s3://${BUCKET}`);
  assert.ok(await keyless.app.model.buckets.find(BUCKET), `bucket ${BUCKET}`);
});

test("aws s3 cp sends 200 MiB in parts and brings the same bytes back", async () => {
  const source = join(files, "big.bin");
  const sent = writeRandomFile(source, 200 * MiB);
  await aws("s3", "cp", source, `s3://${BUCKET}/big.bin`);

  // The CLI cuts 8 MiB parts and sends each with Content-MD5: the ETag names 25 parts.
  const stored = await keyless.app.model.objects.find(BUCKET, "big.bin");
  assert.equal(stored?.size, 200 * MiB);
  assert.match(stored?.etag ?? "", /^"[0-9a-f]{32}-25"$/, `ETag ${stored?.etag}`);

  const back = join(files, "big.back");
  await aws("s3", "cp", `s3://${BUCKET}/big.bin`, back);
  assert.equal(await sha256Of(back), sent, "SHA-256 of the downloaded copy");

  // One part by number, as a part-by-part downloader asks for it: the 25th is the last 8 MiB.
  const part = join(files, "big.part");
  const described = await awsJson(
    "s3api",
    "get-object",
    "--bucket",
    BUCKET,
    "--key",
    "big.bin",
    "--part-number",
    "25",
    part,
  );
  assert.equal(described.PartsCount, 25);
  assert.equal(described.ContentRange, `bytes ${192 * MiB}-${200 * MiB - 1}/${200 * MiB}`);
  const whole = readFileSync(back);
  assert.ok(readFileSync(part).equals(whole.subarray(192 * MiB)), "the 25th part's bytes");
  rmSync(source);
  rmSync(back);
  rmSync(part);
});

test("aws s3 sync copies a small tree up and back down; aws s3 ls lists it", async () => {
  const tree = join(files, "tree");
  mkdirSync(join(tree, "docs", "deep"), { recursive: true });
  const contents: Record<string, string> = {
    "a.txt": "alpha\n",
    "docs/b.md": "# bravo\n",
    "docs/deep/c with space.json": '{"charlie":3}\n',
  };
  for (const [path, text] of Object.entries(contents)) writeFileSync(join(tree, path), text);

  const up = await aws("s3", "sync", tree, `s3://${BUCKET}/tree/`);
  assert.equal(up.match(/^upload:/gm)?.length, 3, `sync up printed ${up}`);
  const listed = await aws("s3", "ls", `s3://${BUCKET}/tree/`, "--recursive");
  for (const path of Object.keys(contents)) assert.ok(listed.includes(`tree/${path}`), listed);

  const down = join(files, "down");
  await aws("s3", "sync", `s3://${BUCKET}/tree/`, down);
  for (const [path, text] of Object.entries(contents)) {
    assert.equal(readFileSync(join(down, path), "utf8"), text, `contents of ${path}`);
  }
});

test("aws s3 presign makes a URL that a plain GET reads", async () => {
  const url = (
    await aws("s3", "presign", `s3://${BUCKET}/tree/a.txt`, "--expires-in", "300")
  ).trim();
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  assert.equal(await response.text(), "alpha\n");
});

test("aws s3api runs a multipart upload step by step with SHA-256 checksums", async () => {
  const created = await awsJson(
    "s3api",
    "create-multipart-upload",
    "--bucket",
    BUCKET,
    "--key",
    "parts.bin",
    "--checksum-algorithm",
    "SHA256",
  );
  const uploadId = String(created.UploadId);
  const first = join(files, "part1");
  const second = join(files, "part2");
  writeRandomFile(first, 5 * MiB);
  writeRandomFile(second, 1234);

  const parts = [];
  for (const [number, path] of [
    [1, first],
    [2, second],
  ] as const) {
    const part = await awsJson(
      "s3api",
      "upload-part",
      "--bucket",
      BUCKET,
      "--key",
      "parts.bin",
      "--upload-id",
      uploadId,
      "--part-number",
      String(number),
      "--body",
      path,
      "--checksum-algorithm",
      "SHA256",
    );
    assert.match(String(part.ChecksumSHA256), /^[A-Za-z0-9+/]{43}=$/, `part ${number} checksum`);
    parts.push({ PartNumber: number, ETag: part.ETag, ChecksumSHA256: part.ChecksumSHA256 });
  }
  writeFileSync(join(files, "parts.json"), JSON.stringify({ Parts: parts }));

  const done = await awsJson(
    "s3api",
    "complete-multipart-upload",
    "--bucket",
    BUCKET,
    "--key",
    "parts.bin",
    "--upload-id",
    uploadId,
    "--multipart-upload",
    `file://${join(files, "parts.json")}`,
  );
  assert.match(String(done.ETag), /^"[0-9a-f]{32}-2"$/, `ETag ${done.ETag}`);
  assert.match(String(done.ChecksumSHA256), /-2$/, `composite checksum ${done.ChecksumSHA256}`);

  const stored = await keyless.app.model.objects.get(BUCKET, "parts.bin");
  const expected = Buffer.concat([readFileSync(first), readFileSync(second)]);
  const assembled = await sha256Of(keyless.app.model.objects.read(stored));
  assert.equal(stored.size, expected.length);
  assert.equal(assembled, createHash("sha256").update(expected).digest("hex"), "assembled bytes");
});

test("aws s3 rm --recursive empties the bucket and leaves no blob behind", async () => {
  await aws("s3", "rm", `s3://${BUCKET}/`, "--recursive");
  const left = await keyless.app.model.objects.list(BUCKET, { prefix: "", after: "", limit: 10 });
  assert.deepEqual(
    left.map((record) => record.key),
    [],
    "keys left after rm --recursive",
  );

  const blobs = readdirSync(join(dataDir, "objects"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
  assert.deepEqual(blobs, [], "files left under the data dir's objects/");
});
