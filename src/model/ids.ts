// AWS identifier shapes: AKIA… user keys, ASIA… session keys, AIDA… user ids, AROA… role ids,
// AIPA… instance profile ids, AGPA… group ids, ANPA… managed policy ids, i-… instance ids.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids Key and principal ids use AWS's base32 alphabet.
import { randomBytes } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(length: number): string {
  const bytes = randomBytes(length);
  let text = "";
  for (const byte of bytes) text += BASE32[byte & 31];
  return text;
}

function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

export const newUserAccessKeyId = (): string => `AKIA${base32(16)}`;
export const newSessionAccessKeyId = (): string => `ASIA${base32(16)}`;
export const newUserId = (): string => `AIDA${base32(17)}`;
export const newRoleId = (): string => `AROA${base32(17)}`;
export const newInstanceProfileId = (): string => `AIPA${base32(17)}`;
export const newGroupId = (): string => `AGPA${base32(17)}`;
export const newPolicyId = (): string => `ANPA${base32(17)}`;
export const newInstanceId = (): string => `i-${hex(17)}`;
export const newAssociationId = (): string => `iip-assoc-${hex(17)}`;
export const newReservationId = (): string => `r-${hex(17)}`;

/** 40 characters of base64 without padding, as AWS secret access keys look. */
export const newSecretAccessKey = (): string =>
  randomBytes(30).toString("base64").replaceAll("/", "+").slice(0, 40);

/** How every session token starts, as AWS's do: what lets a stray one be found and cut out. */
export const SESSION_TOKEN_PREFIX = "IQoJb3JpZ2luX2VjE";

/** An opaque session token; its only meaning is the session record it is stored with. */
export const newSessionToken = (): string =>
  `${SESSION_TOKEN_PREFIX}${randomBytes(180).toString("base64")}`;

export const isSessionKeyId = (id: string): boolean => id.startsWith("ASIA");
