// Signs raw requests with @smithy/signature-v4 (the SDK's own signer) and sends them over a
// socket exactly as built, so tests can change one byte after signing.
import { request as httpRequest } from "node:http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Credentials } from "./clients.js";

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface SignedRaw {
  method: string;
  /** Path and query as they go on the request line. */
  target: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

export async function signRaw(
  endpoint: string,
  credentials: Credentials,
  service: string,
  raw: RawRequest,
  options: { signingDate?: Date; uriEscapePath?: boolean } = {},
): Promise<SignedRaw> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    service,
    region: "us-east-1",
    credentials,
    sha256: Sha256,
    uriEscapePath: options.uriEscapePath ?? service !== "s3",
    applyChecksum: service === "s3",
  });
  const signed = await signer.sign(
    {
      method: raw.method,
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: raw.path,
      query: raw.query ?? {},
      headers: { host: url.host, ...(raw.headers ?? {}) },
      body: raw.body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const query = Object.entries(raw.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  return {
    method: raw.method,
    target: query ? `${raw.path}?${query}` : raw.path,
    headers: signed.headers as Record<string, string>,
    body: raw.body ?? "",
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function sendRaw(endpoint: string, signed: SignedRaw): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: Number(url.port),
        method: signed.method,
        path: signed.target,
        headers: signed.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(signed.body);
  });
}

/** The <Code> of an AWS XML error body. */
export const errorCode = (body: string): string | undefined =>
  /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
