// Differential test of aws-chunked uploads: bodies framed as the streaming documentation says
// and signed by the SDK's own signer are stored byte for byte, and refused, leaving the object
// as it was, once any one byte of the body changes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import fc from "fast-check";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import {
  chunkedPut,
  errorCode,
  independentChecksum,
  type Streaming,
  send,
  type TrailingAlgorithm,
} from "./support/chunked.js";

let keyless: TestKeyless;
let s3: S3Client;
const BUCKET = "chunked-differential";
before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
  s3 = clients(keyless.endpoint, keyless.root).s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => keyless.stop());

const REJECTIONS = new Set([
  "SignatureDoesNotMatch",
  "IncompleteBody",
  "InvalidChunkSizeError",
  "BadDigest",
  "InvalidRequest",
]);
const ALGORITHMS: TrailingAlgorithm[] = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"];

async function stored(key: string): Promise<Buffer | undefined> {
  try {
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from((await got.Body?.transformToByteArray()) ?? []);
  } catch {
    return undefined;
  }
}

/** Data of `length` bytes cut into chunks of at least 8 KiB but the last. */
const upload = fc
  .record({
    length: fc.integer({ min: 0, max: 40_000 }),
    chunk: fc.integer({ min: 8192, max: 20_000 }),
    seed: fc.integer(),
  })
  .map(({ length, chunk, seed }) => {
    const data = Buffer.alloc(length);
    for (let at = 0; at < length; at++) data[at] = (seed + at * 31 + (at >> 7)) & 0xff;
    const sizes: number[] = [];
    for (let at = 0; at < length; at += chunk) sizes.push(Math.min(chunk, length - at));
    return { data, sizes };
  });

async function acceptedThenTampered(streaming: Streaming, trailer: TrailingAlgorithm | undefined) {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(upload, fc.nat(), async ({ data, sizes }, where) => {
      const key = `${streaming}/${trailer ?? "none"}/${++run}`;
      const built = await chunkedPut(keyless.endpoint, keyless.root, `/${BUCKET}/${key}`, data, {
        streaming,
        chunkSizes: sizes,
        ...(trailer ? { trailer } : {}),
      });
      const accepted = await send(keyless.endpoint, built);
      assert.equal(accepted.status, 200, `a correctly built ${streaming} body: ${accepted.body}`);
      assert.ok((await stored(key))?.equals(data), `the stored bytes of ${key}`);

      const at = where % built.body.length;
      const body = Buffer.from(built.body);
      body[at] = body[at] === 0x61 ? 0x62 : 0x61;
      const refused = await send(keyless.endpoint, { ...built, body });
      assert.ok(
        refused.status >= 400 && REJECTIONS.has(errorCode(refused.body) ?? ""),
        `changing byte ${at} of ${built.body.length} went through: ${refused.status} ${refused.body}`,
      );
      assert.ok((await stored(key))?.equals(data), `${key} changed after a refused upload`);
    }),
    { numRuns: 25 },
  );
}

test("signed aws-chunked uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) are stored byte for byte, and refused with any byte changed", async () => {
  await acceptedThenTampered("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", undefined);
});

for (const algorithm of ALGORITHMS) {
  test(`signed aws-chunked uploads with a signed ${algorithm} trailer are stored, and refused with any byte changed`, async () => {
    await acceptedThenTampered("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", algorithm);
  });
}

for (const algorithm of ALGORITHMS) {
  test(`an unsigned aws-chunked upload's trailing ${algorithm} is verified, stored and shown`, async () => {
    const data = Buffer.from("The quick brown fox jumps over the lazy dog ".repeat(500));
    const key = `unsigned-trailer-${algorithm}`;
    const built = await chunkedPut(keyless.endpoint, keyless.root, `/${BUCKET}/${key}`, data, {
      streaming: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      chunkSizes: [10_000, 10_000, data.length - 20_000],
      trailer: algorithm,
    });
    const accepted = await send(keyless.endpoint, built);
    assert.equal(accepted.status, 200, accepted.body);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: "ENABLED" }),
    );
    const field = `Checksum${algorithm.toUpperCase()}` as keyof typeof head;
    assert.equal(head[field], await independentChecksum(algorithm, data), `HeadObject ${field}`);

    const body = Buffer.from(built.body);
    body[5000] = body[5000] === 0x61 ? 0x62 : 0x61;
    const refused = await send(keyless.endpoint, { ...built, body });
    assert.equal(errorCode(refused.body), "BadDigest", refused.body);
    assert.ok((await stored(key))?.equals(data), `${key} changed after a refused upload`);
  });
}

test("a signed chunk under 8 KiB with another after it is InvalidChunkSizeError, naming the chunk", async () => {
  const data = Buffer.alloc(20_000, "x");
  const built = await chunkedPut(keyless.endpoint, keyless.root, `/${BUCKET}/small-chunks`, data, {
    streaming: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    chunkSizes: [8192, 4000, 7808],
  });
  const refused = await send(keyless.endpoint, built);
  assert.equal(refused.status, 400);
  assert.equal(errorCode(refused.body), "InvalidChunkSizeError", refused.body);
  assert.match(refused.body, /<Chunk>2<\/Chunk><BadChunkSize>4000<\/BadChunkSize>/);
});

test("x-amz-decoded-content-length is covered by the seed signature", async () => {
  const data = Buffer.alloc(10_000, "y");
  const built = await chunkedPut(keyless.endpoint, keyless.root, `/${BUCKET}/short`, data, {
    streaming: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    chunkSizes: [10_000],
  });
  const refused = await send(keyless.endpoint, {
    ...built,
    headers: { ...built.headers, "x-amz-decoded-content-length": "10001" },
  });
  assert.equal(errorCode(refused.body), "SignatureDoesNotMatch", refused.body);
});

test("an x-amz-decoded-content-length that is not a whole number is InvalidArgument", async () => {
  const data = Buffer.alloc(10_000, "w");
  const built = await chunkedPut(keyless.endpoint, keyless.root, `/${BUCKET}/not-a-length`, data, {
    streaming: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    chunkSizes: [10_000],
    decodedLength: "10000abc",
  });
  const refused = await send(keyless.endpoint, built);
  assert.equal(refused.status, 400, refused.body);
  assert.equal(errorCode(refused.body), "InvalidArgument", refused.body);
  assert.equal(await stored("not-a-length"), undefined, "a refused upload left an object");
});

test("a large upload refused at its first chunk gets S3's error, not a reset connection", async () => {
  const data = Buffer.alloc(8 * 1024 * 1024, "z");
  const built = await chunkedPut(keyless.endpoint, keyless.root, `/${BUCKET}/large`, data, {
    streaming: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    chunkSizes: Array.from({ length: 128 }, () => 65_536),
  });
  const body = Buffer.from(built.body);
  body[100] = body[100] === 0x61 ? 0x62 : 0x61;
  for (let attempt = 0; attempt < 3; attempt++) {
    const refused = await send(keyless.endpoint, { ...built, body });
    assert.equal(errorCode(refused.body), "SignatureDoesNotMatch", refused.body);
  }
  assert.equal(await stored("large"), undefined, "a refused upload left an object");
});
