// evaluate: one request against every policy that applies to it.

import { ActiveRequest } from "./active-request.js";
import { decide } from "./decide.js";
import { scanPolicies, scanPolicy } from "./scan.js";
import type { Decision, EvaluationRequest } from "./types.js";

export function evaluate(request: EvaluationRequest): Decision {
  const active = new ActiveRequest(request);
  const identity = scanPolicies(request.identityPolicies, active);
  const resource = request.resourcePolicy && scanPolicy(request.resourcePolicy, active);
  const boundary = request.permissionsBoundary && scanPolicy(request.permissionsBoundary, active);
  const session = request.sessionPolicies && scanPolicies(request.sessionPolicies, active);

  const crossAccount =
    request.resourceAccount !== undefined && request.resourceAccount !== request.caller.account;
  const resourceRequired = request.resourcePolicy?.policy.kind === "trust";
  return decide({ identity, resource, boundary, session, crossAccount, resourceRequired }, active);
}
