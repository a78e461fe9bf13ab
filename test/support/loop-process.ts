// A long-running process under `keyless exec`, driven one line at a time.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface, type Interface } from "node:readline";
import { KEYLESS_BIN, REPO } from "./processes.js";

export class LoopProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly pending: string[] = [];
  private waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  private exited = false;
  stderr = "";

  constructor(args: string[], env: Record<string, string>) {
    // A group of its own, so that stop() ends the command under exec too, whatever state the
    // command is in.
    this.child = spawn(process.execPath, [KEYLESS_BIN, ...args], {
      cwd: REPO,
      env,
      detached: true,
    });
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on("line", (line) => {
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(line);
      } else this.pending.push(line);
    });
    this.child.once("exit", () => {
      this.exited = true;
      this.waiting?.reject(new Error(`the process exited: ${this.stderr}`));
    });
  }

  /** Sends one line and returns the JSON line the process answers with. */
  async ask(line: string): Promise<Record<string, unknown>> {
    this.child.stdin.write(`${line}\n`);
    const answer =
      this.pending.shift() ??
      (await new Promise<string>((resolve, reject) => {
        if (this.exited) reject(new Error(`the process exited: ${this.stderr}`));
        else this.waiting = { resolve, reject };
      }));
    return JSON.parse(answer) as Record<string, unknown>;
  }

  stop(): void {
    this.child.stdin.end();
    try {
      process.kill(-(this.child.pid as number), "SIGKILL");
    } catch {
      // The whole group has already exited.
    }
  }
}

/** Waits until `keyless exec` has written the server's new offset for the child's clock. */
export async function timeFileShows(path: string, offsetMs: number): Promise<void> {
  const wanted = offsetMs / 1000;
  for (let attempt = 0; attempt < 500; attempt++) {
    const text = readFileSync(path, "utf8").trim();
    const seconds = Number(text.replace(/s$/, ""));
    if (Math.abs(seconds - wanted) < 1) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the time file ${path} never showed an offset of ${wanted} s`);
}
