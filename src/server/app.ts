// Wiring: one store, one model, one clock, one logger, the IMDS listeners and the HTTP server.
import { mkdirSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Trail } from "../audit/trail.js";
import { AdjustableClock, type ClockState } from "../clock/clock.js";
import { ImdsManager } from "../imds/manager.js";
import { Logger, type LogOptions } from "../log/logger.js";
import { ACCOUNTS_STATE, type RootKeyInput } from "../model/accounts.js";
import { Model } from "../model/model.js";
import type { AccessKeyRecord } from "../model/types.js";
import { FileBlobStore, MemoryBlobStore } from "../store/blob-store.js";
import { announceServing, lockDataDir } from "../store/data-dir-lock.js";
import { SqliteStore } from "../store/sqlite-store.js";
import { CLOCK_STATE } from "./clock-api.js";
import type { ServerConfig } from "./context.js";
import { createKeylessServer } from "./server.js";

export interface App {
  config: ServerConfig;
  model: Model;
  clock: AdjustableClock;
  log: Logger;
  imds: ImdsManager;
  trail: Trail;
}

export interface StartOptions {
  config: ServerConfig;
  /** Root credentials of the first account, from KEYLESS_ROOT_* when set. */
  rootKey?: RootKeyInput;
  logLevel?: string;
  logDestination?: LogOptions["destination"];
  clock?: AdjustableClock;
}

export interface RunningKeyless {
  app: App;
  server: Server;
  /** http://host:port, with the port actually bound. */
  endpoint: string;
  rootKeys: Map<string, AccessKeyRecord>;
  close(): Promise<void>;
}

export async function startKeyless(options: StartOptions): Promise<RunningKeyless> {
  const { config } = options;
  const clock = options.clock ?? new AdjustableClock();
  const log = new Logger({
    level: options.logLevel ?? "info",
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const { store, blobs, release, created } = openStorage(config.dataDir);
  if (blobs instanceof FileBlobStore) await blobs.sweepTemporary();
  const model = new Model({ store, blobs, clock, propagationDelayMs: config.propagationDelayMs });

  const clockState = await model.meta.get<ClockState>(CLOCK_STATE);
  // A saved setting outside what a Date can hold (an older keyless accepted any) is dropped.
  if (clockState && Number.isFinite(new Date(Date.now() + clockState.offsetMs).getTime())) {
    clock.restore(clockState);
  }

  await model.meta.set(ACCOUNTS_STATE, config.accounts);
  const rootKeys = new Map<string, AccessKeyRecord>();
  for (const [index, account] of config.accounts.entries()) {
    const given = index === 0 ? options.rootKey : undefined;
    rootKeys.set(account, await model.accounts.ensure(account, given));
  }

  const imds = new ImdsManager({ model, clock, log, config });
  const trail = new Trail(config.dataDir);
  const app: App = { config, model, clock, log, imds, trail };
  const server = createKeylessServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  }).catch(async function giveUpDataDir(error) {
    await model.close();
    await trail.close();
    release();
    // A data dir this start made holds nothing anyone asked for (a fresh root key at most).
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  app.config = { ...config, port };
  await imds.startAll();

  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const endpoint = `http://${host}:${port}`;
  if (config.dataDir !== undefined) {
    announceServing(config.dataDir, { endpoint, region: config.region });
  }
  return {
    app,
    server,
    endpoint,
    rootKeys,
    async close() {
      await imds.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await model.close();
      await trail.close();
      release();
    },
  };
}

function openStorage(dataDir: string | undefined) {
  if (dataDir === undefined) {
    return {
      store: new SqliteStore(":memory:"),
      blobs: new MemoryBlobStore(),
      release: () => {},
      created: undefined,
    };
  }
  // The data dir holds the root secret: only its owner may read it. `created` is the topmost
  // directory this made, if any.
  const created = mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = lockDataDir(dataDir);
  try {
    return {
      store: new SqliteStore(join(dataDir, "keyless.db")),
      blobs: new FileBlobStore(join(dataDir, "objects")),
      release,
      created,
    };
  } catch (error) {
    // A keyless.db that is not a database leaves the dir to whoever fixes it.
    release();
    throw error;
  }
}
