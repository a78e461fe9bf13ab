// Builds aws-chunked request bodies the way the streaming documentation describes, with the
// SDK's own signer (@smithy/signature-v4) computing the seed signature and every chunk and
// trailer signature, and independent checksum code for the trailers; and sends them as built.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { crc32 } from "node:zlib";
import { Crc32c } from "@aws-crypto/crc32c";
import { Sha256 } from "@aws-crypto/sha256-js";
import { Crc64Nvme } from "@aws-sdk/crc64-nvme";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Credentials } from "../../support/clients.js";

export type TrailingAlgorithm = "crc32" | "crc32c" | "crc64nvme" | "sha1" | "sha256";
export type Streaming =
  | "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
  | "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
  | "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

const EMPTY_SHA256 = createHash("sha256").digest("hex");
const sha256Hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

export interface ChunkedUpload {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface UploadOptions {
  streaming: Streaming;
  /** Sizes of the data chunks, in order; their sum is the data's length. */
  chunkSizes: number[];
  trailer?: TrailingAlgorithm;
  signingDate?: Date;
  /** The x-amz-decoded-content-length to sign and send, if not the data's length. */
  decodedLength?: string;
}

/** The checksum S3 shows for data, computed here with code independent of keyless. */
export async function independentChecksum(algorithm: TrailingAlgorithm, data: Buffer) {
  const crc = (value: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(value >>> 0);
    return bytes.toString("base64");
  };
  if (algorithm === "crc32") return crc(crc32(data));
  if (algorithm === "crc32c") return crc(new Crc32c().update(data).digest());
  if (algorithm === "crc64nvme") {
    const running = new Crc64Nvme();
    running.update(data);
    return Buffer.from(await running.digest()).toString("base64");
  }
  return createHash(algorithm).update(data).digest("base64");
}

export async function chunkedPut(
  endpoint: string,
  credentials: Credentials,
  path: string,
  data: Buffer,
  options: UploadOptions,
): Promise<ChunkedUpload> {
  const url = new URL(endpoint);
  const signingDate = options.signingDate ?? new Date();
  const signer = new SignatureV4({
    service: "s3",
    region: "us-east-1",
    credentials,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of options.chunkSizes) {
    chunks.push(data.subarray(at, at + size));
    at += size;
  }
  const signed = options.streaming !== "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  const trailerName = options.trailer && `x-amz-checksum-${options.trailer}`;
  const trailerLine =
    options.trailer && `${trailerName}:${await independentChecksum(options.trailer, data)}`;

  // Lengths first: content-length is signed, so the framing must be known before signing.
  const sigPart = signed ? 17 + 64 : 0;
  let length = 0;
  for (const chunk of [...chunks, Buffer.alloc(0)]) {
    length += chunk.length.toString(16).length + sigPart + 2 + chunk.length;
    if (chunk.length > 0) length += 2;
  }
  length += trailerLine ? trailerLine.length + 2 : 0;
  length += options.streaming === "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" ? 24 + 64 + 2 : 0;
  length += 2;

  const seeded = await signer.sign(
    {
      method: "PUT",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query: {},
      headers: {
        host: url.host,
        "content-encoding": "aws-chunked",
        "content-length": String(length),
        "x-amz-content-sha256": options.streaming,
        "x-amz-decoded-content-length": options.decodedLength ?? String(data.length),
        ...(trailerName ? { "x-amz-trailer": trailerName } : {}),
      },
    },
    { signingDate },
  );
  const headers = seeded.headers as Record<string, string>;
  const amzDate = headers["x-amz-date"] as string;
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  let previous = /Signature=([0-9a-f]{64})/.exec(headers.authorization ?? "")?.[1] ?? "";

  const parts: Buffer[] = [];
  for (const chunk of [...chunks, Buffer.alloc(0)]) {
    let extension = "";
    if (signed) {
      const toSign = [
        "AWS4-HMAC-SHA256-PAYLOAD",
        amzDate,
        scope,
        previous,
        EMPTY_SHA256,
        sha256Hex(chunk),
      ].join("\n");
      previous = await signer.sign(toSign, { signingDate });
      extension = `;chunk-signature=${previous}`;
    }
    parts.push(Buffer.from(`${chunk.length.toString(16)}${extension}\r\n`, "latin1"), chunk);
    if (chunk.length > 0) parts.push(Buffer.from("\r\n"));
  }
  if (trailerLine) parts.push(Buffer.from(`${trailerLine}\r\n`, "latin1"));
  if (options.streaming === "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER") {
    const toSign = [
      "AWS4-HMAC-SHA256-TRAILER",
      amzDate,
      scope,
      previous,
      sha256Hex(trailerLine ? `${trailerLine}\n` : ""),
    ].join("\n");
    const signature = await signer.sign(toSign, { signingDate });
    parts.push(Buffer.from(`x-amz-trailer-signature:${signature}\r\n`, "latin1"));
  }
  parts.push(Buffer.from("\r\n"));
  const body = Buffer.concat(parts);
  if (body.length !== length) throw new Error(`framing ${body.length} != ${length}`);
  return { method: "PUT", target: path, headers, body };
}

export interface Sent {
  status: number;
  body: string;
}

export function send(endpoint: string, upload: ChunkedUpload): Promise<Sent> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: Number(url.port),
        method: upload.method,
        path: upload.target,
        headers: upload.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(upload.body);
  });
}

export const errorCode = (body: string): string | undefined =>
  /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
