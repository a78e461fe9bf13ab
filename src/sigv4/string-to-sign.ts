import { createHash } from "node:crypto";
import { ALGORITHM, SCOPE_TERMINATOR } from "./constants.js";
import type { CredentialScope } from "./parse-authorization.js";

// Step 2 of SigV4: the string to sign, over the hash of the canonical request.

export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${SCOPE_TERMINATOR}`;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  const hash = createHash("sha256").update(canonical, "utf8").digest("hex");
  return `${ALGORITHM}\n${amzDate}\n${scopeString(scope)}\n${hash}`;
}
