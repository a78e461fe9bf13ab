// `keyless exec` moves a command's wall clock with the server's but keeps its monotonic clock real:
// Python (3.11 sleeps with clock_nanosleep on CLOCK_MONOTONIC) can sleep, Node's timers keep
// firing when the clock moves back, and waits on the monotonic clock block instead of spinning.
// The first, second and fourth failed under libfaketime 0.9.10 before native/monotonic-sleep.c.
import assert from "node:assert/strict";
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { after, before, test } from "node:test";
import { RunInstancesCommand } from "@aws-sdk/client-ec2";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { timeFileShows } from "../support/loop-process.js";
import { cleanEnv, type Finished, KEYLESS_BIN, REPO, run } from "../support/processes.js";

const HOUR = 3_600_000;

let keyless: TestKeyless;
let instanceId: string;

before(async () => {
  keyless = await startKeyless({ logLevel: "info" });
  const root = clients(keyless.endpoint, keyless.root);
  const run = await root.ec2.send(
    new RunInstancesCommand({ ImageId: "ami-0abcdef1234567890", MinCount: 1, MaxCount: 1 }),
  );
  instanceId = run.Instances?.[0]?.InstanceId as string;
});
after(() => keyless.stop());

type Child = ChildProcessByStdio<null, Readable, Readable>;

/**
 * Starts `keyless exec … -- command` in a process group of its own: stopping exec does not stop
 * its command, and a command whose wait went wrong may never end, so the test kills the group.
 */
function startUnderExec(command: readonly string[], timeFile?: string): Child {
  const args = ["exec", "--instance", instanceId, "--endpoint", keyless.endpoint];
  if (timeFile) args.push("--time-file", timeFile);
  return spawn(process.execPath, [KEYLESS_BIN, ...args, "--", ...command], {
    cwd: REPO,
    env: cleanEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function killGroup(child: Child): void {
  try {
    process.kill(-(child.pid as number), "SIGKILL");
  } catch {
    // The whole group has already exited.
  }
}

/** `keyless exec … -- command` to its end; run() kills the whole group if it outlives withinMs. */
function runUnderExec(command: readonly string[], withinMs = 30_000): Promise<Finished> {
  const args = ["exec", "--instance", instanceId, "--endpoint", keyless.endpoint, "--", ...command];
  return run(process.execPath, [KEYLESS_BIN, ...args], cleanEnv(), withinMs);
}

const SLEEP_AND_REPORT = [
  "import json, time",
  "wall = time.time()",
  "start = time.monotonic()",
  "time.sleep(0.2)",
  "print(json.dumps({'wall': wall, 'slept': time.monotonic() - start}))",
].join("\n");

async function pythonSleeps() {
  const finished = await runUnderExec(["/usr/bin/python3", "-c", SLEEP_AND_REPORT]);
  assert.equal(finished.code, 0, `python under exec: ${finished.stderr}`);
  const report = JSON.parse(finished.stdout) as { wall: number; slept: number };
  return { ...report, stderr: finished.stderr };
}

test("Python's time.sleep under exec returns after the time asked, and exec says nothing", async () => {
  const started = performance.now();
  const { slept, stderr } = await pythonSleeps();
  const took = performance.now() - started;
  assert.ok(slept >= 0.19, `time.sleep(0.2) returned after ${slept} s`);
  assert.ok(took >= 200, `the whole run took ${took} ms`);
  assert.equal(stderr, "", "exec and the command wrote to stderr");
});

test("after the clock moves hours either way, Python sees the server's time and still sleeps", async () => {
  for (const offset of [5 * HOUR, -5 * HOUR]) {
    keyless.clock.reset();
    keyless.clock.advance(offset);
    try {
      const { wall, slept } = await pythonSleeps();
      const skew = wall * 1000 - (Date.now() + offset);
      assert.ok(Math.abs(skew) < 60_000, `offset ${offset} ms: time.time() is ${skew} ms off`);
      assert.ok(slept >= 0.19, `offset ${offset} ms: time.sleep(0.2) returned after ${slept} s`);
    } finally {
      keyless.clock.reset();
    }
  }
});

/** A Node child under exec printing its wall clock every 100 ms, and a way to wait for ticks. */
function ticker(timeFile: string) {
  const tick = "setInterval(() => console.log(Date.now()), 100);";
  const child = startUnderExec([process.execPath, "-e", tick], timeFile);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const ticks: number[] = [];
  let waiter: (() => void) | undefined;
  createInterface({ input: child.stdout }).on("line", (line) => {
    ticks.push(Number(line));
    waiter?.();
  });
  /** Resolves with the wall clock of the `count`th tick from now; rejects after `withinMs`. */
  const next = (count: number, withinMs: number) =>
    new Promise<number>((resolve, reject) => {
      const wanted = ticks.length + count;
      const timer = setTimeout(() => {
        waiter = undefined;
        reject(new Error(`${ticks.length} ticks, not ${wanted}, after ${withinMs} ms: ${stderr}`));
      }, withinMs);
      waiter = () => {
        if (ticks.length < wanted) return;
        clearTimeout(timer);
        waiter = undefined;
        resolve(ticks[wanted - 1] as number);
      };
    });
  return { next, stop: () => killGroup(child) };
}

test("a Node child's setInterval keeps firing after the clock is advanced and then reset", async () => {
  const timeFile = join(mkdtempSync(join(tmpdir(), "keyless-time-")), "offset");
  const child = ticker(timeFile);
  try {
    await child.next(3, 10_000);

    keyless.clock.advance(5 * HOUR);
    await timeFileShows(timeFile, keyless.clock.describe().offsetMs);
    const ahead = (await child.next(3, 2_000)) - Date.now();
    assert.ok(
      Math.abs(ahead - 5 * HOUR) < 60_000,
      `after advancing 5h the child is ${ahead} ms off`,
    );

    keyless.clock.reset();
    await timeFileShows(timeFile, 0);
    const back = (await child.next(3, 2_000)) - Date.now();
    assert.ok(Math.abs(back) < 60_000, `after the reset the child is ${back} ms off`);
  } finally {
    child.stop();
    keyless.clock.reset();
  }
});

const ATOMICS_WAIT = [
  "const cpu = process.cpuUsage();",
  "const started = performance.now();",
  "const result = Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);",
  "const used = process.cpuUsage(cpu);",
  "const waited = performance.now() - started;",
  "console.log(JSON.stringify({ result, waited, cpuMs: (used.user + used.system) / 1000 }));",
].join("\n");

test("a wait on a monotonic condition variable under exec blocks instead of spinning", async () => {
  // V8's Atomics.wait waits on a CLOCK_MONOTONIC condition variable with pthread_cond_timedwait.
  const finished = await runUnderExec([process.execPath, "-e", ATOMICS_WAIT]);
  assert.equal(finished.code, 0, finished.stderr);
  const { result, waited, cpuMs } = JSON.parse(finished.stdout);
  assert.equal(result, "timed-out");
  assert.ok(waited >= 490, `Atomics.wait for 500 ms returned after ${waited} ms`);
  assert.ok(cpuMs < 150, `Atomics.wait for 500 ms used ${cpuMs} ms of CPU`);
});

test("SIGTERM to keyless exec ends its command too, and exec exits as the command did", async () => {
  // The command prints its pid, then waits for ever.
  const child = startUnderExec([
    process.execPath,
    "-e",
    "console.log(process.pid); setInterval(() => {}, 1000)",
  ]);
  try {
    const lines = createInterface({ input: child.stdout });
    const [first] = (await lines[Symbol.asyncIterator]().next()).value?.split("\n") ?? [];
    const commandPid = Number(first);
    assert.ok(commandPid > 0, `the command printed ${first}`);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    assert.equal(await exited, 128 + 15, "exec exits as a shell reports a SIGTERM death");
    assert.throws(() => process.kill(commandPid, 0), { code: "ESRCH" }, "the command is gone");
  } finally {
    killGroup(child);
  }
});

test("a command exec cannot find exits 127, as a shell's does", async () => {
  const finished = await runUnderExec(["/no/such/command"]);
  assert.equal(finished.code, 127, finished.stderr);
  assert.match(finished.stderr, /cannot run \/no\/such\/command/);
});
