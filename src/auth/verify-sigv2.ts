// Signature Version 2, which S3 still accepts from older SDKs and presigners: the time (a Date
// within 15 minutes, or a presigned URL's Expires), the secret, the StringToSign, and
// Base64(HMAC-SHA1) compared in constant time.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html
import { AwsError } from "../errors/aws-error.js";
import type { Model } from "../model/model.js";
import { HEADER } from "../sigv4/constants.js";
import { signaturesMatch } from "../sigv4/verify.js";
import { parseAmzDate } from "./amz-date.js";
import type { SignedRequest, Verified } from "./authenticate.js";
import { payloadHashOfV2 } from "./payload-hash.js";
import { checkSkew, checkV2Expires } from "./request-time.js";
import { secretOf } from "./secret.js";
import { SignatureMismatch } from "./signature-mismatch.js";
import type { SigV2Claim } from "./sigv2/parse.js";
import { signV2 } from "./sigv2/sign.js";
import { stringsToSignV2, v2AmzHeaders } from "./sigv2/string-to-sign.js";

export async function verifySigV2(
  request: SignedRequest,
  claim: SigV2Claim,
  model: Model,
  now: number,
): Promise<Verified> {
  const v2 = { ...request, hostBucket: claim.hostBucket };
  const amz = v2AmzHeaders(v2, claim.location);
  const { requestTime, signedAt } = signingTime(request, claim, amz, now);

  const token = amz.get(HEADER.securityToken)?.[0];
  const { credential, secret } = await secretOf(model, claim.scope.accessKeyId, token, "s3");

  const payloadHash = payloadHashOfV2(request.headers);
  const [toSign = "", ...alternatives] = stringsToSignV2(v2, claim);
  const matches = [toSign, ...alternatives].map((text) =>
    signaturesMatch(signV2(secret, text), claim.signature),
  );
  if (!matches.includes(true)) {
    throw new SignatureMismatch({
      accessKeyId: claim.scope.accessKeyId,
      stringToSign: toSign,
      signatureProvided: claim.signature,
      secrets: token === undefined ? [] : [token],
    });
  }
  return {
    credential,
    amzDate: requestTime,
    signingKey: Buffer.alloc(0),
    payloadHash,
    signatureAgeMs: now - signedAt,
  };
}

/** Query: Expires must not have passed. Header: x-amz-date or Date, within 15 minutes. */
function signingTime(
  request: SignedRequest,
  claim: SigV2Claim,
  amz: ReadonlyMap<string, readonly string[]>,
  now: number,
) {
  if (claim.location === "query") {
    const expiresAt = checkV2Expires(claim.expires ?? "", now);
    return { requestTime: claim.expires ?? "", signedAt: Math.min(now, expiresAt) };
  }
  const requestTime = amz.get(HEADER.date)?.[0] ?? request.headers.get(HEADER.httpDate)?.[0];
  const signedAt = parseAmzDate(requestTime ?? "") || Date.parse(requestTime ?? "");
  if (requestTime === undefined || Number.isNaN(signedAt)) {
    throw new AwsError(
      "AccessDenied",
      "AWS authentication requires a valid Date or x-amz-date header",
    );
  }
  checkSkew("s3", requestTime, signedAt, now);
  return { requestTime, signedAt };
}
