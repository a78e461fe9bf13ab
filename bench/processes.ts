// The servers a benchmark measures, each in a process of its own on 127.0.0.1: the compiled
// keyless, and the bare node:http servers under bench/bare/ that stand as baselines.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";

export const REPO = join(import.meta.dirname, "..");
export const ROOT_KEY = {
  accessKeyId: "AKIABENCHKEYLESS0001",
  secretAccessKey: "benchBenchBenchBenchBenchBenchBenchBench",
};
export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
const READY_WITHIN_MS = 30_000;
const STOP_WITHIN_MS = 5_000;

export interface Running {
  pid: number;
  endpoint: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls a URL until it answers 200; gives up when the process dies or the time is out. */
export async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const started = performance.now();
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    if (performance.now() - started > READY_WITHIN_MS) throw new Error(`${url}: no answer`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    // A server stuck in a long request may not get to its SIGTERM handler in time.
    const late = setTimeout(() => child.kill("SIGKILL"), STOP_WITHIN_MS);
    await exited;
    clearTimeout(late);
  };
}

export interface KeylessOptions {
  dataDir: string;
  logLevel: "info" | "warn";
  /** Where the log (standard error) goes: a file path, or /dev/null. */
  logTo: string;
}

/** `keyless up` from dist/, with the root key from the environment. */
export async function startKeyless(options: KeylessOptions): Promise<Running> {
  const port = await freePort();
  const log = openSync(options.logTo, "a");
  const args = [
    "dist/bundle/keyless.mjs",
    "up",
    "--data-dir",
    options.dataDir,
    "--port",
    String(port),
  ];
  const child = spawn(process.execPath, [...args, "--log-level", options.logLevel], {
    cwd: REPO,
    stdio: ["ignore", "ignore", log],
    env: {
      ...process.env,
      KEYLESS_ROOT_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
      KEYLESS_ROOT_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
    },
  });
  closeSync(log);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntilReady(`${endpoint}/_keyless/health`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid as number, endpoint, stop };
}

/**
 * One of the bench/bare/ servers: `node <script> <port> ...args`, ready when / answers 200. Its
 * standard error goes to `logTo` when given.
 */
export async function startBare(
  script: string,
  args: string[] = [],
  options: { logTo?: string } = {},
): Promise<Running> {
  const port = await freePort();
  const log = options.logTo === undefined ? "inherit" : openSync(options.logTo, "a");
  const child = spawn(
    process.execPath,
    [join(REPO, "bench", "bare", script), String(port), ...args],
    {
      stdio: ["ignore", "ignore", log],
    },
  );
  if (typeof log === "number") closeSync(log);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntilReady(`${endpoint}/`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid as number, endpoint, stop };
}

/** The peak resident set of a process so far (VmHWM in /proc/PID/status), in MiB. */
export async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kib) / 1024;
}

/** Clock ticks per second, the unit of the CPU times in /proc/PID/stat. */
const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim() || 100);

/** CPU time a process has used so far, user and system, in milliseconds. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces; the fields after it are numbered from 3 (state).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
