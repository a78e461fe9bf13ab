// Presigned GetObject of a 1 KiB object under `wrk -t1 -c16 -d10s`: keyless (SigV4 query
// verification, IAM evaluation for an IAM user, the trail, the access log at info level) beside
// two node:http baselines, each in its own process: one answering the same body and headers and
// nothing else, and one doing only the work any presigned GET needs (the signature check, a
// trail line and a log line; bare/serve-presigned.mjs), the ceiling for that work here. Each
// server's CPU time per request (user and system, from /proc) is reported beside its rate: it
// says what a request costs whatever the machine's load, where the rate alone does not.
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { type Credentials, iamClient, s3Client } from "./clients.js";
import { presignGet } from "./presign.js";
import { cpuMs, ROOT_KEY, type Running, startBare, startKeyless } from "./processes.js";
import type { Row } from "./report.js";

const BUCKET = "bench-get";
const KEY = "reports/one-kib.bin";
const PATH = `/${BUCKET}/${KEY}`;
const BODY = Buffer.from(Array.from({ length: 1024 }, (_, i) => 97 + (i % 26)));
const WARM_UP = "2s";
const MEASURE = "10s";
const CONNECTIONS = 16;
const MINIMAL = "signature + trail + log only";
/** Headers node:http writes for itself; the bare server must not send them twice. */
const OWN_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

const READER_POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::${BUCKET}/reports/*` },
    { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` },
    { Effect: "Deny", Action: ["s3:DeleteObject", "s3:PutObject"], Resource: "*" },
  ],
};

export function wrkInstalled(): boolean {
  return spawnSync("wrk", ["--version"]).error === undefined;
}

interface Load {
  rate: number;
  requests: number;
}

/**
 * The rate and count of requests over the run; throws if any answer was not a 2xx or a socket
 * failed.
 */
async function wrk(url: string, duration: string): Promise<Load> {
  const args = ["-t1", `-c${CONNECTIONS}`, `-d${duration}`, url];
  const output = await new Promise<string>((resolve, reject) => {
    execFile("wrk", args, { timeout: 60_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
  const failures = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(output);
  if (failures) throw new Error(`wrk against ${new URL(url).origin}: ${failures[0]}`);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output)?.[1];
  const requests = /(\d+) requests in/.exec(output)?.[1];
  if (rate === undefined || requests === undefined)
    throw new Error(`wrk printed no rate:\n${output}`);
  return { rate: Number(rate), requests: Number(requests) };
}

interface Measured {
  rate: number;
  /** The server's CPU time (user and system) per request, in microseconds. */
  cpuPerRequest: number;
  /** The server's CPU time over the run's wall time: near 1 when the server set the pace. */
  busy: number;
}

async function measure(url: string, server: Running): Promise<Measured> {
  await wrk(url, WARM_UP);
  const cpuBefore = await cpuMs(server.pid);
  const started = performance.now();
  const load = await wrk(url, MEASURE);
  const wall = performance.now() - started;
  const cpu = (await cpuMs(server.pid)) - cpuBefore;
  return { rate: load.rate, cpuPerRequest: (cpu * 1000) / load.requests, busy: cpu / wall };
}

/** A bucket, the object, and an IAM user whose policy allows the read; returns its key. */
async function setUp(endpoint: string): Promise<Credentials> {
  const iam = iamClient(endpoint, ROOT_KEY);
  const s3 = s3Client(endpoint, ROOT_KEY);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: BODY }));
  await iam.send(new CreateUserCommand({ UserName: "bench-reader" }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: "bench-reader",
      PolicyName: "read-reports",
      PolicyDocument: JSON.stringify(READER_POLICY),
    }),
  );
  const created = await iam.send(new CreateAccessKeyCommand({ UserName: "bench-reader" }));
  const { AccessKeyId, SecretAccessKey } = created.AccessKey ?? {};
  if (!AccessKeyId || !SecretAccessKey) throw new Error("CreateAccessKey returned no key");
  return { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey };
}

/** The headers keyless answers the presigned GET with, less those node:http adds itself. */
async function answerOf(url: string): Promise<Record<string, string>> {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || !body.equals(BODY)) {
    throw new Error(`the presigned GET answered ${response.status}: ${body.toString("utf8")}`);
  }
  return Object.fromEntries([...response.headers].filter(([name]) => !OWN_HEADERS.has(name)));
}

/** The access log holds a line per request, or the run measured a server that logged nothing. */
async function expectLogged(file: string, rate: number): Promise<void> {
  const text = await readFile(file, "utf8");
  const lines = text.split("\n").filter((line) => line.includes('"operation":"GetObject"')).length;
  if (lines < rate) throw new Error(`${file} holds ${lines} GetObject lines at ${rate} req/s`);
}

export async function presignedGetBench(): Promise<Row[]> {
  if (!wrkInstalled()) {
    console.log("presigned GetObject: skipped, wrk is not installed (apt-get install wrk)");
    return [];
  }
  const dir = await mkdtemp(join(tmpdir(), "keyless-bench-get-"));
  const dataDir = join(dir, "data");
  try {
    const accessLog = join(dir, "access.log");
    const toFile = await startKeyless({ dataDir, logLevel: "info", logTo: accessLog });
    let reader: Credentials;
    let headers: Record<string, string>;
    let logToFile: Measured;
    try {
      reader = await setUp(toFile.endpoint);
      const url = await presignGet(toFile.endpoint, PATH, reader, 3600);
      headers = await answerOf(url);
      logToFile = await measure(url, toFile);
    } finally {
      await toFile.stop();
    }
    await expectLogged(accessLog, logToFile.rate);

    // The data dir outlives the process; the new port is a new host, so the URL is signed again.
    const toNull = await startKeyless({ dataDir, logLevel: "info", logTo: "/dev/null" });
    const nullUrl = await presignGet(toNull.endpoint, PATH, reader, 3600);
    const logToNull = await measure(nullUrl, toNull).finally(() => toNull.stop());

    // The bare server gets the same request line, query and all, and ignores it.
    const bare = await startBare("serve-body.mjs", [
      JSON.stringify(headers),
      BODY.toString("base64"),
    ]);
    const bareUrl = nullUrl.replace(toNull.endpoint, bare.endpoint);
    const bareRun = await measure(bareUrl, bare).finally(() => bare.stop());

    // The minimal server checks the signature for its own host, so the URL is signed for it.
    const minimal = await startBare(
      "serve-presigned.mjs",
      [JSON.stringify(headers), BODY.toString("base64"), reader.secretAccessKey, join(dir, "min")],
      { logTo: "/dev/null" },
    );
    const minimalUrl = await presignGet(minimal.endpoint, PATH, reader, 3600);
    const minimalRun = await measure(minimalUrl, minimal).finally(() => minimal.stop());

    // Near 100% means the server, not wrk, set the pace: then CPU per request is what limits it.
    const busy = (name: string, run: Measured) => `${name} ${Math.round(run.busy * 100)}%`;
    console.log(
      "presigned GetObject, each server's CPU time over the run's wall time: " +
        [
          busy("keyless", logToNull),
          busy("minimal", minimalRun),
          busy("bare node:http", bareRun),
        ].join(", "),
    );

    const row = (name: string, keyless: Measured): Row => ({
      name,
      keyless: keyless.rate,
      baseline: bareRun.rate,
      baselineName: "bare node:http",
      unit: "req/s",
      lowerIsBetter: false,
      goal: { text: "≥ 0.50×", met: keyless.rate / bareRun.rate >= 0.5 },
    });
    const cpuRow = (name: string, keyless: Measured, baseline: Measured, baselineName: string) => ({
      name,
      keyless: keyless.cpuPerRequest,
      baseline: baseline.cpuPerRequest,
      baselineName,
      unit: "µs CPU/req",
      lowerIsBetter: true,
    });
    return [
      row("presigned GET 1 KiB, wrk -c16, log to file", logToFile),
      row("presigned GET 1 KiB, wrk -c16, log to /dev/null", logToNull),
      {
        name: "presigned GET 1 KiB, wrk -c16, log to /dev/null",
        keyless: logToNull.rate,
        baseline: minimalRun.rate,
        baselineName: MINIMAL,
        unit: "req/s",
        lowerIsBetter: false,
      },
      {
        name: "the minimal server itself (no keyless)",
        keyless: minimalRun.rate,
        baseline: bareRun.rate,
        baselineName: "bare node:http",
        unit: "req/s",
        lowerIsBetter: false,
      },
      cpuRow(
        "server CPU per presigned GET, log to /dev/null",
        logToNull,
        bareRun,
        "bare node:http",
      ),
      cpuRow("server CPU per presigned GET, log to /dev/null", logToNull, minimalRun, MINIMAL),
      cpuRow(
        "the minimal server's CPU per GET (no keyless)",
        minimalRun,
        bareRun,
        "bare node:http",
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
