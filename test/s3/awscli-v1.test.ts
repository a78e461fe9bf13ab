// The AWS CLI v1 that this machine's image may carry (pip-installed, not Debian's): a multipart
// copy each way and a presigned link, where it exists. Nothing can be pip-installed here, so the
// test says so and skips where the image has no v1.
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { credentialEnv, run } from "../support/processes.js";
import { MiB, sha256Of, tempDir, writeRandomFile } from "./big-files.js";

const AWS_V1 = "/root/.pyenv/shims/aws";
let keyless: TestKeyless;
let env: Record<string, string>;
let isV1 = false;
const files = tempDir("cli-v1");

before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
  env = credentialEnv(keyless.root);
  if (existsSync(AWS_V1)) {
    const version = await run(AWS_V1, ["--version"], env);
    isV1 = /aws-cli\/1\./.test(version.stdout + version.stderr);
  }
});
after(async () => {
  await keyless.stop();
  rmSync(files, { recursive: true, force: true });
});

async function aws(...args: string[]): Promise<string> {
  const finished = await run(AWS_V1, ["--endpoint-url", keyless.endpoint, ...args], env, 120_000);
  assert.equal(finished.code, 0, `aws v1 ${args.join(" ")} failed: ${finished.stderr}`);
  return finished.stdout;
}

test("the AWS CLI v1, where present, copies 20 MiB both ways in parts and presigns a GET", async (t) => {
  if (!isV1) return t.skip("this machine has no pip-installed AWS CLI v1");
  await aws("s3", "mb", "s3://cli-v1");
  const source = join(files, "v1.bin");
  const sent = writeRandomFile(source, 20 * MiB);
  await aws("s3", "cp", source, "s3://cli-v1/v1.bin");
  const stored = await keyless.app.model.objects.find("cli-v1", "v1.bin");
  assert.match(stored?.etag ?? "", /-3"$/, `ETag ${stored?.etag}`);
  const back = join(files, "v1.back");
  await aws("s3", "cp", "s3://cli-v1/v1.bin", back);
  assert.equal(await sha256Of(back), sent, "SHA-256 of the copy brought back");

  const url = (await aws("s3", "presign", "s3://cli-v1/v1.bin", "--expires-in", "300")).trim();
  const fetched = await fetch(url);
  assert.equal(
    fetched.status,
    200,
    await fetched
      .clone()
      .text()
      .then((b) => b.slice(0, 300)),
  );
  assert.equal(Number(fetched.headers.get("content-length")), 20 * MiB);
});
