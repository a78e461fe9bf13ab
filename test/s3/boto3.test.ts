// Debian's boto3 (/usr/bin/python3) against keyless over a socket: its transfer manager sends a
// file over 8 MiB as a multipart upload and reads it back in ranges, and a URL it presigns is
// read by a plain GET that carries no credentials.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { python3 } from "../support/processes.js";
import { MiB, sha256Of, tempDir, writeRandomFile } from "./big-files.js";

let keyless: TestKeyless;
const files = tempDir("boto3");
before(async () => {
  keyless = await startKeyless();
});
after(async () => {
  await keyless.stop();
  rmSync(files, { recursive: true, force: true });
});

test("boto3 uploads and downloads a 12 MiB file in parts and presigns a GET URL", async () => {
  const source = join(files, "source.bin");
  const destination = join(files, "destination.bin");
  const sent = writeRandomFile(source, 12 * MiB);

  const finished = await python3(
    ["test/fixtures/s3_transfer.py", keyless.endpoint, "boto3-transfers", source, destination],
    keyless.root,
    120_000,
  );
  assert.equal(finished.code, 0, finished.stderr);
  const result = JSON.parse(finished.stdout) as { etag: string; size: number; url: string };

  // boto3's threshold and part size are both 8 MiB: two parts, 8 MiB and 4 MiB.
  assert.match(result.etag, /^"[0-9a-f]{32}-2"$/, `ETag ${result.etag}`);
  assert.equal(result.size, 12 * MiB);
  assert.equal(await sha256Of(destination), sent, "SHA-256 of the downloaded file");

  const response = await fetch(result.url);
  assert.equal(response.status, 200, `GET ${result.url}`);
  const body = Buffer.from(await response.arrayBuffer());
  assert.equal(createHash("sha256").update(body).digest("hex"), sent, "SHA-256 of the GET");
});
