// /_keyless/trail: the recent events, oldest first, after a sequence number; with wait=1 the
// answer waits (up to 20 s) for the next event when there is none yet, so followers need no
// polling loop of their own. Read-only, like the rest of the console's API.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "./app.js";
import { sendJson } from "./send-json.js";
import { waitForChange } from "./wait-for-change.js";

const WAIT_MS = 20_000;
const MAX_LIMIT = 1000;

/** A whole number from `min` to `max`, the default when absent, or undefined when neither. */
function wholeNumber(text: string | null, fallback: number, min: number, max: number) {
  if (text === null) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return value >= min && value <= max ? value : undefined;
}

export async function handleTrail(app: App, req: IncomingMessage, res: ServerResponse) {
  const query = new URL(req.url ?? "/", "http://keyless").searchParams;
  const after = wholeNumber(query.get("after"), 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = wholeNumber(query.get("limit"), 100, 1, MAX_LIMIT);
  if (after === undefined || limit === undefined) {
    return sendJson(res, 400, {
      error: "InvalidParameterValue",
      message: `after is a sequence number (0 or more) and limit from 1 to ${MAX_LIMIT}.`,
    });
  }
  if (query.get("wait") === "1" && app.trail.latest <= after) {
    await waitForChange((listener) => app.trail.onEvent(listener), res, WAIT_MS);
  }
  const events = app.trail.list({ after, limit });
  sendJson(res, 200, { latest: app.trail.latest, events });
}
