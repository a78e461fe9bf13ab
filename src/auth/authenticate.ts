// Who is calling: find the signature, check its date, look up the key (and session token),
// then recompute the signature and compare. The order of checks follows what AWS reports first.
import type { Credential, Model } from "../model/model.js";
import type { Caller } from "../model/types.js";
import type { ServiceName } from "../server/context.js";
import { callerOf } from "./caller.js";
import type { Claim } from "./claim.js";
import { checkNotExpired } from "./secret.js";
import { unknownKeyError } from "./service-errors.js";
import { verifySigV2 } from "./verify-sigv2.js";
import { verifySigV4 } from "./verify-sigv4.js";

export { findClaim } from "./find-claim.js";
export { SignatureMismatch } from "./signature-mismatch.js";

export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: ReadonlyMap<string, readonly string[]>;
  /** sha256 (hex) of a buffered body, for services that are not S3. */
  bodySha256?: string;
}

/** What a signature check establishes, whichever version signed the request. */
export interface Verified {
  credential: Credential;
  /** The request time the signature covers, as sent. */
  amzDate: string;
  /** SigV4's key for this day, region and service, which aws-chunked bodies go on signing with. */
  signingKey: Buffer;
  /** The payload hash the signature covers (a hex hash or one of PAYLOAD's markers). */
  payloadHash: string;
  signatureAgeMs: number;
}

export interface Authenticated extends Omit<Verified, "credential"> {
  caller: Caller;
  service: ServiceName;
  region: string;
  claim: Claim;
}

export async function authenticate(
  request: SignedRequest,
  claim: Claim,
  model: Model,
  now: number,
): Promise<Authenticated> {
  const service = claim.scope.service as ServiceName;
  const verified =
    claim.version === 2
      ? await verifySigV2(request, claim, model, now)
      : await verifySigV4(request, claim, model, now);

  checkNotExpired(verified.credential, service, now);
  const caller = await callerOf(verified.credential, model);
  if (!caller) throw unknownKeyError(service);
  // Field by field: a rest-and-spread copy here was the costliest line of a small GET.
  return {
    amzDate: verified.amzDate,
    signingKey: verified.signingKey,
    payloadHash: verified.payloadHash,
    signatureAgeMs: verified.signatureAgeMs,
    caller,
    service,
    region: claim.scope.region,
    claim,
  };
}
