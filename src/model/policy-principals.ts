// The IAM users and roles a resource-based policy names, looked up when the policy is saved and
// again when it is read. AWS keeps each user or role ARN of a bucket policy or trust policy as
// the principal's unique ID, so the policy cannot be saved while it names nobody, goes on naming
// the principal that existed then (not a namesake created after a delete), and, once that
// principal is gone, shows its ID in place of the ARN.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-bucket-user-policy-specifying-principal-intro.html
import type { ParsedPolicy, PrincipalIds } from "../policy/index.js";
import type { Roles } from "./roles.js";
import type { Users } from "./users.js";

export type Resolution = { ok: true; ids: PrincipalIds } | { ok: false; invalid: string };

const IAM_ARN = /^arn:aws:iam::(\d{12}):([^/]+)(\/.*)?$/;

export class PolicyPrincipals {
  constructor(
    private readonly users: Users,
    private readonly roles: Roles,
  ) {}

  /**
   * The unique ID of each IAM user and role ARN in the policy's Principal and NotPrincipal, or
   * the first AWS principal that names nobody. Only the accounts this keyless serves are looked
   * in; an ARN of another account is taken on trust and stays an ARN, as keyless cannot know
   * what exists there.
   */
  async resolve(policy: ParsedPolicy, servedAccounts: readonly string[]): Promise<Resolution> {
    const ids: Record<string, string> = {};
    for (const statement of policy.statements) {
      const principal = statement.principal ?? statement.notPrincipal;
      for (const aws of principal?.AWS ?? []) {
        const match = IAM_ARN.exec(aws);
        // "*", account ids, unique ids and sts ARNs (role sessions, federated users) are kept as
        // written: only a user or role ARN becomes an ID.
        if (!match) continue;
        const [, account = "", type, path = ""] = match;
        if (type === "root" && path === "") continue;
        if (type !== "user" && type !== "role") return { ok: false, invalid: aws };
        if (!servedAccounts.includes(account)) continue;

        const found = await this.find(account, type, path);
        if (found?.arn !== aws) return { ok: false, invalid: aws };
        ids[aws] = found.id;
      }
    }
    return { ok: true, ids };
  }

  /** Those of ids whose user or role is gone: deleted, or deleted and made again. */
  async gone(ids: PrincipalIds | undefined): Promise<PrincipalIds> {
    const gone: Record<string, string> = {};
    for (const [arn, id] of Object.entries(ids ?? {})) {
      const [, account = "", type, path = ""] = IAM_ARN.exec(arn) ?? [];
      const found =
        type === "user" || type === "role" ? await this.find(account, type, path) : undefined;
      // keyless cannot rename a user or role (no UpdateUser NewUserName), so the one with the ID
      // still has the ARN it was saved with.
      if (found?.id !== id) gone[arn] = id;
    }
    return gone;
  }

  private async find(account: string, type: "user" | "role", path: string) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (type === "user") {
      const user = await this.users.find(account, name);
      return user && { arn: user.arn, id: user.userId };
    }
    const role = await this.roles.find(account, name);
    return role && { arn: role.arn, id: role.roleId };
  }
}
