// A role's trust policy, compiled for AssumeRole with the users and roles it names bound to the
// unique IDs they had when it was saved (policy-principals.ts): a user or role deleted and made
// again under the same name is not trusted until the trust policy is saved again.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
import { compilePolicy, parsePolicy, withPrincipalIds } from "../policy/index.js";
import type { AttachedPolicy } from "../policy/types.js";
import type { RoleRecord } from "./types.js";

/** The role's trust policy, compiled; undefined if the stored text no longer parses. */
export function trustPolicy(role: RoleRecord): AttachedPolicy | undefined {
  const parsed = parsePolicy(role.assumeRolePolicyDocument, "trust");
  if (!parsed.ok) return undefined;
  const bound = withPrincipalIds(parsed.policy, role.trustPrincipalIds ?? {});
  return { source: { type: "Trust Policy", id: role.arn }, policy: compilePolicy(bound) };
}
