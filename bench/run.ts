// `npm run bench`: every benchmark, each beside its baseline in the same run, in one table.
// `npm run bench -- presigned list` runs only those whose names contain one of the words.
// All load goes to servers on 127.0.0.1 that the benchmarks start and stop themselves.
import { cpus } from "node:os";
import { largePutBench } from "./large-put.js";
import { listObjectsBench } from "./list-objects.js";
import { policyBench } from "./policy.js";
import { presignedGetBench } from "./presigned-get.js";
import { printTable, type Row } from "./report.js";
import { startupBench } from "./startup.js";

const BENCHMARKS: [string, () => Row[] | Promise<Row[]>][] = [
  ["start to healthy", startupBench],
  ["policy decisions", policyBench],
  ["presigned GetObject under wrk", presignedGetBench],
  ["1 GiB PutObject", largePutBench],
  ["ListObjectsV2 in a 1,000,000-object bucket", listObjectsBench],
];

/** The share of the machine's CPU time that went to other work over one second. */
async function busyShare(): Promise<number> {
  const sample = () =>
    cpus().reduce(
      (sum, cpu) => {
        const { idle, ...others } = cpu.times;
        return {
          idle: sum.idle + idle,
          all: sum.all + idle + Object.values(others).reduce((a, b) => a + b, 0),
        };
      },
      { idle: 0, all: 0 },
    );
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = sample();
  return 1 - (after.idle - before.idle) / (after.all - before.all);
}

/** Figures taken while other work holds the cores say little; say so beside them. */
async function warnIfBusy(when: string): Promise<void> {
  const busy = await busyShare();
  if (busy > 0.2) {
    console.log(
      `warning: ${Math.round(busy * 100)}% of ${cpus().length} cores busy with other work ${when}: ` +
        "these figures are noisy",
    );
  }
}

const words = process.argv.slice(2).map((word) => word.toLowerCase());
const chosen = BENCHMARKS.filter(
  ([name]) => words.length === 0 || words.some((word) => name.toLowerCase().includes(word)),
);
if (chosen.length === 0) {
  console.error(
    `no benchmark matches ${words.join(", ")}: ${BENCHMARKS.map(([n]) => n).join("; ")}`,
  );
  process.exit(1);
}

await warnIfBusy("at the start");
const started = performance.now();
const rows: Row[] = [];
for (const [name, bench] of chosen) {
  const before = performance.now();
  rows.push(...(await bench()));
  console.log(`${name}: ${((performance.now() - before) / 1000).toFixed(1)} s`);
}
console.log(`all benchmarks: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
printTable(rows);
await warnIfBusy("at the end");
