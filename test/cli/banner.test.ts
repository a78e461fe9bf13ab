// `keyless up` on a port of its own: the banner's credentials line, pasted as it is, points every
// client and keyless's own commands at that port.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cleanEnv, KEYLESS_BIN, keyless, REPO, run } from "../support/processes.js";

const ROOT = {
  KEYLESS_ROOT_ACCESS_KEY_ID: "AKIABANNERBANNER0001",
  KEYLESS_ROOT_SECRET_ACCESS_KEY: "bannerBannerBannerBannerBannerBannerBann",
};

/** Starts `keyless up` with args; resolves with the banner once its health line is out. */
async function up(args: string[]): Promise<{ server: ChildProcess; banner: string }> {
  const server = spawn(process.execPath, [KEYLESS_BIN, "up", ...args, "--log-level", "warn"], {
    cwd: REPO,
    env: cleanEnv(ROOT),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let banner = "";
  for await (const chunk of server.stdout as AsyncIterable<Buffer>) {
    banner += chunk.toString("utf8");
    if (/health\s+\S+\n/.test(banner)) return { server, banner };
  }
  throw new Error(`keyless exited before it was ready: ${banner}`);
}

/** Ends a server `up` started and waits until it has gone. */
async function stop(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

/** The variables `export NAME=value` lines set. */
const exportsOf = (stdout: string): Record<string, string> =>
  Object.fromEntries(
    [...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );

test("the banner's credentials line names a non-default port and region, and keyless's commands follow it", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "keyless-banner-"));
  const { server, banner } = await up([
    "--data-dir",
    dataDir,
    "--port",
    "0",
    "--region",
    "eu-west-1",
  ]);
  try {
    const endpoint = /listening on (http:\/\/\S+)/.exec(banner)?.[1] as string;
    const line = /eval "\$\((.*)\)"/.exec(banner)?.[1] ?? "";
    assert.match(
      line,
      new RegExp(`credentials root --data-dir \\S+ --endpoint ${endpoint} --region eu-west-1$`),
      banner,
    );

    // The line's own arguments, run as the user would run them.
    const args = line.split(" ").slice(line.split(" ").indexOf("credentials"));
    const printed = await keyless(args, cleanEnv());
    assert.equal(printed.code, 0, printed.stderr);
    const exported = exportsOf(printed.stdout);
    assert.equal(exported.AWS_ENDPOINT_URL, endpoint);
    assert.equal(exported.KEYLESS_ENDPOINT, endpoint);
    assert.equal(exported.AWS_REGION, "eu-west-1");

    // With those exports and no --endpoint, `keyless clock` reaches this server.
    const clock = await keyless(["clock", "show"], cleanEnv(exported));
    assert.equal(clock.code, 0, clock.stderr);
    assert.match(clock.stdout, /real time/);
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("the banner's credentials line quotes a data dir with spaces and quotes, so it pastes into a shell as it is", async () => {
  const parent = mkdtempSync(join(tmpdir(), "keyless-banner-"));
  const dataDir = join(parent, "my data's dir");
  const { server, banner } = await up(["--data-dir", dataDir, "--port", "0"]);
  try {
    const line = /eval "\$\((.*)\)"/.exec(banner)?.[1] ?? "";
    assert.ok(line.includes(`'${parent}/my data'\\''s dir'`), banner);
    const pasted = await run("bash", ["-c", line], cleanEnv());
    assert.equal(pasted.code, 0, pasted.stderr);
    assert.match(pasted.stdout, /^export AWS_ACCESS_KEY_ID=AKIABANNERBANNER0001$/m);
  } finally {
    await stop(server);
    rmSync(parent, { recursive: true, force: true });
  }
});

test("credentials root and clock given --data-dir alone find the endpoint and region of the keyless serving that dir", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "keyless-serving-"));
  const { server, banner } = await up([
    "--data-dir",
    dataDir,
    "--port",
    "0",
    "--region",
    "eu-central-1",
  ]);
  const endpoint = /listening on (http:\/\/\S+)/.exec(banner)?.[1] as string;
  const exported = async (...extra: string[]) => {
    const printed = await keyless(
      ["credentials", "root", "--data-dir", dataDir, ...extra],
      cleanEnv(),
    );
    assert.equal(printed.code, 0, printed.stderr);
    return exportsOf(printed.stdout);
  };
  try {
    const found = await exported();
    assert.equal(found.AWS_ENDPOINT_URL, endpoint);
    assert.equal(found.KEYLESS_ENDPOINT, endpoint);
    assert.equal(found.AWS_REGION, "eu-central-1");
    // keyless clock, pointed at the dir, finds the same server.
    const clock = await keyless(["clock", "show", "--data-dir", dataDir], cleanEnv());
    assert.equal(clock.code, 0, clock.stderr);
    assert.match(clock.stdout, /from real time/);
    // What the command line says still wins.
    const told = await exported("--endpoint", "http://127.0.0.1:9", "--region", "us-west-2");
    assert.equal(told.AWS_ENDPOINT_URL, "http://127.0.0.1:9");
    assert.equal(told.AWS_REGION, "us-west-2");
  } finally {
    await stop(server);
  }
  try {
    // With nobody serving the dir, the defaults.
    const stopped = await exported();
    assert.equal(stopped.AWS_ENDPOINT_URL, "http://127.0.0.1:4566");
    assert.equal(stopped.AWS_REGION, "us-east-1");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
