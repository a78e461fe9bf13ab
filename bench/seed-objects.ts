// A data dir holding a bucket of 1,000,000 objects, for the listing benchmark. PutObject a
// million times would take far too long, so the records are written straight through the store,
// shaped as PutObject shapes them; every object shares one blob, since only listing is measured.
// The dir is kept under bench/.cache/ and made again only when the code that shapes it changes.
// Run alone: node --import tsx bench/seed-objects.ts
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { startChecksum } from "../src/checksums/checksums.js";
import { AdjustableClock } from "../src/clock/clock.js";
import { Model } from "../src/model/model.js";
import { objectKey } from "../src/model/names.js";
import type { ObjectRecord } from "../src/model/types.js";
import { FileBlobStore } from "../src/store/blob-store.js";
import { SqliteStore } from "../src/store/sqlite-store.js";
import { ACCOUNT, REGION, REPO, ROOT_KEY } from "./processes.js";

export const SEEDED = {
  dir: join(REPO, "bench", ".cache", "objects-1m"),
  bucket: "bench-million",
  folders: 1000,
  perFolder: 1000,
};

/** The files whose change could change what the seed writes, or how keyless reads it. */
const SHAPING_FILES = [
  "bench/seed-objects.ts",
  "src/store/sqlite-store.ts",
  "src/store/store.ts",
  "src/model/types.ts",
  "src/model/names.ts",
  "src/model/objects.ts",
  "src/model/buckets.ts",
  "src/model/accounts.ts",
];

const BODY = Buffer.alloc(1024, "k");
const pad = (n: number): string => String(n).padStart(4, "0");

/** data/0000/ … data/0999/, each holding 0000.json … 0999.json. */
export const seededFolder = (folder: number): string => `data/${pad(folder)}/`;
export const seededKey = (folder: number, item: number): string =>
  `${seededFolder(folder)}${pad(item)}.json`;

async function fingerprint(): Promise<string> {
  const hash = createHash("sha256").update(JSON.stringify(SEEDED));
  for (const file of SHAPING_FILES) hash.update(await readFile(join(REPO, file)));
  return hash.digest("hex");
}

async function seed(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const store = new SqliteStore(join(dir, "keyless.db"));
  const blobs = new FileBlobStore(join(dir, "objects"));
  const clock = new AdjustableClock();
  const model = new Model({ store, blobs, clock, propagationDelayMs: 0 });
  await model.accounts.ensure(ACCOUNT, ROOT_KEY);
  await model.buckets.create(ACCOUNT, SEEDED.bucket, REGION);

  const blob = await blobs.write(Readable.from([BODY]));
  const crc32 = startChecksum("crc32");
  crc32.update(BODY);
  const shared = {
    bucket: SEEDED.bucket,
    blobId: blob.id,
    size: blob.size,
    etag: `"${createHash("md5").update(BODY).digest("hex")}"`,
    contentType: "application/json",
    metadata: {},
    checksums: { CRC32: crc32.digest() },
  };
  // One transaction per folder keeps the write-ahead log small.
  for (let folder = 0; folder < SEEDED.folders; folder++) {
    await store.transaction(async () => {
      for (let item = 0; item < SEEDED.perFolder; item++) {
        const key = seededKey(folder, item);
        const record: ObjectRecord = { ...shared, key, lastModified: clock.now() };
        await store.put("object", objectKey(SEEDED.bucket, key), SEEDED.bucket, record);
      }
    });
  }
  await model.close();
}

/** The seeded data dir, made now if it is missing or was made by different code. */
export async function seededDataDir(): Promise<string> {
  const marker = join(SEEDED.dir, "seeded-by");
  const expected = await fingerprint();
  const found = await readFile(marker, "utf8").catch(() => undefined);
  if (found === expected) return SEEDED.dir;

  await rm(SEEDED.dir, { recursive: true, force: true });
  const started = performance.now();
  await seed(SEEDED.dir);
  await writeFile(marker, expected);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`seeded ${SEEDED.folders * SEEDED.perFolder} objects in ${seconds} s`);
  return SEEDED.dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await seededDataDir());
