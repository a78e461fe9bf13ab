// Turns a policy case (the conformance format, plus the extra fields our own cases use) into an
// EvaluationRequest.

import {
  type AttachedPolicy,
  type CallerIdentity,
  type ContextEntry,
  contextFromEntries,
  type EvaluationRequest,
  loadPolicy,
  type PolicyKind,
  type PolicySource,
} from "../../src/policy/index.js";

export interface PolicyCase {
  name: string;
  why: string;
  doc?: string;
  callerArn: string;
  /** Overrides what is derived from callerArn (assumed roles, services). */
  caller?: Partial<CallerIdentity>;
  action: string;
  resourceArn: string;
  identityPolicies: unknown[];
  permissionsBoundary: unknown | null;
  sessionPolicies?: unknown[] | null;
  resourcePolicy: unknown | null;
  /** "resource" (default) or "trust". */
  resourcePolicyKind?: "resource" | "trust";
  resourceOwner: string | null;
  context: ContextEntry[];
  expect: "allowed" | "explicitDeny" | "implicitDeny";
  /** For our own cases: the policy types that should lack an allow. */
  expectMissingAllows?: string[];
}

export function callerFromArn(arn: string): CallerIdentity {
  const account = arn.split(":")[4] ?? "";
  return { arn, principalArn: arn, account };
}

export function load(document: unknown, kind: PolicyKind, source: PolicySource): AttachedPolicy {
  const loaded = loadPolicy(JSON.stringify(document), kind, source);
  if (!loaded.ok) throw new Error(`case policy does not parse: ${loaded.error.message}`);
  return loaded.policy;
}

export function requestFromCase(policyCase: PolicyCase): EvaluationRequest {
  const caller: CallerIdentity = { ...callerFromArn(policyCase.callerArn), ...policyCase.caller };
  const request: EvaluationRequest = {
    caller,
    action: policyCase.action,
    resource: policyCase.resourceArn,
    context: contextFromEntries(policyCase.context, policyCase.callerArn),
    identityPolicies: policyCase.identityPolicies.map((document, i) =>
      load(document, "identity", { type: "IAM Policy", id: `policy-${i}` }),
    ),
  };
  if (policyCase.resourceOwner !== null) request.resourceAccount = policyCase.resourceOwner;
  if (policyCase.permissionsBoundary !== null) {
    request.permissionsBoundary = load(policyCase.permissionsBoundary, "boundary", {
      type: "Permissions Boundary Policy",
      id: "boundary",
    });
  }
  if (policyCase.sessionPolicies !== undefined && policyCase.sessionPolicies !== null) {
    request.sessionPolicies = policyCase.sessionPolicies.map((document, i) =>
      load(document, "session", { type: "Session Policy", id: `session-${i}` }),
    );
  }
  if (policyCase.resourcePolicy !== null) {
    const kind = policyCase.resourcePolicyKind ?? "resource";
    request.resourcePolicy = load(policyCase.resourcePolicy, kind, {
      type: kind === "trust" ? "Trust Policy" : "Resource Policy",
      id: "resource-policy",
    });
  }
  return request;
}
