// Code under `keyless exec` lives in the server's time: when the server clock has been moved,
// the SDKs in the child must see the same time, or they would neither refresh credentials that
// the server considers expired nor sign with the time the server checks. libfaketime (Debian's
// faketime package) shifts the child's clock; keyless keeps its offset file in step with the
// server by watching /_keyless/clock.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const LIBRARIES = [
  "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
  "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
  "/usr/lib/faketime/libfaketimeMT.so.1",
];

interface ClockReading {
  offsetMs: number;
  frozen: boolean;
  now: string;
  version: number;
}

// Built by scripts/build-native.mjs from native/monotonic-sleep.c: it makes waits on the
// monotonic clock real again where libfaketime 0.9.10 breaks them (Python's time.sleep fails
// with EINVAL). This module runs from src/cli (tsx), dist/cli and dist/bundle: all two levels
// below the package root.
const MONOTONIC_SLEEP = fileURLToPath(
  new URL("../../dist/native/libkeyless-sleep.so", import.meta.url),
);

export const fakeTimeLibrary = (): string | undefined => LIBRARIES.find((path) => existsSync(path));

/** libfaketime's file format: "+7200.250s" for an offset, "YYYY-MM-DD hh:mm:ss" when frozen. */
function faketimeSpec(reading: ClockReading): string {
  if (reading.frozen) return reading.now.replace("T", " ").replace(/\.\d+Z$/, "");
  const seconds = reading.offsetMs / 1000;
  return `${seconds >= 0 ? "+" : ""}${seconds.toFixed(3)}s`;
}

async function readClock(endpoint: string, after?: number): Promise<ClockReading> {
  const url = new URL("/_keyless/clock", endpoint);
  if (after !== undefined) url.searchParams.set("after", String(after));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`keyless answered ${response.status} for ${url}`);
  return (await response.json()) as ClockReading;
}

export interface ChildClock {
  env: Record<string, string>;
  stop(): void;
}

/**
 * The environment that puts a child in the server's time, kept in step until stop().
 * `file` may name where the offset is written (tests watch it); a temporary file otherwise.
 */
export async function childClock(
  endpoint: string,
  library: string,
  file?: string,
): Promise<ChildClock> {
  const made = file === undefined ? mkdtempSync(join(tmpdir(), "keyless-time-")) : undefined;
  const path = file ?? join(made as string, "offset");
  let reading = await readClock(endpoint);
  writeFileSync(path, `${faketimeSpec(reading)}\n`);
  let running = true;
  const follow = async () => {
    while (running) {
      try {
        reading = await readClock(endpoint, reading.version);
        writeFileSync(path, `${faketimeSpec(reading)}\n`);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  void follow();
  // The fix goes first so that its definitions win over libfaketime's, which it calls on to.
  // Without a C compiler at build time it is missing, and the child gets libfaketime alone.
  const fix = existsSync(MONOTONIC_SLEEP) ? MONOTONIC_SLEEP : undefined;
  const preload = [process.env.LD_PRELOAD, fix, library].filter(Boolean).join(":");
  return {
    env: {
      LD_PRELOAD: preload,
      FAKETIME_TIMESTAMP_FILE: path,
      FAKETIME_NO_CACHE: "1",
      // Timers and timeouts keep real time; only the wall clock moves.
      FAKETIME_DONT_FAKE_MONOTONIC: "1",
      // File times stay the kernel's. libfaketime 0.9.10 holds a process-wide semaphore while it
      // fakes them, and Node's exit and SIGTERM paths both fstat(): a SIGTERM during the exit
      // waited on the semaphore forever (gdb: lock_for_stat twice on one stack).
      NO_FAKE_STAT: "1",
    },
    stop() {
      running = false;
      if (made) rmSync(made, { recursive: true, force: true });
    },
  };
}
