// `npm run bench`: every benchmark, each beside its baseline in the same run, in one table.
// All load goes to servers on 127.0.0.1 that the benchmarks start and stop themselves.
import { cpus, loadavg } from "node:os";
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

/** Figures taken while other work holds the cores say little; say so beside them. */
function warnIfBusy(when: string): void {
  const load = loadavg()[0] as number;
  if (load > 1) {
    console.log(
      `warning: load average ${load.toFixed(1)} ${when} on ${cpus().length} cores: ` +
        "other work shares the machine, so these figures are noisy",
    );
  }
}

warnIfBusy("at the start");
const started = performance.now();
const rows: Row[] = [];
for (const [name, bench] of BENCHMARKS) {
  const before = performance.now();
  rows.push(...(await bench()));
  console.log(`${name}: ${((performance.now() - before) / 1000).toFixed(1)} s`);
}
console.log(`all benchmarks: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
printTable(rows);
warnIfBusy("at the end");
