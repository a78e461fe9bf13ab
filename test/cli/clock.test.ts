// `keyless clock`: moving the server's time needs root credentials, and the setting survives a
// restart on the same data dir.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { clients } from "../support/clients.js";
import { postClock } from "../support/clock-api.js";
import { startKeyless } from "../support/keyless.js";
import { allow, userWithKey } from "../support/principals.js";
import { cleanEnv, keyless as keylessCli } from "../support/processes.js";

const HOUR = 3_600_000;

test("keyless clock advance moves the server's time, and a restart keeps it", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "keyless-clock-"));
  const first = await startKeyless({ dataDir });
  try {
    const cli = (...args: string[]) =>
      keylessCli(
        ["clock", ...args, "--endpoint", first.endpoint, "--data-dir", dataDir],
        cleanEnv(),
      );
    const advanced = await cli("advance", "2h");
    assert.equal(advanced.code, 0, advanced.stderr);
    assert.match(advanced.stdout, /\+7200 s from real time/);
    const offset = first.clock.describe().offsetMs;
    assert.ok(Math.abs(offset - 2 * HOUR) < 5000, `offset after advancing 2h: ${offset} ms`);
    const bad = await cli("advance", "two hours");
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /is not a duration such as 2h/);
    // Date.parse would take 30 February as 2 March.
    const missingDay = await cli("set", "2026-02-30T00:00:00Z");
    assert.notEqual(missingDay.code, 0, missingDay.stdout);
    assert.match(missingDay.stderr, /"2026-02-30T00:00:00Z" is not an ISO 8601 time/);
  } finally {
    await first.stop();
  }
  const second = await startKeyless({ dataDir });
  try {
    const offset = second.clock.describe().offsetMs;
    assert.ok(Math.abs(offset - 2 * HOUR) < 5000, `offset after a restart: ${offset} ms`);
    const reset = await keylessCli(
      ["clock", "reset", "--endpoint", second.endpoint, "--data-dir", dataDir],
      cleanEnv(),
    );
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, / \(\+0 s from real time\)$/m, "an offset under a second is +0");
    assert.ok(Math.abs(second.clock.describe().offsetMs) < 5000, "reset goes back to real time");
  } finally {
    await second.stop();
  }
});

test("moving the clock is refused without root credentials", async () => {
  const keyless = await startKeyless();
  try {
    const url = new URL("/_keyless/clock", keyless.endpoint);
    const body = JSON.stringify({ advance: "1h" });
    const unsigned = await fetch(url, { method: "POST", body });
    assert.equal(unsigned.status, 403, await unsigned.text());

    const admin = await userWithKey(keyless.endpoint, keyless.root, "admin", allow("*"));
    const asUser = await postClock(keyless.endpoint, admin, body);
    assert.equal(asUser.status, 403);
    assert.match(((await asUser.json()) as { message: string }).message, /only root credentials/);

    const asRoot = await postClock(keyless.endpoint, keyless.root, body);
    assert.equal(asRoot.status, 200, await asRoot.clone().text());
    assert.ok(keyless.clock.describe().offsetMs > HOUR - 5000);
  } finally {
    await keyless.stop();
  }
});

test("after the clock moves, clients on real time and clients on the server's time both sign", async () => {
  const keyless = await startKeyless();
  try {
    keyless.clock.advance(7 * HOUR);
    const realTime = clients(keyless.endpoint, keyless.root);
    const serverTime = clients(keyless.endpoint, keyless.root, 7 * HOUR);
    assert.equal(
      (await realTime.sts.send(new GetCallerIdentityCommand({}))).Account,
      "123456789012",
    );
    assert.equal(
      (await serverTime.sts.send(new GetCallerIdentityCommand({}))).Account,
      "123456789012",
    );
    const skewed = clients(keyless.endpoint, keyless.root, 3 * HOUR);
    await assert.rejects(skewed.sts.send(new GetCallerIdentityCommand({})), {
      name: "SignatureDoesNotMatch",
    });
  } finally {
    await keyless.stop();
  }
});
