// The one statement-matching routine every policy type shares. The action was already matched by
// the policy's action index; this checks principal, resource and conditions.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

import type { ActiveRequest } from "./active-request.js";
import type { CompiledStatement } from "./compile.js";
import { conditionsHold } from "./condition/block.js";
import { type Grant, notPrincipalExcludes, principalGrant } from "./principal.js";

/**
 * How the statement applies to the request: undefined when it does not; otherwise how it grants
 * (identity policies name no principal, so their statements count as "direct").
 */
export function statementApplies(
  statement: CompiledStatement,
  request: ActiveRequest,
): Grant | undefined {
  const grant = principalApplies(statement, request);
  if (grant === undefined) return undefined;

  if (statement.resource !== undefined) {
    const named = statement.resource(request.resource, request.context);
    if (named === statement.notResource) return undefined;
  }

  noteMissingKeys(statement, request);
  if (statement.conditions.length > 0 && !conditionsHold(statement.conditions, request.context)) {
    return undefined;
  }
  return grant;
}

function principalApplies(statement: CompiledStatement, request: ActiveRequest): Grant | undefined {
  if (statement.principal !== undefined) return principalGrant(statement.principal, request.caller);
  if (statement.notPrincipal === undefined) return "direct";

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html: a Deny with
  // NotPrincipal always denies a principal that has a permissions boundary.
  if (statement.effect === "Deny" && request.hasBoundary) return "capped";
  return notPrincipalExcludes(statement.notPrincipal, request.caller) ? undefined : "capped";
}

function noteMissingKeys(statement: CompiledStatement, request: ActiveRequest): void {
  for (const { name, key } of statement.keys) {
    if (request.context.find(name, key) === undefined) request.missingKeys.add(name);
  }
}
