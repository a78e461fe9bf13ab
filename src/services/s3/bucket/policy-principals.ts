// The AWS principals a bucket policy names must exist when it is put: S3 keeps an IAM user or role
// as its unique ID, so a policy naming one that does not exist cannot be saved, and S3 refuses it
// with MalformedPolicy "Invalid principal in policy", a message without the principal, unlike
// IAM's (as quoted in aws/aws-sdk-net#1317 and ministryofjustice/analytical-platform#4932).
import { AwsError } from "../../../errors/aws-error.js";
import type { Model } from "../../../model/model.js";
import type { ParsedPolicy, PrincipalIds } from "../../../policy/index.js";

/** The unique IDs of the users and roles the policy names; MalformedPolicy if one is missing. */
export async function principalIds(
  policy: ParsedPolicy,
  model: Model,
  servedAccounts: readonly string[],
): Promise<PrincipalIds> {
  const resolved = await model.policyPrincipals.resolve(policy, servedAccounts);
  if (!resolved.ok) throw new AwsError("MalformedPolicy", "Invalid principal in policy");
  return resolved.ids;
}
