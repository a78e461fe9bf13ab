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
  if (req.method !== "POST") {
    return sendJson(res, 405, {
      error: "MethodNotAllowed",
      message: "Use GET to read the clock and POST to move it.",
    });
  }
  const { body } = await rootRequest(app, req);
  applyMove(app, clockMove(body));
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

const FIELDS: Record<keyof ClockChange, "string" | "boolean"> = {
  advance: "string",
  set: "string",
  reset: "boolean",
  freeze: "boolean",
};

const invalid = (message: string) => new AwsError("ValidationError", message);

/** A change read and checked: the instant to set, the milliseconds to add. */
interface ClockMove {
  reset: boolean;
  instant?: number;
  advanceMs?: number;
  freeze: boolean;
}

/**
 * The move a body asks for, every part checked before any is made: a body with one bad part
 * changes nothing.
 */
function clockMove(body: unknown): ClockMove {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalid(
      'The body is a JSON object such as {"advance": "2h"} or {"set": "2027-01-01T00:00:00Z"}.',
    );
  }
  const change = body as Record<string, unknown>;
  for (const [name, value] of Object.entries(change)) {
    const type = Object.hasOwn(FIELDS, name) ? FIELDS[name as keyof ClockChange] : undefined;
    if (type === undefined) {
      throw invalid(`"${name}" is not a clock change: use advance, set, reset or freeze.`);
    }
    if (typeof value !== type) throw invalid(`"${name}" takes a ${type}.`);
  }
  if (change.reset === true && Object.keys(change).some((name) => name !== "reset")) {
    throw invalid("reset goes back to real time: it cannot be combined with another change.");
  }
  const { set, advance, reset, freeze } = change as ClockChange;
  return {
    reset: reset === true,
    ...(set !== undefined ? { instant: instantOf(set) } : {}),
    ...(advance !== undefined ? { advanceMs: durationOf(advance) } : {}),
    freeze: freeze === true,
  };
}

/** A date and time with its zone: 2027-01-01T00:00:00Z, 2027-01-01T09:30:00.5+09:00. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function instantOf(text: string): number {
  const instant = Date.parse(text);
  if (!ISO_8601.test(text) || Number.isNaN(instant) || !calendarDate(text)) {
    throw invalid(`"${text}" is not an ISO 8601 time.`);
  }
  return withinRange(instant);
}

function durationOf(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw invalid(`"${text}" is not a duration such as 2h, 90m or 1h30m.`);
  return ms;
}

function applyMove(app: App, move: ClockMove): void {
  if (move.reset) {
    app.clock.reset();
    return;
  }
  if (move.instant !== undefined || move.advanceMs !== undefined) {
    // Where the clock ends up is checked before it moves at all.
    app.clock.set(withinRange((move.instant ?? app.clock.now()) + (move.advanceMs ?? 0)));
  }
  if (move.freeze) app.clock.freeze();
}
