// The Owner element of listings. S3 names an account by its canonical user ID, a 64-digit hex
// string that is stable for the account and reveals nothing of its number (Amazon S3 User Guide,
// "Find the canonical user ID for your AWS account"). keyless derives one from the account.
import { createHash } from "node:crypto";

export interface Owner {
  ID: string;
  DisplayName: string;
}

const cache = new Map<string, string>();

export function canonicalUserId(account: string): string {
  let id = cache.get(account);
  if (id === undefined) {
    id = createHash("sha256").update(`keyless canonical user ${account}`).digest("hex");
    cache.set(account, id);
  }
  return id;
}

/** AWS is retiring DisplayName; keyless still sends one, the account, as SDKs still model it. */
export const ownerOf = (account: string): Owner => ({
  ID: canonicalUserId(account),
  DisplayName: account,
});
