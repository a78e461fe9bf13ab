// `keyless trail`: who called what, with which key, and what decided it — one line a call, or
// the CloudTrail-shaped events as JSON lines. --follow keeps printing as calls arrive.
import { Command } from "commander";
import type { TrailEvent } from "../audit/cloudtrail-event.js";
import { defaultEndpoint } from "./defaults.js";
import { fail } from "./fail.js";
import { callKeyless, keylessUrl } from "./keyless-api.js";

interface Page {
  latest: number;
  events: { sequence: number; event: TrailEvent }[];
}

interface TrailOptions {
  endpoint: string;
  follow: boolean;
  json: boolean;
  denied: boolean;
  principal?: string;
}

function line(event: TrailEvent): string {
  const who = String(event.userIdentity.arn ?? event.userIdentity.type);
  const key = String(event.userIdentity.accessKeyId ?? "-");
  const { keyless } = event;
  const by = keyless.decidedBy
    ? ` by ${keyless.decidedBy.policy}#${keyless.decidedBy.statement}`
    : "";
  const why = keyless.missingAllows?.length
    ? ` (no allow in: ${keyless.missingAllows.join(", ")})`
    : "";
  // A call refused before any decision (a redirect, a bad signature) has no action, but an S3
  // one still names what it was for.
  const named = event.resources?.[0]?.ARN;
  const what = keyless.action
    ? `${keyless.action} ${keyless.resource}`
    : `${event.eventName}${named ? ` ${named}` : ""}`;
  const error = event.errorCode ? ` ${event.errorCode}` : "";
  const outcome = `${keyless.decision}${by}${why}${error}${tally(keyless.evaluated)}`;
  return printable(`${event.eventTime} ${keyless.status} ${who} ${key} ${what} ${outcome}`);
}

/** For a call that made several decisions (DeleteObjects: one a key), how they went. */
function tally(evaluated: TrailEvent["keyless"]["evaluated"]): string {
  if (evaluated === undefined) return "";
  const allowed = evaluated.filter((e) => e.decision === "Allowed").length;
  const denied = evaluated.length - allowed;
  return ` [${evaluated.length} evaluated: ${allowed} allowed, ${denied} denied]`;
}

/**
 * Control characters as escapes. A caller chooses the object keys and names that end up here,
 * and a key holding a newline or a terminal escape could otherwise print a line of its own that
 * looks like a real call, or restyle the terminal.
 */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) =>
    char === "\n" ? "\\n" : `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/** A reader that stops reading (`keyless trail | head`) ends the command quietly. */
function exitOnClosedPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    fail(`cannot write the trail: ${error.message}`);
  });
}

function wanted(event: TrailEvent, options: TrailOptions): boolean {
  // Without an error and a denial the call succeeded, whether a policy allowed it or none was
  // asked (GetCallerIdentity is NotEvaluated).
  const denial = event.keyless.decision.endsWith("Deny");
  if (options.denied && !event.errorCode && !denial) return false;
  if (options.principal && !String(event.userIdentity.arn ?? "").includes(options.principal))
    return false;
  return true;
}

/** The most the server answers at once (src/server/trail-api.ts). */
const PAGE = 1000;

async function page(endpoint: string, after: number, wait: boolean): Promise<Page> {
  const url = keylessUrl(endpoint, "/_keyless/trail");
  url.searchParams.set("after", String(after));
  url.searchParams.set("limit", String(PAGE));
  if (wait) url.searchParams.set("wait", "1");
  const answer = await callKeyless<Page>(endpoint, url);
  if (!answer.ok) fail(`keyless answered ${answer.status} for ${url}`);
  return answer.body;
}

export function trailCommand(): Command {
  return new Command("trail")
    .description("show every call: principal, key, action, resource, decision and what decided it")
    .option("--endpoint <url>", "the keyless endpoint", defaultEndpoint())
    .option("-f, --follow", "keep printing new calls", false)
    .option("--json", "print the CloudTrail-shaped events as JSON lines", false)
    .option("--denied", "only calls that were denied or failed", false)
    .option("--principal <text>", "only calls whose principal ARN contains this text")
    .action(async function showTrail(options: TrailOptions) {
      // Every event the server keeps, a page at a time; then, when following, each new one as
      // it comes (the server holds the request open until there is one).
      exitOnClosedPipe();
      let after = 0;
      let caughtUp = false;
      while (!caughtUp || options.follow) {
        const { events } = await page(options.endpoint, after, caughtUp);
        for (const { sequence, event } of events) {
          after = sequence;
          if (!wanted(event, options)) continue;
          process.stdout.write(`${options.json ? JSON.stringify(event) : line(event)}\n`);
        }
        if (events.length < PAGE) caughtUp = true;
      }
    });
}
