// Who is calling: find the signature, check its date, look up the key (and session token),
// then recompute the signature and compare. The order of checks follows what AWS reports first.
import { AwsError } from "../errors/aws-error.js";
import type { Credential, Model } from "../model/model.js";
import type { Caller } from "../model/types.js";
import type { ServiceName } from "../server/context.js";
import { canonicalRequest } from "../sigv4/canonical-request.js";
import { HEADER, PAYLOAD, QUERY } from "../sigv4/constants.js";
import {
  parseAuthorizationHeader,
  parseQueryAuthorization,
  type SignatureClaim,
} from "../sigv4/parse-authorization.js";
import { sign, signingKey } from "../sigv4/signing-key.js";
import { stringToSign } from "../sigv4/string-to-sign.js";
import { signaturesMatch } from "../sigv4/verify.js";
import { parseAmzDate } from "./amz-date.js";
import { callerOf } from "./caller.js";
import { checkRequestTime } from "./request-time.js";
import {
  badTokenError,
  expiredTokenError,
  missingAuthenticationError,
  unknownKeyError,
} from "./service-errors.js";

export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: ReadonlyMap<string, readonly string[]>;
  /** sha256 (hex) of a buffered body, for services that are not S3. */
  bodySha256?: string;
}

export interface Authenticated {
  caller: Caller;
  service: ServiceName;
  region: string;
  claim: SignatureClaim;
  amzDate: string;
  signingKey: Buffer;
  /** The payload hash the signature covers (a hex hash or one of PAYLOAD's markers). */
  payloadHash: string;
  signatureAgeMs: number;
}

/** Thrown for a signature mismatch, with what AWS shows the client and what we log. */
export class SignatureMismatch extends AwsError {
  constructor(
    readonly canonical: string,
    readonly toSign: string,
    fields: Record<string, string>,
  ) {
    super("SignatureDoesNotMatch", undefined, { fields });
  }
}

const header = (request: SignedRequest, name: string): string | undefined =>
  request.headers.get(name)?.[0];

export function findClaim(request: SignedRequest, service: ServiceName): SignatureClaim {
  const authorization = header(request, HEADER.authorization);
  const parsed = authorization
    ? parseAuthorizationHeader(authorization)
    : request.query.has(QUERY.algorithm) || request.query.has(QUERY.credential)
      ? parseQueryAuthorization(request.query)
      : undefined;
  if (!parsed) throw missingAuthenticationError(service);
  if (!parsed.ok) {
    const code = service === "s3" ? "InvalidArgument" : "IncompleteSignature";
    throw new AwsError(code, parsed.problem);
  }
  return parsed.claim;
}

export async function authenticate(
  request: SignedRequest,
  claim: SignatureClaim,
  model: Model,
  now: number,
): Promise<Authenticated> {
  const service = claim.scope.service as ServiceName;
  const amzDate =
    (claim.location === "query" ? request.query.get(QUERY.date) : header(request, HEADER.date)) ??
    header(request, HEADER.httpDate) ??
    "";
  const signedAt = parseAmzDate(amzDate) || Date.parse(amzDate);
  checkRequestTime({ service, claim, amzDate, signedAt, now, query: request.query });

  const credential = await model.credential(claim.scope.accessKeyId);
  const secret = await secretFor(credential, request, claim, service);
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
  const key = signingKey(secret, date, region, claim.scope.service);
  if (!signaturesMatch(sign(key, toSign), claim.signature)) {
    throw new SignatureMismatch(canonical, toSign, {
      AWSAccessKeyId: claim.scope.accessKeyId,
      StringToSign: toSign,
      SignatureProvided: claim.signature,
      CanonicalRequest: canonical,
    });
  }

  if (credential?.kind !== "key" && now >= (credential?.session.expiration ?? 0)) {
    throw expiredTokenError(service);
  }
  const caller = await callerOf(credential as Credential, model);
  if (!caller) throw unknownKeyError(service);
  return {
    caller,
    service,
    region,
    claim,
    amzDate,
    signingKey: key,
    payloadHash,
    signatureAgeMs: now - signedAt,
  };
}

async function secretFor(
  credential: Credential | undefined,
  request: SignedRequest,
  claim: SignatureClaim,
  service: ServiceName,
): Promise<string> {
  if (!credential) throw unknownKeyError(service);
  if (credential.kind === "key") {
    if (credential.key.status !== "Active") throw unknownKeyError(service);
    return credential.key.secretAccessKey;
  }
  const token =
    claim.location === "query"
      ? request.query.get(QUERY.securityToken)
      : header(request, HEADER.securityToken);
  if (!token) throw unknownKeyError(service);
  if (!signaturesMatch(credential.session.sessionToken, token)) throw badTokenError(service);
  return credential.session.secretAccessKey;
}

function payloadHashOf(request: SignedRequest, claim: SignatureClaim, service: ServiceName) {
  const claimed = header(request, HEADER.contentSha256);
  if (service === "s3") {
    if (claim.location === "query") return claimed ?? PAYLOAD.unsigned;
    if (!claimed) {
      throw new AwsError(
        "InvalidRequest",
        "Missing required header for this request: x-amz-content-sha256",
      );
    }
    const known = claimed === PAYLOAD.unsigned || claimed.startsWith("STREAMING-");
    if (!known && !/^[0-9a-f]{64}$/.test(claimed)) {
      throw new AwsError(
        "InvalidArgument",
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-… or a valid sha256 value.",
      );
    }
    return claimed;
  }
  // Query services hash the body themselves: a tampered body fails the signature.
  return request.bodySha256 ?? claimed ?? "";
}
