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

function cells(row: Row): string[] {
  const ratio = row.keyless / row.baseline;
  return [
    row.name,
    `${format(row.keyless)} ${row.unit}`,
    `${format(row.baseline)} ${row.unit} (${row.baselineName})`,
    `${ratio >= 100 ? Math.round(ratio) : ratio.toFixed(2)}× (${row.lowerIsBetter ? "lower" : "higher"} is better)`,
    row.goal === undefined ? "" : `${row.goal.text}: ${row.goal.met ? "met" : "MISSED"}`,
  ];
}

export function printTable(rows: readonly Row[]): void {
  const table = [["benchmark", "keyless", "baseline (same run)", "keyless / baseline", "goal"]];
  table.push(...rows.map(cells));
  const widths = table[0]?.map((_, column) =>
    Math.max(...table.map((line) => line[column]?.length ?? 0)),
  );
  const lines = table.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}
