// CRC64NVME, the trailing checksum the JS SDK may send: keyless's implementation against the
// catalogue check value, against the SDK's own @aws-sdk/crc64-nvme, and end to end with the SDK.
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { Crc64Nvme as SdkCrc64Nvme } from "@aws-sdk/crc64-nvme";
import fc from "fast-check";
import { startChecksum } from "../../src/checksums/checksums.js";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";

async function sdkDigest(data: Uint8Array): Promise<string> {
  const crc = new SdkCrc64Nvme();
  crc.update(data);
  return Buffer.from(await crc.digest()).toString("base64");
}

test('CRC64NVME of "123456789" is 0xae8b14860a799888, the CRC-64/NVME check value', () => {
  const crc = startChecksum("crc64nvme");
  crc.update(Buffer.from("123456789"));
  assert.equal(Buffer.from(crc.digest(), "base64").toString("hex"), "ae8b14860a799888");
});

test("CRC64NVME agrees with the SDK's @aws-sdk/crc64-nvme on any data, fed in any pieces", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 5000 }),
      fc.array(fc.nat({ max: 5000 }), { maxLength: 6 }),
      async (data, cuts) => {
        const crc = startChecksum("crc64nvme");
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          crc.update(Buffer.from(data.subarray(at, Math.max(at, cut))));
          at = Math.max(at, cut);
        }
        crc.update(Buffer.from(data.subarray(at)));
        assert.equal(crc.digest(), await sdkDigest(data), `CRC64NVME of ${data.length} bytes`);
      },
    ),
    { numRuns: 300 },
  );
});

let keyless: TestKeyless;
let s3: S3Client;
const BUCKET = "crc64nvme";
before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
  s3 = clients(keyless.endpoint, keyless.root).s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => keyless.stop());

const BODY = Buffer.alloc(100_000, "The quick brown fox jumps over the lazy dog. ");

for (const [form, body] of [
  ["a buffer (x-amz-checksum-crc64nvme header)", () => BODY],
  [
    "a stream (aws-chunked with a trailer)",
    () => Readable.from([BODY.subarray(0, 65_536), BODY.subarray(65_536)]),
  ],
] as const) {
  test(`the JS SDK's CRC64NVME on ${form} is verified, stored and returned`, async () => {
    const key = `sdk-${form.split(" ")[1]}`;
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: body(),
        ContentLength: BODY.length,
        ChecksumAlgorithm: "CRC64NVME",
      }),
    );
    const expected = await sdkDigest(BODY);
    assert.equal(put.ChecksumCRC64NVME, expected, "PutObject ChecksumCRC64NVME");
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: "ENABLED" }),
    );
    assert.equal(head.ChecksumCRC64NVME, expected, "HeadObject ChecksumCRC64NVME");
    const got = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: "ENABLED" }),
    );
    assert.ok(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(BODY));
  });
}

test("a wrong CRC64NVME header is BadDigest and stores nothing", async () => {
  const wrong = Buffer.from(await sdkDigest(Buffer.from("something else")), "base64");
  await assert.rejects(
    s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "wrong",
        Body: BODY,
        ChecksumCRC64NVME: wrong.toString("base64"),
      }),
    ),
    { name: "BadDigest" },
  );
  await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "wrong" })), {
    name: "NotFound",
  });
});
