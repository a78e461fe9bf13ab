// One keyless per data dir. Two servers on one dir would number their trail events from the same
// trail.jsonl independently, and each would sweep the other's half-written uploads when it
// started. The lock is a file holding the owner's pid; one whose process is gone (a server
// killed with -9) is taken over. Once the holder listens, the file's second line says where, so
// that `credentials root --data-dir DIR` can name the endpoint without being told.
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const LOCK_FILE = "keyless.pid";
/** A lock file still empty after this long was left by a process that died while writing it. */
const WRITING_MS = 5_000;

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(`another keyless${pid ? ` (pid ${pid})` : ""} is serving ${dataDir}`);
    this.name = "DataDirLockedError";
  }
}

/** Takes the data dir for this process, or throws DataDirLockedError. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      return function releaseDataDir() {
        if (holderOf(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = holderOf(file);
    if (holder === undefined ? beingWritten(file) : isRunning(holder)) {
      throw new DataDirLockedError(dataDir, holder);
    }
    rmSync(file, { force: true });
  }
}

/** Where the keyless serving a data dir answers, for commands pointed at the dir alone. */
export interface Serving {
  endpoint: string;
  region: string;
}

/** Called by the lock's holder once it listens: the lock file's second line says where. */
export function announceServing(dataDir: string, serving: Serving): void {
  writeFileSync(join(dataDir, LOCK_FILE), `${process.pid}\n${JSON.stringify(serving)}\n`, {
    mode: 0o600,
  });
}

/** Where the keyless holding the dir answers, if one is running there and has said. */
export function servingIn(dataDir: string): Serving | undefined {
  const text = lockText(join(dataDir, LOCK_FILE));
  const holder = pidIn(text);
  if (holder === undefined || !isRunning(holder)) return undefined;
  try {
    const serving = JSON.parse(text?.split("\n")[1] ?? "") as Partial<Serving>;
    if (typeof serving.endpoint !== "string" || typeof serving.region !== "string")
      return undefined;
    return { endpoint: serving.endpoint, region: serving.region };
  } catch {
    return undefined;
  }
}

const holderOf = (file: string): number | undefined => pidIn(lockText(file));

function lockText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The pid on the lock file's first line. */
function pidIn(text: string | undefined): number | undefined {
  const pid = Number.parseInt(text ?? "", 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function beingWritten(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < WRITING_MS;
  } catch {
    return false;
  }
}

/** Signal 0 asks only whether the process exists; EPERM means it does, as another user's. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
