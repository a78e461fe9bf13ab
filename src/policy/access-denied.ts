// The AccessDenied message AWS writes for a denied request, naming the policy type that denied.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html

import type { Decision, PolicySource } from "./types.js";

export interface AccessDeniedOptions {
  /** S3 quotes the resource; IAM and STS do not. Default true. */
  quoteResource?: boolean;
  /** EC2 names no resource for an action asked on "*" (its Describe calls). Default true. */
  nameResource?: boolean;
}

const DENIED_IN: Record<PolicySource["type"], string> = {
  "IAM Policy": "an identity-based policy",
  "Resource Policy": "a resource-based policy",
  "Trust Policy": "a resource-based policy",
  "Permissions Boundary Policy": "a permissions boundary",
  "Session Policy": "a session policy",
};

const NO_ALLOW: Record<Decision["missingAllows"][number], string> = {
  "identity-based": "no identity-based policy",
  "resource-based": "no resource-based policy",
  "permissions boundary": "no permissions boundary",
  session: "no session policy",
};

export function accessDeniedMessage(
  callerArn: string,
  action: string,
  resource: string,
  decision: Decision,
  options: AccessDeniedOptions = {},
): string {
  const shown = options.quoteResource === false ? resource : `"${resource}"`;
  const on = options.nameResource === false ? "" : ` on resource: ${shown}`;
  const head = `User: ${callerArn} is not authorized to perform: ${action}${on}`;

  if (decision.decision === "explicitDeny" && decision.decidedBy !== undefined) {
    return `${head} with an explicit deny in ${DENIED_IN[decision.decidedBy.source.type]}`;
  }
  const missing = decision.missingAllows[0];
  if (decision.decision === "implicitDeny" && missing !== undefined) {
    return `${head} because ${NO_ALLOW[missing]} allows the ${action} action`;
  }
  return head;
}
