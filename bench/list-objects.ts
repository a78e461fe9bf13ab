// ListObjectsV2 pages from the middle of a 1,000,000-object bucket, through the AWS SDK, beside
// the same number of direct SQLite range reads of 1,000 rows (better-sqlite3, the store's own
// table and index) in the same run: the floor a listing cannot go below. The keyless figure
// includes the SDK's own share (signing, and parsing a page of XML), as a client sees it.
import { join } from "node:path";
import { ListObjectsV2Command, type ListObjectsV2CommandInput } from "@aws-sdk/client-s3";
import Database from "better-sqlite3";
import { s3Client } from "./clients.js";
import { ROOT_KEY, startKeyless } from "./processes.js";
import { median, type Row } from "./report.js";
import { SEEDED, seededDataDir, seededFolder, seededKey } from "./seed-objects.js";

interface Scenario {
  name: string;
  input: Omit<ListObjectsV2CommandInput, "Bucket">;
  /** The store id the baseline's range read starts after. */
  after: string;
  /** What the page must hold, so that a wrong answer is not timed as a fast one. */
  expect: { keys: number; prefixes: number };
}

const CALLS = 30;
const BUDGET_MS = 8_000;
const middle = seededKey(SEEDED.folders / 2 - 1, SEEDED.perFolder / 2);
const middleFolder = seededFolder(SEEDED.folders / 2);
const storeId = (key: string): string => `${SEEDED.bucket}/${key}`;

const SCENARIOS: Scenario[] = [
  {
    name: "ListObjectsV2 1,000 keys after mid key",
    input: { StartAfter: middle },
    after: storeId(middle),
    expect: { keys: 1000, prefixes: 0 },
  },
  {
    name: "ListObjectsV2 prefix+delimiter, 1 folder",
    input: { Prefix: middleFolder, Delimiter: "/" },
    after: storeId(middleFolder),
    expect: { keys: SEEDED.perFolder, prefixes: 0 },
  },
  {
    // data/0500/ … data/0599/: each common prefix stands for a folder of 1,000 keys.
    name: "ListObjectsV2 delimiter, 100 folders",
    input: { Prefix: "data/05", Delimiter: "/" },
    after: storeId("data/05"),
    expect: { keys: 0, prefixes: 100 },
  },
];

/** Median time of up to CALLS calls after one to warm up, stopping early past the budget. */
async function timeCalls(call: () => Promise<void>): Promise<{ ms: number; calls: number }> {
  await call();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < CALLS && (times.length < 3 || performance.now() - started < BUDGET_MS)) {
    const before = performance.now();
    await call();
    times.push(performance.now() - before);
  }
  return { ms: median(times), calls: times.length };
}

export async function listObjectsBench(): Promise<Row[]> {
  const dataDir = await seededDataDir();
  const db = new Database(join(dataDir, "keyless.db"), { readonly: true });
  const rangeRead = db
    .prepare(
      "SELECT value FROM records WHERE kind = 'object' AND scope = ? AND id > ? ORDER BY id LIMIT 1000",
    )
    .pluck();
  const server = await startKeyless({ dataDir, logLevel: "warn", logTo: "/dev/null" });
  const s3 = s3Client(server.endpoint, ROOT_KEY);
  const rows: Row[] = [];
  try {
    for (const scenario of SCENARIOS) {
      const list = async () => {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: SEEDED.bucket, ...scenario.input }),
        );
        const keys = page.Contents?.length ?? 0;
        const prefixes = page.CommonPrefixes?.length ?? 0;
        if (keys !== scenario.expect.keys || prefixes !== scenario.expect.prefixes) {
          throw new Error(`${scenario.name}: ${keys} keys and ${prefixes} common prefixes`);
        }
      };
      const read = async () => {
        const values = rangeRead.all(SEEDED.bucket, scenario.after) as string[];
        if (values.length !== 1000) throw new Error(`the range read found ${values.length} rows`);
      };
      const keyless = await timeCalls(list);
      const baseline = await timeCalls(read);
      rows.push({
        name: `${scenario.name} (median of ${keyless.calls})`,
        keyless: keyless.ms,
        baseline: baseline.ms,
        baselineName: "SQLite read of 1,000 rows",
        unit: "ms",
        lowerIsBetter: true,
      });
    }
  } finally {
    s3.destroy();
    await server.stop();
    db.close();
  }
  return rows;
}
