// Signature Version 4, header or presigned: check the date, find the secret, rebuild the
// canonical request and string to sign, and compare signatures in constant time.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import type { Model } from "../model/model.js";
import type { ServiceName } from "../server/context.js";
import { canonicalRequest } from "../sigv4/canonical-request.js";
import { HEADER, QUERY } from "../sigv4/constants.js";
import type { SignatureClaim } from "../sigv4/parse-authorization.js";
import { sign, signingKey } from "../sigv4/signing-key.js";
import { stringToSign } from "../sigv4/string-to-sign.js";
import { signaturesMatch } from "../sigv4/verify.js";
import { formatAmzDate, parseAmzDate } from "./amz-date.js";
import type { SignedRequest, Verified } from "./authenticate.js";
import { payloadHashOf } from "./payload-hash.js";
import { checkRequestTime } from "./request-time.js";
import { secretOf } from "./secret.js";
import { SignatureMismatch } from "./signature-mismatch.js";
import { checkSignedHeaderSet, missingSignedHeaders } from "./signed-headers.js";

export async function verifySigV4(
  request: SignedRequest,
  claim: SignatureClaim,
  model: Model,
  now: number,
): Promise<Verified> {
  const service = claim.scope.service as ServiceName;
  const { amzDate, signedAt } = signingTime(request, claim);
  checkRequestTime({ service, claim, amzDate, signedAt, now, query: request.query });
  checkSignedHeaderSet(claim, request.headers, service);

  const token =
    claim.location === "query"
      ? (request.query.get(QUERY.securityToken) ?? undefined)
      : request.headers.get(HEADER.securityToken)?.[0];
  const { credential, secret } = await secretOf(model, claim.scope.accessKeyId, token, service);

  const payloadHash = payloadHashOf(request, claim, service);
  const canonical = canonicalRequest({
    method: request.method,
    rawPath: request.rawPath,
    rawQuery: request.rawQuery,
    headers: request.headers,
    signedHeaders: claim.signedHeaders,
    payloadHash,
    service: claim.scope.service,
    ...(claim.location === "query" ? { omitQuery: QUERY.signature } : {}),
  });
  const toSign = stringToSign(amzDate, claim.scope, canonical);
  const { date, region } = claim.scope;
  const key = signingKey(secret, date, region, claim.scope.service, credential);
  const missing = missingSignedHeaders(claim, request.headers);
  if (missing.length > 0 || !signaturesMatch(sign(key, toSign), claim.signature)) {
    throw new SignatureMismatch({
      accessKeyId: claim.scope.accessKeyId,
      stringToSign: toSign,
      signatureProvided: claim.signature,
      canonicalRequest: canonical,
      secrets: token === undefined ? [] : [token],
    });
  }
  return { credential, amzDate, signingKey: key, payloadHash, signatureAgeMs: now - signedAt };
}

/**
 * X-Amz-Date (query or header) in ISO 8601 basic form, else the Date header, which is then
 * signed in that same basic form.
 */
function signingTime(request: SignedRequest, claim: SignatureClaim) {
  const amzDate =
    claim.location === "query"
      ? request.query.get(QUERY.date)
      : request.headers.get(HEADER.date)?.[0];
  if (amzDate != null) return { amzDate, signedAt: parseAmzDate(amzDate) };
  const httpDate = request.headers.get(HEADER.httpDate)?.[0] ?? "";
  const signedAt = Date.parse(httpDate);
  return { amzDate: Number.isNaN(signedAt) ? httpDate : formatAmzDate(signedAt), signedAt };
}
