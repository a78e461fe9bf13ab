// AWS's own chunked-upload examples: the seed signature our canonical request produces is the
// documented one, the decoder accepts the documented body (and its trailer), and it rejects the
// body after any one byte of a chunk, a chunk signature, the trailer or its signature changes.
import assert from "node:assert/strict";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { test } from "node:test";
import { startChecksum } from "../../src/checksums/checksums.js";
import { canonicalRequest } from "../../src/sigv4/canonical-request.js";
import { ChunkedBodyError, ChunkedDecoder } from "../../src/sigv4/chunked-decoder.js";
import { sign, signingKey } from "../../src/sigv4/signing-key.js";
import { scopeString, stringToSign } from "../../src/sigv4/string-to-sign.js";
import {
  type ChunkedExample,
  EXAMPLE_DATE,
  EXAMPLE_SCOPE,
  EXAMPLE_SECRET,
  exampleBody,
  SIGNED_PAYLOAD,
  SIGNED_PAYLOAD_TRAILER,
} from "./fixtures/aws-chunked-examples.js";

const KEY = signingKey(EXAMPLE_SECRET, EXAMPLE_SCOPE.date, EXAMPLE_SCOPE.region, "s3");

function seedSignature(example: ChunkedExample): string {
  const headers = new Map(example.headers.map(([name, value]) => [name, [value]]));
  const canonical = canonicalRequest({
    method: "PUT",
    rawPath: "/examplebucket/chunkObject.txt",
    rawQuery: "",
    headers,
    signedHeaders: example.signedHeaders,
    payloadHash: headers.get("x-amz-content-sha256")?.[0] ?? "",
    service: "s3",
  });
  return sign(KEY, stringToSign(EXAMPLE_DATE, EXAMPLE_SCOPE, canonical));
}

/** Decodes body fed in pieces of `piece` bytes; the decoded bytes and the trailers. */
async function decode(example: ChunkedExample, body: Buffer, piece = 4093) {
  const decoder = new ChunkedDecoder(
    {
      key: KEY,
      amzDate: EXAMPLE_DATE,
      scope: scopeString(EXAMPLE_SCOPE),
      seedSignature: example.seedSignature,
    },
    example.trailer !== undefined,
    true,
  );
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += piece) pieces.push(body.subarray(at, at + piece));
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    decoder,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return { data: Buffer.concat(out), trailers: decoder.trailers };
}

/** The offsets worth changing: data of both chunks, every signature, the trailer. */
function tamperPoints(example: ChunkedExample, body: Buffer): Map<string, number> {
  const text = body.toString("latin1");
  const points = new Map<string, number>([
    ["the first chunk's data", 88 + 40_000],
    ["the second chunk's data", text.indexOf("a", text.indexOf(example.chunkSignatures[1])) + 500],
  ]);
  example.chunkSignatures.forEach((signature, index) => {
    points.set(`chunk signature ${index + 1}`, text.indexOf(signature) + 17);
  });
  if (example.trailer) {
    points.set("the trailing checksum", text.indexOf(example.trailer.line) + 25);
    points.set("the trailer signature", text.indexOf(example.trailer.signature) + 3);
  }
  return points;
}

for (const example of [SIGNED_PAYLOAD, SIGNED_PAYLOAD_TRAILER]) {
  test(`AWS's ${example.name} example has the documented seed signature`, () => {
    assert.equal(seedSignature(example), example.seedSignature);
  });

  test(`AWS's ${example.name} example body decodes to 66,560 bytes of "a", in any pieces`, async () => {
    for (const piece of [66_946, 4093, 97, 1]) {
      const { data, trailers } = await decode(example, exampleBody(example), piece);
      assert.equal(data.length, 66_560, `decoded length fed in ${piece}-byte pieces`);
      assert.ok(data.equals(Buffer.alloc(66_560, "a")), `decoded bytes fed in ${piece}s`);
      if (example.trailer) {
        const crc32c = startChecksum("crc32c");
        crc32c.update(data);
        assert.equal(trailers.get("x-amz-checksum-crc32c"), "sOO8/Q==");
        assert.equal(crc32c.digest(), "sOO8/Q==", "the trailer is the data's CRC32C");
      }
    }
  });

  test(`AWS's ${example.name} example is rejected with one byte changed anywhere signed`, async () => {
    const body = exampleBody(example);
    for (const [what, at] of tamperPoints(example, body)) {
      const changed = Buffer.from(body);
      changed[at] = changed[at] === 0x61 ? 0x62 : 0x61;
      await assert.rejects(
        decode(example, changed),
        (error: unknown) => error instanceof ChunkedBodyError,
        `changing ${what} (byte ${at}) was not caught`,
      );
    }
  });
}

test("the trailer example without its trailer signature is rejected", async () => {
  const body = exampleBody(SIGNED_PAYLOAD_TRAILER)
    .toString("latin1")
    .replace(/x-amz-trailer-signature:[0-9a-f]+\r\n/, "");
  await assert.rejects(decode(SIGNED_PAYLOAD_TRAILER, Buffer.from(body, "latin1")), {
    kind: "signature",
  });
});

test("a signed body whose final chunk is missing is rejected", async () => {
  const body = exampleBody(SIGNED_PAYLOAD);
  const cut = body.subarray(0, body.toString("latin1").lastIndexOf("0;chunk-signature="));
  await assert.rejects(decode(SIGNED_PAYLOAD, cut), { kind: "malformed" });
});

test("chunks in another order are rejected: each signature chains on the one before", async () => {
  const text = exampleBody(SIGNED_PAYLOAD).toString("latin1");
  const [first, second] = SIGNED_PAYLOAD.chunkSignatures;
  const swapped = text.replace(first, "FIRST").replace(second, first).replace("FIRST", second);
  await assert.rejects(decode(SIGNED_PAYLOAD, Buffer.from(swapped, "latin1")), {
    kind: "signature",
  });
});
