// /_keyless/clock: read the server clock, or move it (root credentials required). Every expiry,
// rotation and propagation delay reads this clock, and its setting survives a restart.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseDuration } from "../clock/duration.js";
import { AwsError } from "../errors/aws-error.js";
import type { App } from "./app.js";
import { rootRequest } from "./keyless-admin.js";
import { sendJson } from "./send-json.js";
import { waitForChange } from "./wait-for-change.js";

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
    const version = Number(after);
    if (after !== null && Number.isInteger(version) && app.clock.describe().version <= version) {
      await waitForChange((listener) => app.clock.onChange(listener), res, WATCH_MS);
    }
    return sendJson(res, 200, app.clock.describe());
  }
  const { body } = await rootRequest(app, req);
  applyChange(app, body as ClockChange);
  await app.model.meta.set(CLOCK_STATE, app.clock.state());
  sendJson(res, 200, app.clock.describe());
}

/** Times an SDK can sign and an ISO date can hold: 2000 to 2199. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

function withinRange(instant: number): number {
  if (Number.isFinite(instant) && instant >= EARLIEST && instant < LATEST) return instant;
  throw new AwsError(
    "ValidationError",
    "The clock can be moved to times from 2000-01-01 to 2199-12-31 only.",
  );
}

/**
 * Whether the text's date is one the calendar has: Date.parse takes 2026-02-30 as 2 March, which
 * would set the clock somewhere nobody asked for.
 */
function calendarDate(text: string): boolean {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!date) return true;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

function applyChange(app: App, change: ClockChange): void {
  if (change.reset) {
    app.clock.reset();
    return;
  }
  if (change.set !== undefined) {
    const instant = Date.parse(change.set);
    if (Number.isNaN(instant) || !calendarDate(change.set)) {
      throw new AwsError("ValidationError", `"${change.set}" is not an ISO 8601 time.`);
    }
    app.clock.set(withinRange(instant));
  }
  if (change.advance !== undefined) {
    const ms = parseDuration(change.advance);
    if (ms === undefined) {
      throw new AwsError(
        "ValidationError",
        `"${change.advance}" is not a duration such as 2h, 90m or 1h30m.`,
      );
    }
    app.clock.advance(withinRange(app.clock.now() + ms) - app.clock.now());
  }
  if (change.freeze) app.clock.freeze();
}
