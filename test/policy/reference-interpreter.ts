// A deliberately straightforward policy interpreter: it walks the raw JSON documents on every
// request, builds regular expressions as it goes, and shares no code with src/policy. The
// property test checks that the compiled engine agrees with it; the benchmark uses it as baseline.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

import type { CallerIdentity, EvalDecision } from "../../src/policy/types.js";
import { conditionHolds, type Lookup, wildMatch } from "./reference-conditions.js";

export interface ReferenceRequest {
  caller: CallerIdentity;
  action: string;
  resource: string;
  resourceAccount?: string;
  context: ReadonlyMap<string, readonly string[]>;
  identityPolicies: unknown[];
  permissionsBoundary?: unknown;
  sessionPolicies?: unknown[];
  resourcePolicy?: unknown;
  resourcePolicyKind?: "resource" | "trust";
}

type Statement = Record<string, unknown>;
type Strength = 0 | 1 | 2 | 3; // none, account, role-or-everyone, exact ARN

interface Outcome {
  deny: boolean;
  allow: Strength;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value : [value]) as string[];

function statementsOf(document: unknown): { statements: Statement[]; variables: boolean } {
  const policy = document as { Version?: string; Statement: unknown };
  return {
    statements: list(policy.Statement) as unknown as Statement[],
    variables: policy.Version === "2012-10-17",
  };
}

function principalStrength(principal: unknown, caller: CallerIdentity): Strength {
  if (principal === "*") return 2;
  const named = principal as Record<string, unknown>;
  const aws = list(named.AWS ?? []);
  let best: Strength = 0;
  for (const entry of aws) {
    // Naming the account root ARN names the account (even for the root user itself).
    if (entry === caller.account || entry === `arn:aws:iam::${caller.account}:root`) {
      best = Math.max(best, 1) as Strength;
      continue;
    }
    if (entry === caller.arn) return 3;
    if (entry === "*" || entry === caller.principalArn) best = Math.max(best, 2) as Strength;
    if (entry === caller.account || entry === `arn:aws:iam::${caller.account}:root`)
      best = Math.max(best, 1) as Strength;
  }
  if (
    caller.service &&
    list(named.Service ?? []).some((s) => s.toLowerCase() === caller.service?.toLowerCase())
  )
    return 3;
  if (caller.federated && list(named.Federated ?? []).includes(caller.federated)) return 3;
  if (caller.canonicalUser && list(named.CanonicalUser ?? []).includes(caller.canonicalUser))
    return 3;
  return best;
}

function notPrincipalLists(principal: unknown, caller: CallerIdentity): boolean {
  if (principal === "*") return true;
  const named = principal as Record<string, unknown>;
  const aws = list(named.AWS ?? []);
  if (aws.includes("*")) return true;
  if (
    caller.service &&
    list(named.Service ?? []).some((s) => s.toLowerCase() === caller.service?.toLowerCase())
  )
    return true;
  if (caller.federated && list(named.Federated ?? []).includes(caller.federated)) return true;
  if (caller.canonicalUser && list(named.CanonicalUser ?? []).includes(caller.canonicalUser))
    return true;
  const accountListed =
    aws.includes(caller.account) || aws.includes(`arn:aws:iam::${caller.account}:root`);
  if (!accountListed) return false;
  if (caller.arn === `arn:aws:iam::${caller.account}:root`) return true;
  return aws.includes(caller.principalArn) && aws.includes(caller.arn);
}

function run(
  documents: unknown[],
  request: ReferenceRequest,
  lookup: Lookup,
  hasBoundary: boolean,
): Outcome {
  const outcome: Outcome = { deny: false, allow: 0 };
  for (const document of documents) {
    const { statements, variables } = statementsOf(document);
    for (const statement of statements) {
      const actions = list(statement.Action ?? statement.NotAction);
      const actionNamed = actions.some((a) => wildMatch(a, request.action, false, lookup, "i"));
      if (actionNamed === (statement.NotAction !== undefined)) continue;

      if (statement.Resource !== undefined || statement.NotResource !== undefined) {
        const resources = list(statement.Resource ?? statement.NotResource);
        const named = resources.some((r) => wildMatch(r, request.resource, variables, lookup));
        if (named === (statement.NotResource !== undefined)) continue;
      }

      let strength: Strength = 3;
      if (statement.Principal !== undefined)
        strength = principalStrength(statement.Principal, request.caller);
      else if (statement.NotPrincipal !== undefined) {
        const forced = statement.Effect === "Deny" && hasBoundary;
        strength = forced || !notPrincipalLists(statement.NotPrincipal, request.caller) ? 2 : 0;
      }
      if (strength === 0) continue;

      const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
      if (condition !== undefined && !conditionHolds(condition, variables, lookup)) continue;

      if (statement.Effect === "Deny") outcome.deny = true;
      else outcome.allow = Math.max(outcome.allow, strength) as Strength;
    }
  }
  return outcome;
}

export function referenceEvaluate(request: ReferenceRequest): EvalDecision {
  const lookup: Lookup = (key) => {
    for (const [name, values] of request.context)
      if (name.toLowerCase() === key.toLowerCase()) return [...values];
    return undefined;
  };
  const hasBoundary = request.permissionsBoundary !== undefined;
  const identity = run(request.identityPolicies, request, lookup, hasBoundary);
  const resource = run(
    request.resourcePolicy === undefined ? [] : [request.resourcePolicy],
    request,
    lookup,
    hasBoundary,
  );
  const boundary = hasBoundary
    ? run([request.permissionsBoundary], request, lookup, hasBoundary)
    : undefined;
  const session = request.sessionPolicies
    ? run(request.sessionPolicies, request, lookup, hasBoundary)
    : undefined;

  if (identity.deny || resource.deny || boundary?.deny || session?.deny) return "explicitDeny";

  const { caller } = request;
  const isRoot = caller.arn === `arn:aws:iam::${caller.account}:root`;
  const capsAllow =
    (boundary === undefined || boundary.allow > 0) && (session === undefined || session.allow > 0);
  const identitySide = (identity.allow > 0 || isRoot) && capsAllow;
  const crossAccount =
    request.resourceAccount !== undefined && request.resourceAccount !== caller.account;

  if (crossAccount) return identitySide && resource.allow > 0 ? "allowed" : "implicitDeny";
  if (resource.allow === 3 || (resource.allow === 2 && capsAllow)) return "allowed";
  if (request.resourcePolicyKind === "trust" && resource.allow === 0) return "implicitDeny";
  return identitySide ? "allowed" : "implicitDeny";
}
