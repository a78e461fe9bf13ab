// The users and roles a trust policy names, kept as their unique IDs (policy-principals.ts).
// IAM refuses a trust policy naming a user or role that does not exist, with the ARN in its
// message: MalformedPolicyDocument, `Invalid principal in policy: "AWS":"arn:…:role/…"`
// (AWS re:Post knowledge center, "iam-trust-policy-error": "confirm that the user or role wasn't
// deleted"; the message as quoted in opstrace/opstrace#88 and databrickslabs/ucx#2269). Once a
// user or role it named is gone, GetRole shows the unique ID in its place: "the principal ID
// shows up in the console because AWS can no longer map it back to an ARN" (IAM User Guide,
// "Examples of policies for delegating access").
// https://repost.aws/knowledge-center/iam-trust-policy-error
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_policy-examples.html#example-delegate-xaccount-rolesapi
import { AwsError } from "../../errors/aws-error.js";
import type { RoleRecord } from "../../model/types.js";
import { type PrincipalIds, parsePolicy, showGonePrincipals } from "../../policy/index.js";
import { messages } from "../../policy/parse/messages.js";
import type { IamCall } from "./call.js";

/** The unique IDs of the users and roles a trust policy (already validated) names. */
export async function trustPrincipalIds(call: IamCall, document: string): Promise<PrincipalIds> {
  const parsed = parsePolicy(document, "trust");
  if (!parsed.ok) throw new AwsError(parsed.error.code, parsed.error.message);
  const { model, config } = call.ctx;
  const resolved = await model.policyPrincipals.resolve(parsed.policy, config.accounts);
  if (!resolved.ok) {
    throw new AwsError(
      "MalformedPolicyDocument",
      messages.invalidPrincipal(`"AWS":"${resolved.invalid}"`),
    );
  }
  return resolved.ids;
}

/** The role as GetRole, ListRoles and the instance profile operations show it. */
export async function shownRole(call: IamCall, role: RoleRecord): Promise<RoleRecord> {
  const gone = await call.ctx.model.policyPrincipals.gone(role.trustPrincipalIds);
  const document = showGonePrincipals(role.assumeRolePolicyDocument, gone);
  return { ...role, assumeRolePolicyDocument: document };
}
