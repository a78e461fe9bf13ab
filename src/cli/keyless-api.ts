// Reaching keyless's own endpoints (/_keyless/…) from the commands. An endpoint that is not a
// URL, not answering, or answering with something other than keyless's JSON ends the command
// with a message, never a stack trace.
import { resolve } from "node:path";
import type { Command } from "commander";
import { servingIn } from "../store/data-dir-lock.js";
import { fail } from "./fail.js";

/** The URL of `path` on the keyless at `endpoint`. */
export function keylessUrl(endpoint: string, path: string): URL {
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
    fail(`${endpoint} is not an endpoint: give --endpoint as a URL, e.g. http://127.0.0.1:4566`);
  }
  return new URL(path, endpoint);
}

export interface Answer<T> {
  status: number;
  ok: boolean;
  body: T;
}

/** Sends a request to keyless and reads its JSON answer, whatever the status. */
export async function callKeyless<T>(
  endpoint: string,
  url: URL,
  init?: RequestInit,
): Promise<Answer<T>> {
  const response = await fetch(url, init).catch(() =>
    fail(`cannot reach keyless at ${endpoint}: is it running?`),
  );
  const text = await response.text().catch(() => "");
  try {
    return { status: response.status, ok: response.ok, body: JSON.parse(text) as T };
  } catch {
    return fail(
      `${endpoint} answered ${response.status} with something other than keyless's JSON: ` +
        "is it a keyless endpoint?",
    );
  }
}

/**
 * Where a command pointed at a data dir should go: what its command line says, else where the
 * keyless serving that data dir listens (and in which region), else the defaults.
 */
export function servingTarget(
  command: Command,
  options: { endpoint: string; region: string; dataDir: string },
): { endpoint: string; region: string } {
  const serving = servingIn(resolve(options.dataDir));
  const given = (name: string) => command.getOptionValueSource(name) === "cli";
  return {
    endpoint: given("endpoint") ? options.endpoint : (serving?.endpoint ?? options.endpoint),
    region: given("region") ? options.region : (serving?.region ?? options.region),
  };
}
