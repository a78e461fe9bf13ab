// A presigned URL, signed by the AWS SDK's own SigV4 signer rather than keyless's, so that the
// benchmark checks keyless against an independent implementation.
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Credentials } from "./clients.js";
import { REGION } from "./processes.js";

const CONTENT_SHA256 = "x-amz-content-sha256";

export async function presignGet(
  endpoint: string,
  path: string,
  credentials: Credentials,
  expiresIn: number,
): Promise<string> {
  const url = new URL(path, endpoint);
  const signer = new SignatureV4({
    credentials,
    region: REGION,
    service: "s3",
    sha256: Sha256,
    uriEscapePath: false,
  });
  // S3 query signatures cover an UNSIGNED-PAYLOAD (Amazon S3 API Reference, "Authenticating
  // Requests: Using Query Parameters"); the header only tells the signer so, and is not sent.
  const signed = await signer.presign(
    {
      method: "GET",
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, [CONTENT_SHA256]: "UNSIGNED-PAYLOAD" },
    },
    {
      expiresIn,
      unhoistableHeaders: new Set([CONTENT_SHA256]),
      unsignableHeaders: new Set([CONTENT_SHA256]),
    },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join("&");
  return `${url.origin}${url.pathname}?${query}`;
}
