// Starts a real keyless on 127.0.0.1 (a free port, in memory unless a data dir is given) for a
// test, with its own clock that the test can move.
import { Writable } from "node:stream";
import { AdjustableClock } from "../../src/clock/clock.js";
import { type RunningKeyless, startKeyless as start } from "../../src/server/app.js";

export interface TestKeyless {
  endpoint: string;
  root: { accessKeyId: string; secretAccessKey: string };
  /** Root credentials of every account. */
  roots: Map<string, { accessKeyId: string; secretAccessKey: string }>;
  clock: AdjustableClock;
  running: RunningKeyless;
  app: RunningKeyless["app"];
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface TestOptions {
  propagationDelaySeconds?: number;
  dataDir?: string;
  account?: string;
  /** Several accounts; the first is the default. */
  accounts?: string[];
  rootKey?: { accessKeyId: string; secretAccessKey: string };
  logLevel?: string;
}

export async function startKeyless(options: TestOptions = {}): Promise<TestKeyless> {
  const clock = new AdjustableClock();
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() !== "") logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const accounts = options.accounts ?? [options.account ?? "123456789012"];
  const account = accounts[0] as string;
  const running = await start({
    config: {
      host: "127.0.0.1",
      port: 0,
      region: "us-east-1",
      account,
      accounts,
      dataDir: options.dataDir,
      // Long enough that no real time passing can settle an association: tests move the clock.
      propagationDelayMs: (options.propagationDelaySeconds ?? 60) * 1000,
      version: "test",
    },
    ...(options.rootKey ? { rootKey: options.rootKey } : {}),
    logLevel: options.logLevel ?? "debug",
    logDestination: destination,
    clock,
  });
  const rootKey = running.rootKeys.get(account);
  if (!rootKey) throw new Error(`keyless started without root credentials for ${account}`);
  return {
    endpoint: running.endpoint,
    root: { accessKeyId: rootKey.accessKeyId, secretAccessKey: rootKey.secretAccessKey },
    roots: new Map(
      [...running.rootKeys].map(([id, key]) => [
        id,
        { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      ]),
    ),
    clock,
    running,
    app: running.app,
    logs,
    stop: () => running.close(),
  };
}
