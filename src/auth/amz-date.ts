// The ISO 8601 basic form SigV4 dates are written in: 20261203T164139Z. Both directions run on
// every signed request, so neither builds a regular expression match array or a second string.

import { keptBySecond } from "../clock/time-text.js";

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Recently parsed dates: a presigned URL brings the same X-Amz-Date on every use. */
const parsed = new Map<string, number>();

/** Parses the basic form; NaN when the text is not that. */
export function parseAmzDate(text: string): number {
  let ms = parsed.get(text);
  if (ms === undefined) {
    ms = parse(text);
    if (parsed.size >= 64) parsed.clear();
    parsed.set(text, ms);
  }
  return ms;
}

/** A time that does not exist (minute 85, 30 February) is NaN, not rolled over into another. */
function parse(text: string): number {
  const match = AMZ_DATE.exec(text);
  if (!match) return Number.NaN;
  const month = Number(match[2]);
  const day = Number(match[3]);
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), month - 1, day, hour, minute, second);
  return new Date(ms).getUTCDate() === day ? ms : Number.NaN;
}

/** Kept by second: a request formats its signing time, and the server's, more than once. */
export const formatAmzDate = keptBySecond(function formatAmzDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  // Years past 9999 are written "+010000-…" by toISOString; only the slow way handles those.
  if (iso.length !== 24) return iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
});
