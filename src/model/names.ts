// IAM names are unique within an account regardless of case (AWS: "names are not distinguished
// by case"), so records are keyed by the lower-cased name and keep the name as given.

export const userKey = (account: string, name: string): string =>
  `${account}/${name.toLowerCase()}`;

export const roleKey = userKey;
export const profileKey = userKey;

export const policyScope = (account: string, ownerType: string, owner: string): string =>
  `${account}/${ownerType}/${owner.toLowerCase()}`;

export const policyKey = (account: string, ownerType: string, owner: string, name: string) =>
  `${policyScope(account, ownerType, owner)}/${name}`;

export const objectKey = (bucket: string, key: string): string => `${bucket}/${key}`;

/** The path an IAM entity lives under: "/" unless given. */
export const iamArn = (account: string, type: string, path: string, name: string): string =>
  `arn:aws:iam::${account}:${type}${path}${name}`;
