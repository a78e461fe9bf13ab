// One table for every benchmark: keyless beside its baseline from the same run, and the ratio.

export interface Row {
  name: string;
  keyless: number;
  baseline: number;
  baselineName: string;
  unit: string;
  lowerIsBetter: boolean;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const format = (value: number): string =>
  value >= 1000 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);

export function printTable(rows: readonly Row[]): void {
  const lines = rows.map((row) => {
    const ratio = row.keyless / row.baseline;
    const verdict = row.lowerIsBetter ? "× the baseline's time" : "× the baseline's rate";
    return [
      row.name.padEnd(44),
      `keyless ${format(row.keyless)} ${row.unit}`.padEnd(28),
      `${row.baselineName} ${format(row.baseline)} ${row.unit}`.padEnd(40),
      `${ratio.toFixed(2)} ${verdict}`,
    ].join("  ");
  });
  process.stdout.write(`${lines.join("\n")}\n`);
}
