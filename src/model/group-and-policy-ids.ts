// AGPA… group ids and ANPA… managed policy ids, in AWS's base32 alphabet like the other
// principal ids. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
// TODO(ids): move these beside the other id shapes in ids.ts once that file is free to edit.
import { randomBytes } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(length: number): string {
  let text = "";
  for (const byte of randomBytes(length)) text += BASE32[byte & 31];
  return text;
}

export const newGroupId = (): string => `AGPA${base32(17)}`;
export const newPolicyId = (): string => `ANPA${base32(17)}`;
