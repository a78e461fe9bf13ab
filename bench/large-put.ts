// Peak memory of the server while it takes a 1 GiB PutObject, streamed by the AWS SDK from a
// generator (aws-chunked, with the SDK's trailing CRC32), beside a bare node:http server that
// pipes the same request into a file. Both are read from VmHWM once the upload is done.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { s3Client } from "./clients.js";
import { peakRssMiB, ROOT_KEY, type Running, startBare, startKeyless } from "./processes.js";
import type { Row } from "./report.js";

const MiB = 1024 * 1024;
const SIZE = 1024 * MiB;
const BUCKET = "bench-large";
const UPLOAD_WITHIN_MS = 180_000;

/** SIZE bytes in 1 MiB pieces; each piece is a fresh buffer, as a file read would give. */
async function* gibibyte(): AsyncGenerator<Buffer> {
  for (let sent = 0; sent < SIZE; sent += MiB) yield Buffer.alloc(MiB, sent / MiB);
}

interface Upload {
  seconds: number;
  peakMiB: number;
}

async function upload(server: Running, createBucket: boolean): Promise<Upload> {
  const s3 = s3Client(server.endpoint, ROOT_KEY);
  if (createBucket) await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const started = performance.now();
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: "one-gibibyte.bin",
      Body: Readable.from(gibibyte()),
      ContentLength: SIZE,
    }),
    { abortSignal: AbortSignal.timeout(UPLOAD_WITHIN_MS) },
  );
  const seconds = (performance.now() - started) / 1000;
  s3.destroy();
  return { seconds, peakMiB: await peakRssMiB(server.pid) };
}

export async function largePutBench(): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), "keyless-bench-put-"));
  try {
    const keyless = await startKeyless({
      dataDir: join(dir, "data"),
      logLevel: "warn",
      logTo: "/dev/null",
    });
    const ours = await upload(keyless, true).finally(() => keyless.stop());
    await rm(join(dir, "data"), { recursive: true });

    await mkdir(join(dir, "bare"));
    const bare = await startBare("pipe-to-file.mjs", [join(dir, "bare")]);
    const theirs = await upload(bare, false).finally(() => bare.stop());

    return [
      {
        name: "1 GiB PutObject: server peak RSS",
        keyless: ours.peakMiB,
        baseline: theirs.peakMiB,
        baselineName: "bare node:http to file",
        unit: "MiB",
        lowerIsBetter: true,
        goal: { text: "≤ 150 MiB", met: ours.peakMiB <= 150 },
      },
      {
        name: "1 GiB PutObject: upload time",
        keyless: ours.seconds,
        baseline: theirs.seconds,
        baselineName: "bare node:http to file",
        unit: "s",
        lowerIsBetter: true,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
