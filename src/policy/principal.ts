// Matching the caller against Principal / NotPrincipal, and how strongly a resource-policy Allow
// grants: naming the caller's exact ARN grants on its own; naming an assumed role's role ARN (or
// everyone) is capped by the permissions boundary and session policies; naming the account only
// delegates to the account's identity policies. A saved policy names an IAM user or role by the
// unique ID it had when the policy was saved (AIDA…, AROA…), so a namesake created later is not
// named; an ID matches the caller's user, or its role for a role session.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html

import type { ParsedPrincipal } from "./parse/parsed.js";
import { UNIQUE_ID } from "./parse/principal.js";
import type { CallerIdentity } from "./types.js";

export type Grant = "direct" | "capped" | "delegated";

export interface CompiledPrincipal {
  any: boolean;
  accounts: ReadonlySet<string>;
  arns: ReadonlySet<string>;
  /** IAM users and roles by unique ID. */
  ids: ReadonlySet<string>;
  services: ReadonlySet<string>;
  federated: ReadonlySet<string>;
  canonicalUsers: ReadonlySet<string>;
}

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

export function compilePrincipal(parsed: ParsedPrincipal): CompiledPrincipal {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const ids = new Set<string>();
  let any = parsed.any;
  for (const aws of parsed.AWS) {
    const root = ACCOUNT_ROOT.exec(aws);
    if (aws === "*") any = true;
    else if (/^\d{12}$/.test(aws)) accounts.add(aws);
    else if (root) accounts.add(root[1] as string);
    else if (UNIQUE_ID.test(aws)) ids.add(aws);
    else arns.add(aws);
  }
  return {
    any,
    accounts,
    arns,
    ids,
    services: new Set(parsed.Service.map((service) => service.toLowerCase())),
    federated: new Set(parsed.Federated),
    canonicalUsers: new Set(parsed.CanonicalUser),
  };
}

/** How a Principal element grants to the caller, or undefined when it does not name them. */
export function principalGrant(
  principal: CompiledPrincipal,
  caller: CallerIdentity,
): Grant | undefined {
  if (principal.arns.has(caller.arn)) return "direct";
  const namedById = namesById(principal, caller);
  if (namedById && isIamUser(caller)) return "direct";
  if (caller.service !== undefined && principal.services.has(caller.service.toLowerCase())) {
    return "direct";
  }
  if (caller.federated !== undefined && principal.federated.has(caller.federated)) return "direct";
  if (caller.canonicalUser !== undefined && principal.canonicalUsers.has(caller.canonicalUser)) {
    return "direct";
  }
  if (principal.any || principal.arns.has(caller.principalArn) || namedById) return "capped";
  if (principal.accounts.has(caller.account)) return "delegated";
  return undefined;
}

/**
 * Whether NotPrincipal leaves the caller out. AWS checks the caller at each level it has: the
 * account, the user or role, and the role session, so every level must be listed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function notPrincipalExcludes(
  principal: CompiledPrincipal,
  caller: CallerIdentity,
): boolean {
  if (principal.any) return true;
  if (caller.service !== undefined && principal.services.has(caller.service.toLowerCase())) {
    return true;
  }
  if (caller.federated !== undefined && principal.federated.has(caller.federated)) return true;
  if (caller.canonicalUser !== undefined && principal.canonicalUsers.has(caller.canonicalUser)) {
    return true;
  }
  if (!principal.accounts.has(caller.account)) return false;
  const isRoot = ACCOUNT_ROOT.test(caller.arn);
  if (isRoot) return true;
  const namesPrincipal = principal.arns.has(caller.principalArn) || namesById(principal, caller);
  return namesPrincipal && (isIamUser(caller) || principal.arns.has(caller.arn));
}

function namesById(principal: CompiledPrincipal, caller: CallerIdentity): boolean {
  return caller.principalId !== undefined && principal.ids.has(caller.principalId);
}

/** An IAM user is known by its own ARN; a role session by a session ARN apart from its role's. */
function isIamUser(caller: CallerIdentity): boolean {
  return caller.principalId !== undefined && caller.arn === caller.principalArn;
}
