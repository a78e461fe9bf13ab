// keyless's commands where the machine says no: `keyless up` on a port another process holds, on
// a data dir another keyless serves or cannot use, on a host name nobody resolves, in memory with
// no way to reach its root keys, and under an open-file limit too low for a metadata listener per
// instance (a server that still starts and serves, and a RunInstances that answers
// InstanceLimitExceeded when no listener would fit); `credentials root` with no data dir; trail
// and clock pointed at something that is not keyless. Each is a message a person can act on,
// never a stack trace or a crash.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { RunInstancesCommand } from "@aws-sdk/client-ec2";
import { rejectsWith } from "../s3/fixture.js";
import { clients } from "../support/clients.js";
import { startKeyless } from "../support/keyless.js";
import { cleanEnv, KEYLESS_BIN, keyless, REPO } from "../support/processes.js";

const ROOT = {
  KEYLESS_ROOT_ACCESS_KEY_ID: "AKIALIMITSLIMITS0001",
  KEYLESS_ROOT_SECRET_ACCESS_KEY: "limitsLimitsLimitsLimitsLimitsLimitsLimi",
};

test("keyless up on a port another process holds says so and exits 1", async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const { port } = holder.address() as { port: number };
  try {
    const finished = await keyless(
      ["up", "--in-memory", "--port", String(port), "--log-level", "warn"],
      cleanEnv(ROOT),
    );
    assert.equal(finished.code, 1, finished.stderr);
    assert.equal(
      finished.stderr,
      `keyless: 127.0.0.1:${port} is already in use: stop what holds it, or choose another port ` +
        "with --port\n",
    );
  } finally {
    holder.close();
  }
});

test("keyless up that cannot take its port leaves no data dir behind when it made the dir", async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const { port } = holder.address() as { port: number };
  const parent = mkdtempSync(join(tmpdir(), "keyless-portless-"));
  const fresh = join(parent, "new", "data");
  const existing = join(parent, "existing");
  mkdirSync(existing);
  writeFileSync(join(existing, "mine.txt"), "kept");
  try {
    for (const dataDir of [fresh, existing]) {
      const finished = await keyless(
        ["up", "--port", String(port), "--data-dir", dataDir, "--log-level", "warn"],
        cleanEnv(),
      );
      assert.equal(finished.code, 1, finished.stderr);
      assert.match(finished.stderr, /is already in use/);
    }
    assert.equal(existsSync(join(parent, "new")), false, "the dirs it made are gone");
    assert.equal(readFileSync(join(existing, "mine.txt"), "utf8"), "kept");
    assert.equal(existsSync(join(existing, "keyless.pid")), false);
  } finally {
    holder.close();
    rmSync(parent, { recursive: true, force: true });
  }
});

const IMAGE = "ami-0abcdef1234567890";
const INSTANCES = 12;
/** The reserve the server keeps (imds/manager.ts) plus room for six listeners. */
const OPEN_FILES = 256 + 6;

test("under a low open-file limit keyless serves, logs instances left without metadata, refuses more", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "keyless-limits-"));
  try {
    const first = await startKeyless({ dataDir, logLevel: "warn" });
    const root = first.root;
    await clients(first.endpoint, root).ec2.send(
      new RunInstancesCommand({
        ImageId: IMAGE,
        MinCount: INSTANCES,
        MaxCount: INSTANCES,
      }),
    );
    await first.stop();

    const up = `"${process.execPath}" "${KEYLESS_BIN}" up --data-dir "${dataDir}" --port 0`;
    const command = `ulimit -n ${OPEN_FILES} && exec ${up} --log-level warn`;
    const server = spawn("/bin/sh", ["-c", command], {
      cwd: REPO,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    server.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    let banner = "";
    for await (const chunk of server.stdout as AsyncIterable<Buffer>) {
      banner += chunk.toString("utf8");
      if (/health\s+\S+\n/.test(banner)) break;
    }
    try {
      const health = /health\s+(\S+)\n/.exec(banner)?.[1];
      assert.ok(health, `keyless did not start: ${banner}${stderr}`);
      assert.equal((await fetch(health)).status, 200, "the API still answers");

      const notStarted = stderr
        .split("\n")
        .filter((line) => line.includes('"msg":"imds not started"'));
      assert.equal(notStarted.length, INSTANCES - 6, stderr);
      assert.match(notStarted[0] ?? "", /open-file limit \(ulimit -n\)/);

      // No room is left for another listener, so EC2 answers as its own limit would.
      const endpoint = new URL(health).origin;
      const refused = await rejectsWith(
        clients(endpoint, root).ec2.send(
          new RunInstancesCommand({ ImageId: IMAGE, MinCount: 1, MaxCount: 1 }),
        ),
        "InstanceLimitExceeded",
        400,
      );
      assert.match(refused.message, /room for 0 more.*ulimit -n/);
    } finally {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("credentials root where there is no data dir names the way to find one", async () => {
  const nowhere = join(tmpdir(), `keyless-nowhere-${process.pid}`);
  const finished = await keyless(["credentials", "root", "--data-dir", nowhere], cleanEnv());
  assert.equal(finished.code, 1, finished.stdout);
  assert.match(finished.stderr, /^keyless: no keyless state in .*keyless-nowhere/);
  assert.match(finished.stderr, /pass the --data-dir keyless up was given, set KEYLESS_ROOT_/);
  assert.doesNotMatch(finished.stderr, /\n\s+at /, "a stack trace");
});

test("keyless up on a data dir another keyless serves says so and exits 1; its stop frees the dir", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "keyless-locked-"));
  const lock = join(dataDir, "keyless.pid");
  try {
    const first = await startKeyless({ dataDir, logLevel: "warn" });
    try {
      const second = await keyless(
        ["up", "--data-dir", dataDir, "--port", "0", "--log-level", "warn"],
        cleanEnv(),
      );
      assert.equal(second.code, 1, second.stdout);
      assert.equal(
        second.stderr,
        `keyless: another keyless (pid ${process.pid}) is serving ${dataDir}: stop it, or give ` +
          "this one its own --data-dir\n",
      );
    } finally {
      await first.stop();
    }
    assert.equal(existsSync(lock), false, "the lock file outlived the server that held it");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a data dir left locked by a keyless that was killed is taken over", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "keyless-stale-"));
  const lock = join(dataDir, "keyless.pid");
  try {
    // The pid of a process that has ended, as a server's is after a kill -9.
    const ended = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => ended.once("exit", resolve));
    writeFileSync(lock, `${ended.pid}\n`);

    const taken = await startKeyless({ dataDir, logLevel: "warn" });
    try {
      const [holder, serving] = readFileSync(lock, "utf8").split("\n");
      assert.equal(holder, String(process.pid), "the lock's holder");
      assert.equal(JSON.parse(serving ?? "").endpoint, taken.endpoint, "where it serves");
    } finally {
      await taken.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("keyless up --in-memory refuses to start where nobody could get its root keys", async () => {
  const bare = await keyless(["up", "--in-memory", "--port", "0"], cleanEnv());
  assert.equal(bare.code, 1, bare.stdout);
  assert.match(
    bare.stderr,
    /^keyless: --in-memory needs the root keys in KEYLESS_ROOT_ACCESS_KEY_ID and KEYLESS_ROOT_SECRET_ACCESS_KEY/,
  );

  const accounts = await keyless(
    ["up", "--in-memory", "--port", "0", "--accounts", "111111111111,222222222222"],
    cleanEnv(ROOT),
  );
  assert.equal(accounts.code, 1, accounts.stdout);
  assert.match(accounts.stderr, /^keyless: --in-memory serves one account: .* use --data-dir/);
});

test("credentials root --account with the root keys in the environment but no data dir says what they are", async () => {
  const nowhere = join(tmpdir(), `keyless-nowhere-${process.pid}`);
  const finished = await keyless(
    ["credentials", "root", "--account", "111111111111", "--data-dir", nowhere],
    cleanEnv(ROOT),
  );
  assert.equal(finished.code, 1, finished.stdout);
  assert.match(finished.stderr, /to find account 111111111111's root keys in: KEYLESS_ROOT_/);
  assert.match(finished.stderr, /used when --account is not given/);
});

test("keyless up on a data dir that is a file, or holds a keyless.db that is not a database, says so and exits 1", async () => {
  const parent = mkdtempSync(join(tmpdir(), "keyless-baddir-"));
  try {
    const file = join(parent, "a-file");
    writeFileSync(file, "not a directory");
    const onFile = await keyless(["up", "--port", "0", "--data-dir", file], cleanEnv());
    assert.equal(onFile.code, 1, onFile.stdout);
    assert.equal(
      onFile.stderr,
      `keyless: ${file} is a file, not a directory: choose another --data-dir\n`,
    );

    const damaged = join(parent, "damaged");
    mkdirSync(damaged);
    writeFileSync(join(damaged, "keyless.db"), "garbage where a database should be\n");
    const onDamaged = await keyless(["up", "--port", "0", "--data-dir", damaged], cleanEnv());
    assert.equal(onDamaged.code, 1, onDamaged.stdout);
    assert.equal(
      onDamaged.stderr,
      `keyless: ${damaged}/keyless.db is not a keyless database, or is damaged: move it aside, ` +
        "or choose another --data-dir\n",
    );
    // It gave the dir back: no lock is left for the next start to find.
    assert.equal(existsSync(join(damaged, "keyless.pid")), false);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test("keyless up on a host name nobody resolves says so and exits 1", async () => {
  const finished = await keyless(
    ["up", "--in-memory", "--port", "0", "--host", "no-such-host.invalid"],
    cleanEnv(ROOT),
  );
  assert.equal(finished.code, 1, finished.stdout);
  assert.equal(
    finished.stderr,
    "keyless: no-such-host.invalid is not a name this machine knows (--host)\n",
  );
});

test("trail and clock against an endpoint that is not a URL, or not keyless, say so and exit 1", async () => {
  const notKeyless = createHttpServer((_request, response) => response.end("<html>hello</html>"));
  await new Promise<void>((resolve) => notKeyless.listen(0, "127.0.0.1", resolve));
  const other = `http://127.0.0.1:${(notKeyless.address() as { port: number }).port}`;
  try {
    for (const command of [["trail"], ["clock", "show"]]) {
      const garbage = await keyless([...command, "--endpoint", "garbage"], cleanEnv());
      assert.equal(garbage.code, 1, garbage.stdout);
      assert.equal(
        garbage.stderr,
        "keyless: garbage is not an endpoint: give --endpoint as a URL, e.g. " +
          "http://127.0.0.1:4566\n",
      );
      const elsewhere = await keyless([...command, "--endpoint", other], cleanEnv());
      assert.equal(elsewhere.code, 1, elsewhere.stdout);
      assert.equal(
        elsewhere.stderr,
        `keyless: ${other} answered 200 with something other than keyless's JSON: ` +
          "is it a keyless endpoint?\n",
      );
    }
  } finally {
    notKeyless.close();
  }
});

test("keyless up with a log level pino does not have names the ones it has", async () => {
  const finished = await keyless(
    ["up", "--in-memory", "--port", "0", "--log-level", "nope"],
    cleanEnv(ROOT),
  );
  assert.equal(finished.code, 1, finished.stdout);
  assert.equal(
    finished.stderr,
    "error: option '--log-level <level>' argument 'nope' is invalid. Allowed choices are trace, " +
      "debug, info, warn, error, fatal, silent.\n",
  );
});

test("keyless up with a region no AWS region is named like refuses it before starting", async () => {
  for (const region of ["US-EAST-1", "us-east", "us_east_1", "us-east-1/../x"]) {
    const finished = await keyless(
      ["up", "--in-memory", "--port", "0", "--region", region],
      cleanEnv(ROOT),
    );
    assert.equal(finished.code, 1, finished.stdout);
    assert.equal(
      finished.stderr,
      `error: option '--region <region>' argument '${region}' is invalid. a region is named ` +
        "like us-east-1\n",
    );
  }
});
