// Policy size quotas. IAM counts characters excluding white space.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length

export interface SizeLimit {
  /** Most characters allowed, white space not counted. */
  maxChars: number;
  /** What IAM answers when the document is larger. */
  message: string;
  /** IAM answers LimitExceeded for size, not MalformedPolicyDocument. */
  code: "LimitExceeded";
}

export const managedPolicyLimit = (): SizeLimit => ({
  maxChars: 6144,
  message: "Cannot exceed quota for PolicySize: 6144",
  code: "LimitExceeded",
});

export const userInlineLimit = (userName: string): SizeLimit => ({
  maxChars: 2048,
  message: `Maximum policy size of 2048 bytes exceeded for user ${userName}`,
  code: "LimitExceeded",
});

export const roleInlineLimit = (roleName: string): SizeLimit => ({
  maxChars: 10240,
  message: `Maximum policy size of 10240 bytes exceeded for role ${roleName}`,
  code: "LimitExceeded",
});

export const groupInlineLimit = (groupName: string): SizeLimit => ({
  maxChars: 5120,
  message: `Maximum policy size of 5120 bytes exceeded for group ${groupName}`,
  code: "LimitExceeded",
});

/** Role trust policies: 2,048 characters by default (the quota can be raised to 4,096). */
export const trustPolicyLimit = (): SizeLimit => ({
  maxChars: 2048,
  message: "Cannot exceed quota for ACLSizePerRole: 2048",
  code: "LimitExceeded",
});

export function sizeWithoutWhitespace(text: string): number {
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) size++;
  }
  return size;
}
