// Durations as people type them: 2h, 90m, 1h30m, 45s, 1d, 500ms.

const UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Milliseconds, or undefined when the text is not a duration. A leading "-" goes back. */
export function parseDuration(text: string): number | undefined {
  const match = /^(-)?((?:\d+(?:ms|d|h|m|s))+)$/.exec(text.trim());
  if (!match) return undefined;
  let total = 0;
  for (const [, amount, unit] of (match[2] as string).matchAll(/(\d+)(ms|d|h|m|s)/g)) {
    total += Number(amount) * (UNITS[unit as string] as number);
  }
  return match[1] ? -total : total;
}
