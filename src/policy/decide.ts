// Combining the policy types into one decision.
//
// - An explicit Deny in any policy wins.
// - Same account: an Allow in the identity policies OR the resource policy grants, capped by the
//   permissions boundary and session policies, except that a resource policy naming the caller's
//   exact ARN (IAM user, or assumed-role session) is not capped by them.
// - Cross account, and role trust policies: the resource policy must allow too.
// - The account root user needs no identity-based Allow in its own account.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session

import type { ActiveRequest } from "./active-request.js";
import type { TypeResult } from "./scan.js";
import type { Decision } from "./types.js";

type PolicyType = Decision["missingAllows"][number];

export interface TypeResults {
  identity: TypeResult;
  resource: TypeResult | undefined;
  boundary: TypeResult | undefined;
  session: TypeResult | undefined;
  crossAccount: boolean;
  /** A role trust policy must allow even in the role's own account. */
  resourceRequired: boolean;
}

export function decide(results: TypeResults, request: ActiveRequest): Decision {
  const { identity, resource, boundary, session } = results;
  const matched = request.matched;
  const missingContextValues = [...request.missingKeys];

  const deny = identity.deny ?? resource?.deny ?? boundary?.deny ?? session?.deny;
  if (deny !== undefined) {
    return {
      decision: "explicitDeny",
      decidedBy: deny,
      matched,
      missingAllows: [],
      missingContextValues,
    };
  }

  const identityAllows = identity.allow !== undefined || isOwnAccountRoot(request);
  const boundaryAllows = boundary === undefined || boundary.allow !== undefined;
  const sessionAllows = session === undefined || session.allow !== undefined;
  const identitySide = identityAllows && boundaryAllows && sessionAllows;

  const grant = resource?.grant;
  const resourceAlone =
    grant === "direct" || (grant === "capped" && boundaryAllows && sessionAllows);

  const sameAccountGrant = !results.crossAccount && resourceAlone;
  const allowed = results.crossAccount
    ? identitySide && grant !== undefined
    : resourceAlone || (identitySide && (!results.resourceRequired || grant !== undefined));
  if (allowed) {
    const decision: Decision = {
      decision: "allowed",
      matched,
      missingAllows: [],
      missingContextValues,
    };
    const decidedBy = sameAccountGrant ? resource?.allow : (identity.allow ?? resource?.allow);
    if (decidedBy !== undefined) decision.decidedBy = decidedBy;
    return decision;
  }

  const missing: PolicyType[] = [];
  const resourceMissing = grant === undefined && (results.crossAccount || results.resourceRequired);
  if (!identityAllows && !(resourceAlone || (grant === "capped" && !results.crossAccount))) {
    missing.push("identity-based");
  }
  if (!boundaryAllows) missing.push("permissions boundary");
  if (!sessionAllows) missing.push("session");
  if (resourceMissing) missing.push("resource-based");
  if (missing.length === 0) missing.push("identity-based");
  return { decision: "implicitDeny", matched, missingAllows: missing, missingContextValues };
}

/** The root user of the caller's own account is allowed everything no policy denies. */
function isOwnAccountRoot(request: ActiveRequest): boolean {
  const { arn, account } = request.caller;
  return arn.startsWith("arn:") && arn.endsWith(`:iam::${account}:root`);
}
