// The MalformedPolicyDocument messages, worded as IAM words them where the wording is known.
// Messages marked "ours" are not IAM's exact text.

export const messages = {
  syntax: "Syntax errors in policy.",
  legacyParsing: "The policy failed legacy parsing",
  missingStatement: "Missing required field Statement", // ours
  missingEffect: "Missing required field Effect", // ours
  invalidEffect: (effect: string) => `Invalid effect: ${effect}`, // ours
  noActions: "Policy statement must contain actions.",
  bothActions: "Statement must contain either Action or NotAction, not both.", // ours
  actionVendor: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
  actionColons: "Actions/Condition can contain only one colon.",
  noResources: "Policy statement must contain resources.",
  bothResources: "Statement must contain either Resource or NotResource, not both.", // ours
  prohibitedResource: "Has prohibited field Resource",
  resourceFormat: (resource: string) => `Resource ${resource} must be in ARN format or "*".`,
  prohibitedNotPrincipal: "Has prohibited field NotPrincipal", // ours
  principalNotAllowed: "Policy document should not specify a principal.",
  missingPrincipal: "Missing required field Principal",
  bothPrincipals: "Statement must contain either Principal or NotPrincipal, not both.", // ours
  invalidPrincipal: (detail: string) => `Invalid principal in policy: ${detail}`,
  conditionType: (operator: string) => `Invalid Condition type : ${operator}`,
  conditionShape: "Syntax errors in policy.",
  sidAlphanumeric:
    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular " +
    "expression [0-9A-Za-z]*",
  sidUnique: "Statement IDs (SID) in a single policy must be unique.",
} as const;
