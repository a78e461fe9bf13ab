// Signing, for keyless's own command-line client: the same four steps the verifier checks.
import { createHash } from "node:crypto";
import { formatAmzDate } from "../auth/amz-date.js";
import { canonicalRequest } from "./canonical-request.js";
import { ALGORITHM } from "./constants.js";
import { sign, signingKey } from "./signing-key.js";
import { scopeString, stringToSign } from "./string-to-sign.js";

export interface OutgoingRequest {
  method: string;
  url: URL;
  body: string;
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  now?: number;
}

/** The headers to send: host, x-amz-date, x-amz-content-sha256, the token and Authorization. */
export function signRequest(request: OutgoingRequest): Record<string, string> {
  const amzDate = formatAmzDate(request.now ?? Date.now());
  const payloadHash = createHash("sha256").update(request.body).digest("hex");
  const headers: Record<string, string> = {
    host: request.url.host,
    "x-amz-date": amzDate,
    "x-amz-content-sha256": payloadHash,
    ...(request.credentials.sessionToken
      ? { "x-amz-security-token": request.credentials.sessionToken }
      : {}),
  };
  const signedHeaders = Object.keys(headers).sort();
  const scope = {
    accessKeyId: request.credentials.accessKeyId,
    date: amzDate.slice(0, 8),
    region: request.region,
    service: request.service,
  };
  const canonical = canonicalRequest({
    method: request.method,
    rawPath: request.url.pathname,
    rawQuery: request.url.search.slice(1),
    headers: new Map(Object.entries(headers).map(([name, value]) => [name, [value]])),
    signedHeaders,
    payloadHash,
    service: request.service,
  });
  const key = signingKey(
    request.credentials.secretAccessKey,
    scope.date,
    scope.region,
    scope.service,
  );
  const signature = sign(key, stringToSign(amzDate, scope, canonical));
  const credential = `${scope.accessKeyId}/${scopeString(scope)}`;
  return {
    ...headers,
    authorization: `${ALGORITHM} Credential=${credential}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`,
  };
}
