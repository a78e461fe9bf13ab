// /_keyless/clock: read the server clock, or move it (root credentials required). Every expiry,
// rotation and propagation delay reads this clock, and its setting survives a restart.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseDuration } from "../clock/duration.js";
import { AwsError } from "../errors/aws-error.js";
import type { App } from "./app.js";
import { rootRequest } from "./keyless-admin.js";
import { sendJson } from "./send-json.js";

export const CLOCK_STATE = "clock";

export interface ClockChange {
  advance?: string;
  set?: string;
  reset?: boolean;
  freeze?: boolean;
}

/** A watcher waits at most this long for a change before it is answered with the same time. */
const WATCH_MS = 20_000;

export async function handleClock(app: App, req: IncomingMessage, res: ServerResponse) {
  if (req.method === "GET" || req.method === "HEAD") {
    const after = new URL(req.url ?? "/", "http://keyless").searchParams.get("after");
    if (after !== null) await changeAfter(app, Number(after), res);
    return sendJson(res, 200, app.clock.describe());
  }
  const { body } = await rootRequest(app, req);
  applyChange(app, body as ClockChange);
  await app.model.meta.set(CLOCK_STATE, app.clock.state());
  sendJson(res, 200, app.clock.describe());
}

function applyChange(app: App, change: ClockChange): void {
  if (change.reset) {
    app.clock.reset();
    return;
  }
  if (change.set !== undefined) {
    const instant = Date.parse(change.set);
    if (Number.isNaN(instant)) {
      throw new AwsError("ValidationError", `"${change.set}" is not an ISO 8601 time.`);
    }
    app.clock.set(instant);
  }
  if (change.advance !== undefined) {
    const ms = parseDuration(change.advance);
    if (ms === undefined) {
      throw new AwsError(
        "ValidationError",
        `"${change.advance}" is not a duration such as 2h, 90m or 1h30m.`,
      );
    }
    app.clock.advance(ms);
  }
  if (change.freeze) app.clock.freeze();
}

/** Resolves once the clock's version passes `version`, the wait runs out, or the client leaves. */
function changeAfter(app: App, version: number, res: ServerResponse): Promise<void> {
  if (!Number.isInteger(version) || app.clock.describe().version > version)
    return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      res.off("close", done);
      resolve();
    };
    const stop = app.clock.onChange(done);
    const timer = setTimeout(done, WATCH_MS);
    res.on("close", done);
  });
}
