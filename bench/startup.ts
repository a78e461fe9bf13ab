// Start-to-healthy time of the compiled server, beside a bare node:http server started the
// same way in the same run: each is spawned, then polled until its health URL answers 200.
import { spawn } from "node:child_process";
import { freePort, REPO, ROOT_KEY } from "./processes.js";
import { median, type Row } from "./report.js";

const RUNS = 10;
const BARE_SERVER = `require("node:http").createServer((q, s) => s.end("ok")).listen(Number(process.argv[1]), "127.0.0.1")`;

// An in-memory keyless takes its root keys from the environment, or does not start.
const ENV = {
  ...process.env,
  KEYLESS_ROOT_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
  KEYLESS_ROOT_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
};

async function timeToHealthy(args: (port: number) => string[], path: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args(port), { stdio: "ignore", cwd: REPO, env: ENV });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${args(port).join(" ")} exited ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 10_000) throw new Error(`no answer on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill();
  }
}

export async function startupBench(): Promise<Row[]> {
  const keyless: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    keyless.push(
      await timeToHealthy(
        (port) => [
          "dist/bundle/keyless.mjs",
          "up",
          "--in-memory",
          "--port",
          String(port),
          "--log-level",
          "warn",
        ],
        "/_keyless/health",
      ),
    );
    bare.push(await timeToHealthy((port) => ["-e", BARE_SERVER, String(port)], "/"));
  }
  return [
    {
      name: "start to healthy (median of 10, ms)",
      keyless: median(keyless),
      baseline: median(bare),
      baselineName: "bare node:http",
      unit: "ms",
      lowerIsBetter: true,
    },
  ];
}
