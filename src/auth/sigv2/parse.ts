// Step 0 of Signature Version 2: the access key and signature, from `Authorization: AWS
// AKID:signature` or from the AWSAccessKeyId, Expires and Signature query parameters.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html
import type { CredentialScope } from "../../sigv4/parse-authorization.js";
import { HEADER_PREFIX, QUERY_V2 } from "./constants.js";

export interface SigV2Claim {
  version: 2;
  /** SigV2 names no scope; this is the one it implies: S3, in the server's region. */
  scope: CredentialScope;
  /** base64 of an HMAC-SHA1. */
  signature: string;
  location: "header" | "query";
  /** For query authentication: Expires, in seconds since the epoch, as sent. */
  expires?: string;
  /** The bucket the Host header names (virtual-hosted style), which the signature covers. */
  hostBucket?: string;
}

export type V2ParseOutcome = { ok: true; claim: SigV2Claim } | { ok: false; problem: string };

export const isV2Header = (authorization: string): boolean =>
  authorization.startsWith(HEADER_PREFIX);

export const hasV2Query = (query: URLSearchParams): boolean =>
  query.has(QUERY_V2.accessKeyId) || (query.has(QUERY_V2.signature) && query.has(QUERY_V2.expires));

export function parseV2Header(authorization: string, region: string): V2ParseOutcome {
  const credential = authorization.slice(HEADER_PREFIX.length).trim();
  const colon = credential.indexOf(":");
  if (colon <= 0 || colon === credential.length - 1) {
    return {
      ok: false,
      problem: "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature",
    };
  }
  return {
    ok: true,
    claim: {
      version: 2,
      scope: v2Scope(credential.slice(0, colon), region),
      signature: credential.slice(colon + 1),
      location: "header",
    },
  };
}

export function parseV2Query(query: URLSearchParams, region: string): V2ParseOutcome {
  const accessKeyId = query.get(QUERY_V2.accessKeyId);
  const expires = query.get(QUERY_V2.expires);
  const signature = query.get(QUERY_V2.signature);
  if (!accessKeyId || !expires || !signature) {
    return {
      ok: false,
      problem:
        "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters",
    };
  }
  // A "+" the client left unescaped arrives as a space; base64 has no spaces, so put it back.
  const sent = signature.replaceAll(" ", "+");
  return {
    ok: true,
    claim: {
      version: 2,
      scope: v2Scope(accessKeyId, region),
      signature: sent,
      location: "query",
      expires,
    },
  };
}

const v2Scope = (accessKeyId: string, region: string): CredentialScope => ({
  accessKeyId,
  date: "",
  region,
  service: "s3",
});
