// One metadata listener per running instance, each on its own 127.0.0.1 port: on AWS every
// instance reaches "its" IMDS at 169.254.169.254, and a port per instance is the local stand-in.
// An instance keeps its port across restarts when the port is still free.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../clock/clock.js";
import type { Logger } from "../log/logger.js";
import type { Model } from "../model/model.js";
import type { InstanceRecord } from "../model/types.js";
import type { ServerConfig } from "../server/context.js";
import { IMDS_HOST } from "./constants.js";
import { InstanceCredentials } from "./credentials.js";
import { imdsRequestHandler } from "./listener.js";
import { TokenStore } from "./tokens.js";

export interface ImdsDeps {
  model: Model;
  clock: Clock;
  log: Logger;
  config: ServerConfig;
}

interface Listener {
  server: Server;
  endpoint: string;
  tokens: TokenStore;
}

/** File descriptors kept for everything but listeners: API connections, SQLite, object files. */
const RESERVED_DESCRIPTORS = 256;

/**
 * How many listeners fit under the soft limit on open files (Linux's /proc/self/limits) with the
 * reserve kept free; without that file, no limit is known and none is applied.
 */
export function listenerCapacity(limits = "/proc/self/limits"): number {
  let text: string;
  try {
    text = readFileSync(limits, "utf8");
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  const soft = /^Max open files\s+(\S+)/m.exec(text)?.[1];
  if (soft === undefined || soft === "unlimited") return Number.POSITIVE_INFINITY;
  return Math.max(0, Number(soft) - RESERVED_DESCRIPTORS);
}

export class ImdsManager {
  /** How many listeners may be open at once; see listenerCapacity. */
  readonly capacity = listenerCapacity();
  private readonly listeners = new Map<string, Promise<Listener>>();
  /** Endpoints of listeners that are up, for the synchronous endpoint() lookup. */
  private readonly endpoints = new Map<string, string>();
  private readonly credentials: InstanceCredentials;

  constructor(private readonly deps: ImdsDeps) {
    this.credentials = new InstanceCredentials(deps.model, deps.clock);
  }

  /**
   * Starts the instance's listener (once) and returns its endpoint, `http://127.0.0.1:PORT`. A
   * listener that cannot start (no file descriptor left, say) is logged and leaves the instance
   * without metadata until the next start; the instance itself and every other one carry on.
   */
  async start(instance: InstanceRecord): Promise<string | undefined> {
    const { instanceId } = instance;
    let listener = this.listeners.get(instanceId);
    if (!listener) {
      if (this.listeners.size >= this.capacity) {
        const reason =
          `${this.capacity} metadata listeners are open, as many as the open-file limit ` +
          "(ulimit -n) leaves room for";
        this.deps.log.imdsNotStarted({ instanceId, reason });
        return undefined;
      }
      listener = this.listen(instance);
      this.listeners.set(instanceId, listener);
      listener.catch((error: NodeJS.ErrnoException) => {
        this.listeners.delete(instanceId);
        this.deps.log.imdsNotStarted({ instanceId, reason: notStartedReason(error) });
      });
    }
    return listener.then(
      (up) => up.endpoint,
      () => undefined,
    );
  }

  async stop(instanceId: string): Promise<void> {
    const pending = this.listeners.get(instanceId);
    if (!pending) return;
    this.listeners.delete(instanceId);
    this.endpoints.delete(instanceId);
    this.credentials.forget(instanceId);
    const listener = await pending.catch(() => undefined);
    if (!listener) return;
    listener.tokens.clear();
    await closeServer(listener.server);
  }

  /** How many more instances can have a listener now. */
  room(): number {
    return this.capacity - this.listeners.size;
  }

  endpoint(instanceId: string): string | undefined {
    return this.endpoints.get(instanceId);
  }

  /** At server start: a listener for every running instance of every account. */
  async startAll(): Promise<void> {
    const instances = await this.deps.model.instances.listAll();
    for (const instance of instances) {
      if (instance.state === "running") await this.start(instance);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((id) => this.stop(id)));
  }

  private async listen(instance: InstanceRecord): Promise<Listener> {
    const tokens = new TokenStore(this.deps.clock);
    const handler = imdsRequestHandler(instance, tokens, {
      model: this.deps.model,
      clock: this.deps.clock,
      log: this.deps.log,
      credentials: this.credentials,
      propagationDelayMs: this.deps.config.propagationDelayMs,
    });
    const server = createServer(handler);
    const port = await listenOn(server, instance.imdsPort);
    const endpoint = `http://${IMDS_HOST}:${port}`;

    if (port !== instance.imdsPort) {
      const stored = await this.deps.model.instances.get(instance.account, instance.instanceId);
      await this.deps.model.instances.update({ ...stored, imdsPort: port });
    }
    this.endpoints.set(instance.instanceId, endpoint);
    this.deps.log.imdsListening({ instanceId: instance.instanceId, endpoint });
    return { server, endpoint, tokens };
  }
}

function notStartedReason(error: NodeJS.ErrnoException): string {
  const hint =
    error.code === "EMFILE" || error.code === "ENFILE"
      ? ": too many open files; raise the limit (ulimit -n) or terminate instances"
      : "";
  return `${error.message}${hint}`;
}

/** Listens on the preferred port when it is free, else on any free port. */
async function listenOn(server: Server, preferred: number): Promise<number> {
  if (preferred !== 0) {
    try {
      return await bind(server, preferred);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
  return bind(server, 0);
}

function bind(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, IMDS_HOST, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Keep-alive connections would hold close() open; IMDS clients simply reconnect. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
