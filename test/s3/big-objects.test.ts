// A 1 GiB object through the compiled server in a process of its own, so that its memory can
// be read: the bytes stream from the socket to disk and back and are never held whole. The
// bound is on peak resident memory (VmHWM), not on time. An upload cut off by the client leaves
// neither an object nor a partial file.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { cleanEnv, KEYLESS_BIN, REPO } from "../support/processes.js";
import { MiB, patternStream, sha256Of, tempDir } from "./big-files.js";
import { rejectsWith } from "./fixture.js";

const GIB = 1024 * MiB;
const PEAK_RSS_LIMIT_MIB = 150;
const ROOT = {
  accessKeyId: "AKIAKEYLESSBIGOBJECT",
  secretAccessKey: "bigObjectsBigObjectsBigObjectsBigObjects",
};
const BUCKET = "big-objects";

let server: ChildProcess;
let s3: S3Client;
const dataDir = tempDir("big-objects");

/** `keyless up` on a free port; the banner's first line names the endpoint it bound. */
async function startServer(): Promise<string> {
  server = spawn(
    process.execPath,
    [KEYLESS_BIN, "up", "--data-dir", dataDir, "--port", "0", "--log-level", "warn"],
    {
      cwd: REPO,
      env: cleanEnv({
        KEYLESS_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
        KEYLESS_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
      }),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let banner = "";
  for await (const chunk of server.stdout as AsyncIterable<Buffer>) {
    banner += chunk.toString("utf8");
    const endpoint = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
    if (endpoint !== undefined) return endpoint;
  }
  throw new Error(`keyless exited before it was ready: ${banner}`);
}

before(async () => {
  const endpoint = await startServer();
  s3 = clients(endpoint, ROOT).s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(async () => {
  s3.destroy();
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
});

function peakRssMiB(): number {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  assert.ok(kib !== undefined, `VmHWM of process ${server.pid}`);
  return Number(kib) / 1024;
}

/** A pass-through that hashes what it sends and tells how far it has got. */
function hashing(onProgress: (sent: number) => void = () => {}) {
  const sha256 = createHash("sha256");
  let sent = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      sha256.update(chunk);
      onProgress(sent);
      done(null, chunk);
    },
  });
  return { stream, digest: () => sha256.digest("hex") };
}

const partialFiles = () => readdirSync(join(dataDir, "objects", "tmp"));

test("1 GiB in by PutObject and out by GetObject keeps the server under 150 MiB", async (t) => {
  const sent = hashing();
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: "one-gibibyte.bin",
      Body: patternStream(GIB).pipe(sent.stream),
      ContentLength: GIB,
    }),
  );
  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "one-gibibyte.bin" }));
  assert.equal(got.ContentLength, GIB);
  const received = await sha256Of(got.Body as AsyncIterable<Uint8Array>);
  assert.equal(received, sent.digest(), "SHA-256 of the object read back");

  const peak = peakRssMiB();
  t.diagnostic(`server peak RSS after 1 GiB in and out: ${peak.toFixed(1)} MiB`);
  assert.ok(peak <= PEAK_RSS_LIMIT_MIB, `server peak RSS ${peak.toFixed(1)} MiB`);
});

test("an upload the client cuts off leaves the old object and no partial file", async () => {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "kept", Body: "the first one" }));
  // The client gives up once 64 MiB are on their way, and closes its connection.
  const giveUp = new AbortController();
  const cut = hashing((sent) => {
    if (sent > 64 * MiB) giveUp.abort();
  });
  await assert.rejects(
    s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "kept",
        Body: patternStream(GIB).pipe(cut.stream),
        ContentLength: GIB,
      }),
      { abortSignal: giveUp.signal },
    ),
    { name: "AbortError" },
  );

  // The server learns of the hang-up from its socket; give it a moment to clean up.
  for (let waited = 0; partialFiles().length > 0 && waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(partialFiles(), [], "files left in objects/tmp");
  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "kept" }));
  assert.equal(await got.Body?.transformToString(), "the first one");
  await rejectsWith(
    s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "never-finished" })),
    "NoSuchKey",
    404,
  );
});
