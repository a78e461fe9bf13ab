// IAM names are unique within an account regardless of case (AWS: "names are not distinguished
// by case"), so records are keyed by the lower-cased name and keep the name as given.

export const userKey = (account: string, name: string): string =>
  `${account}/${name.toLowerCase()}`;

export const roleKey = userKey;
export const profileKey = userKey;
export const groupKey = userKey;
/** Customer managed policy names are unique within the account, whatever their path. */
export const managedPolicyKey = userKey;

export const policyScope = (account: string, ownerType: string, owner: string): string =>
  `${account}/${ownerType}/${owner.toLowerCase()}`;

export const policyKey = (account: string, ownerType: string, owner: string, name: string) =>
  `${policyScope(account, ownerType, owner)}/${name}`;

/** Attachments are listed by account; the owner's scope is the prefix of their ids. */
export const attachmentKey = (account: string, ownerType: string, owner: string, arn: string) =>
  `${policyScope(account, ownerType, owner)}/${arn}`;

/** Memberships are listed by account; a group's members share the prefix of their ids. */
export const membershipPrefix = (account: string, group: string): string =>
  `${account}/${group.toLowerCase()}/`;

export const membershipKey = (account: string, group: string, user: string): string =>
  `${membershipPrefix(account, group)}${user.toLowerCase()}`;

export const objectKey = (bucket: string, key: string): string => `${bucket}/${key}`;

/** The path an IAM entity lives under: "/" unless given. */
export const iamArn = (account: string, type: string, path: string, name: string): string =>
  `arn:aws:iam::${account}:${type}${path}${name}`;
