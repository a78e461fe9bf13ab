import { createHmac } from "node:crypto";
import { SCOPE_TERMINATOR } from "./constants.js";

// Step 3 of SigV4: the signing key, derived from the secret by four HMACs.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// It changes once a day per (secret, region, service), so a verifier keeps the recent ones with
// the record the secret came from (the holder): the cache dies with the record, and no secret is
// ever a Map key, where a heap snapshot or a debugger would show it in clear.

/** Keys per holder; a holder seldom signs for more than a few scopes. */
const HOLDER_LIMIT = 16;
const byHolder = new WeakMap<object, Map<string, Buffer>>();

const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac("sha256", key).update(data, "utf8").digest();

/**
 * The signing key of secret for one day, region and service. With a holder (an object that
 * carries this secret and no other for as long as it lives, such as a credential record), the
 * key is kept for the holder's next request.
 */
export function signingKey(
  secret: string,
  date: string,
  region: string,
  service: string,
  holder?: object,
): Buffer {
  if (holder === undefined) return derive(secret, date, region, service);
  let keys = byHolder.get(holder);
  if (keys === undefined) {
    keys = new Map();
    byHolder.set(holder, keys);
  }
  const scope = `${date}/${region}/${service}`;
  let key = keys.get(scope);
  if (key === undefined) {
    key = derive(secret, date, region, service);
    if (keys.size >= HOLDER_LIMIT) keys.clear();
    keys.set(scope, key);
  }
  return key;
}

function derive(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), SCOPE_TERMINATOR);
}

export function sign(key: Buffer, stringToSign: string): string {
  return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}
