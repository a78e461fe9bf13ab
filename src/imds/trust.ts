// Whether EC2 may assume a role for an instance: the role's trust policy must allow the service
// principal ec2.amazonaws.com to call sts:AssumeRole. When it does not, IMDS answers the
// credentials request with Code "AssumeRoleUnauthorizedAccess" instead of credentials.
import type { Clock } from "../clock/clock.js";
import type { RoleRecord } from "../model/types.js";
import { evaluate, loadPolicy } from "../policy/index.js";
import type { CallerIdentity } from "../policy/types.js";
import { EC2_SERVICE_PRINCIPAL } from "./constants.js";

const EC2_SERVICE: CallerIdentity = {
  arn: EC2_SERVICE_PRINCIPAL,
  principalArn: EC2_SERVICE_PRINCIPAL,
  account: "",
  service: EC2_SERVICE_PRINCIPAL,
};

export function ec2MayAssume(role: RoleRecord, clock: Clock): boolean {
  const source = { type: "Trust Policy" as const, id: role.roleName };
  const trust = loadPolicy(role.assumeRolePolicyDocument, "trust", source);
  if (!trust.ok) return false;

  // A service principal belongs to no account and has no identity policies: the trust policy
  // alone decides, so no resourceAccount is given (it would make the request cross-account).
  const now = clock.now();
  const decision = evaluate({
    caller: EC2_SERVICE,
    action: "sts:AssumeRole",
    resource: role.arn,
    context: new Map([
      ["aws:CurrentTime", [new Date(now).toISOString()]],
      ["aws:EpochTime", [String(Math.floor(now / 1000))]],
      ["aws:PrincipalServiceName", [EC2_SERVICE_PRINCIPAL]],
    ]),
    identityPolicies: [],
    resourcePolicy: trust.policy,
  });
  return decision.decision === "allowed";
}
