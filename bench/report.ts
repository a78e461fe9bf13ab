// One table for every benchmark: keyless beside its baseline from the same run, and the ratio.

export interface Row {
  name: string;
  keyless: number;
  baseline: number;
  baselineName: string;
  unit: string;
  lowerIsBetter: boolean;
  /** A target the row is held to, shown with whether this run met it. */
  goal?: { text: string; met: boolean };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const format = (value: number): string =>
  value >= 1000 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);

function goalText(row: Row): string {
  if (row.goal === undefined) return "";
  return `goal ${row.goal.text}: ${row.goal.met ? "met" : "MISSED"}`;
}

export function printTable(rows: readonly Row[]): void {
  const lines = rows.map((row) => {
    const ratio = row.keyless / row.baseline;
    const better = row.lowerIsBetter ? "lower is better" : "higher is better";
    return [
      row.name.padEnd(48),
      `keyless ${format(row.keyless)} ${row.unit}`.padEnd(28),
      `${row.baselineName} ${format(row.baseline)} ${row.unit}`.padEnd(40),
      `${ratio.toFixed(2)}× (${better})`.padEnd(26),
      goalText(row),
    ]
      .join("  ")
      .trimEnd();
  });
  process.stdout.write(`${lines.join("\n")}\n`);
}
