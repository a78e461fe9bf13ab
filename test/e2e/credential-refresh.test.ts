// The credential lifecycle the project exists to show: code on an instance makes one S3 call
// every simulated 10 minutes for 8 simulated hours while the server clock moves; the role's
// 6-hour credentials expire and are replaced without the application noticing. Each client
// runs under `keyless exec`, which puts it in the server's time.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { LoopProcess, timeFileShows } from "../support/loop-process.js";
import { cleanEnv, run } from "../support/processes.js";
import { setUpRolePath } from "../support/walkthrough.js";

const STEP_MS = 10 * 60_000;
const STEPS = 48;
let keyless: TestKeyless;
let instanceId: string;

before(async () => {
  keyless = await startKeyless({ logLevel: "info" });
  instanceId = await setUpRolePath(keyless);
});
after(() => keyless.stop());

interface Call {
  ok: boolean;
  accessKeyId?: string;
  at?: number;
  name?: string;
}

/**
 * Drives `call` once per simulated 10 minutes; returns what every call reported. A running
 * process's clock follows the server through its time file, which is awaited after each move.
 */
async function eightHours(call: () => Promise<Call>, timeFile?: string) {
  const calls: Call[] = [];
  for (let step = 0; step < STEPS; step++) {
    if (step > 0) {
      keyless.clock.advance(STEP_MS);
      if (timeFile) await timeFileShows(timeFile, keyless.clock.describe().offsetMs);
    }
    calls.push(await call());
  }
  return calls;
}

async function checkLifecycle(calls: Call[], client: string) {
  const failed = calls.findIndex((c) => !c.ok);
  assert.equal(failed, -1, `${client}: call ${failed} failed: ${JSON.stringify(calls[failed])}`);
  const keys = new Set(calls.map((c) => c.accessKeyId));
  assert.ok(keys.size >= 2, `${client} used ${keys.size} session key(s) across 8 hours`);
  for (const call of calls) {
    assert.match(call.accessKeyId ?? "", /^ASIA/, `${client} used ${call.accessKeyId}`);
    const session = await keyless.app.model.sessions.find(call.accessKeyId as string);
    assert.ok(session, `no session behind ${call.accessKeyId}`);
    assert.ok(
      session.expiration > (call.at as number),
      `${client}: ${call.accessKeyId} was accepted after it expired`,
    );
  }
  const trail = keyless.app.trail.list().map((numbered) => numbered.event);
  const served = trail.filter(
    (e) => e.eventSource === "s3.amazonaws.com" && e.keyless.status === 200,
  );
  const trailKeys = new Set(served.map((e) => e.userIdentity.accessKeyId));
  for (const key of keys) assert.ok(trailKeys.has(key), `the trail never shows ${key}`);
  const expired = trail.filter((e) => e.errorCode === "ExpiredToken");
  assert.equal(expired.length, 0, `${client}: the trail shows expired keys used`);
}

function timeFile(): string {
  return join(mkdtempSync(join(tmpdir(), "keyless-time-")), "offset");
}

function execArgs(file: string, command: string[]): string[] {
  return [
    "exec",
    "--instance",
    instanceId,
    "--endpoint",
    keyless.endpoint,
    "--time-file",
    file,
    "--",
    ...command,
  ];
}

async function longRunning(client: string, command: string[]) {
  const file = timeFile();
  const loop = new LoopProcess(execArgs(file, command), cleanEnv());
  try {
    await checkLifecycle(
      await eightHours(async () => (await loop.ask("my-app-bucket")) as unknown as Call, file),
      client,
    );
  } finally {
    loop.stop();
  }
}

test("the JS SDK's default chain refreshes the instance role across 8 simulated hours", async () => {
  await longRunning("JS SDK", [process.execPath, "test/fixtures/refresh-loop.mjs"]);
});

test("Debian's boto3 refreshes the instance role across 8 simulated hours", async () => {
  await longRunning("Debian boto3", ["/usr/bin/python3", "test/fixtures/refresh_loop.py"]);
});

const IMAGE_PYTHON = "/root/.pyenv/shims/python3";
test("the image's own boto3, where present, refreshes across 8 simulated hours", async (t) => {
  const hasBoto3 =
    existsSync(IMAGE_PYTHON) &&
    (await run(IMAGE_PYTHON, ["-c", "import boto3"], cleanEnv({ PATH: process.env.PATH ?? "" })))
      .code === 0;
  if (!hasBoto3) return t.skip("this machine has no pip-installed boto3 besides Debian's");
  await longRunning("image boto3", [IMAGE_PYTHON, "test/fixtures/refresh_loop.py"]);
});

test("the AWS CLI on the instance gets working credentials at every step of 8 simulated hours", async () => {
  // Each CLI run is a new process: exec gives it the server's time as it starts.
  const file = timeFile();
  const calls = await eightHours(async () => {
    const finished = await run(
      process.execPath,
      [
        "dist/cli/main.js",
        ...execArgs(file, [
          "/usr/bin/aws",
          "--endpoint-url",
          keyless.endpoint,
          "s3api",
          "list-objects-v2",
          "--bucket",
          "my-app-bucket",
          "--debug",
        ]),
      ],
      cleanEnv(),
    );
    const key = /Credential=(ASIA[A-Z2-7]+)\//.exec(finished.stderr)?.[1];
    const at = keyless.clock.now();
    return {
      ok: finished.code === 0,
      ...(key ? { accessKeyId: key } : {}),
      at,
      name: finished.stderr.slice(-300),
    };
  });
  await checkLifecycle(calls, "AWS CLI");
});
