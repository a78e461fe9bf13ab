// The secret a claimed access key signs with: a user's or root's long-term key, or a session's,
// which is only good together with its session token.
import type { Credential, Model } from "../model/model.js";
import type { ServiceName } from "../server/context.js";
import { signaturesMatch } from "../sigv4/verify.js";
import { badTokenError, expiredTokenError, unknownKeyError } from "./service-errors.js";

export interface KeySecret {
  credential: Credential;
  secret: string;
}

export async function secretOf(
  model: Model,
  accessKeyId: string,
  token: string | undefined,
  service: ServiceName,
): Promise<KeySecret> {
  const credential = await model.credential(accessKeyId);
  if (!credential) throw unknownKeyError(service);
  if (credential.kind === "key") {
    if (credential.key.status !== "Active") throw unknownKeyError(service);
    // A session token is checked whenever one is sent: beside a long-term key it is a token of
    // no session (a stale AWS_SESSION_TOKEN left in the environment), which AWS refuses.
    if (token !== undefined) throw badTokenError(service);
    return { credential, secret: credential.key.secretAccessKey };
  }
  if (!token) throw unknownKeyError(service);
  if (!signaturesMatch(credential.session.sessionToken, token)) throw badTokenError(service);
  return { credential, secret: credential.session.secretAccessKey };
}

/** Checked once the signature holds: an expired session is told so only to its holder. */
export function checkNotExpired(credential: Credential, service: ServiceName, now: number): void {
  if (credential.kind !== "key" && now >= credential.session.expiration) {
    throw expiredTokenError(service);
  }
}
