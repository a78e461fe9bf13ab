// The AWS principals a bucket policy names must exist when it is put. A policy stores an IAM
// user or role by its unique ID, so one that names nobody cannot be saved, and S3 refuses it with
// "Invalid principal in policy" (IAM User Guide, "AWS JSON policy elements: Principal", on how an
// ARN becomes the principal's unique ID when the policy is saved).
import { AwsError } from "../../../errors/aws-error.js";
import type { Model } from "../../../model/model.js";
import type { ParsedPolicy } from "../../../policy/index.js";

const IAM_ARN = /^arn:aws:iam::(\d{12}):([^/]+)(\/.*)?$/;

/**
 * Checks the users and roles of the accounts this keyless serves; an account it does not serve
 * is taken on trust, as keyless cannot know what exists there.
 */
export async function checkPrincipals(
  policy: ParsedPolicy,
  model: Model,
  servedAccounts: readonly string[],
): Promise<void> {
  for (const statement of policy.statements) {
    const principal = statement.principal ?? statement.notPrincipal;
    for (const arn of principal?.AWS ?? []) {
      if (!(await exists(arn, model, servedAccounts))) {
        throw new AwsError("MalformedPolicy", "Invalid principal in policy");
      }
    }
  }
}

async function exists(arn: string, model: Model, served: readonly string[]): Promise<boolean> {
  const match = IAM_ARN.exec(arn);
  // "*", account ids, unique ids (AIDA…) and sts ARNs (assumed-role sessions) stand as written.
  if (!match) return true;
  const [, account = "", type, path = ""] = match;
  if (type === "root") return path === "";
  if (type !== "user" && type !== "role") return false;
  if (!served.includes(account)) return true;

  const name = path.slice(path.lastIndexOf("/") + 1);
  const found =
    type === "user" ? await model.users.find(account, name) : await model.roles.find(account, name);
  return found?.arn === arn;
}
