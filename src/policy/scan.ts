// Runs every candidate statement of a set of policies of one type against the request, noting
// each match, the first Deny, and the strongest Allow.

import type { ActiveRequest } from "./active-request.js";
import type { Grant } from "./principal.js";
import { statementApplies } from "./statement-match.js";
import type { AttachedPolicy, MatchedStatement } from "./types.js";

export interface TypeResult {
  deny: MatchedStatement | undefined;
  allow: MatchedStatement | undefined;
  /** How the strongest matching Allow grants (only resource policies vary). */
  grant: Grant | undefined;
}

const STRENGTH: Record<Grant, number> = { direct: 3, capped: 2, delegated: 1 };

export function scanPolicies(
  policies: readonly AttachedPolicy[],
  request: ActiveRequest,
): TypeResult {
  const result: TypeResult = { deny: undefined, allow: undefined, grant: undefined };
  for (const policy of policies) scanInto(policy, request, result);
  return result;
}

export function scanPolicy(policy: AttachedPolicy, request: ActiveRequest): TypeResult {
  const result: TypeResult = { deny: undefined, allow: undefined, grant: undefined };
  scanInto(policy, request, result);
  return result;
}

function scanInto(policy: AttachedPolicy, request: ActiveRequest, result: TypeResult): void {
  for (const statement of policy.policy.candidates(request.lowerAction)) {
    const grant = statementApplies(statement, request);
    if (grant === undefined) continue;

    const matched: MatchedStatement = {
      source: policy.source,
      statement: statement.label,
      effect: statement.effect,
    };
    request.matched.push(matched);
    if (statement.effect === "Deny") {
      result.deny ??= matched;
    } else if (result.grant === undefined || STRENGTH[grant] > STRENGTH[result.grant]) {
      result.allow = matched;
      result.grant = grant;
    }
  }
}
