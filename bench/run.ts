// `npm run bench`: every benchmark, each beside its baseline in the same run.
import { printTable, type Row } from "./report.js";
import { startupBench } from "./startup.js";

const rows: Row[] = [];
rows.push(...(await startupBench()));
printTable(rows);
