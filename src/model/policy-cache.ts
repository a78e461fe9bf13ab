import { loadPolicy } from "../policy/index.js";
import type { AttachedPolicy } from "../policy/types.js";
import type { InlinePolicies } from "./inline-policies.js";
import type { Caller, RoleRecord } from "./types.js";

/**
 * The compiled identity policies of each principal, kept until any policy changes. Stored
 * documents were validated when they were put, so a document that no longer loads is skipped.
 */
export class PolicyCache {
  private readonly byPrincipal = new Map<string, Promise<AttachedPolicy[]>>();

  constructor(private readonly inline: InlinePolicies) {}

  identityPolicies(caller: Caller): Promise<AttachedPolicy[]> {
    const owner = ownerOf(caller);
    if (!owner) return Promise.resolve([]);
    const key = `${caller.account}/${owner.type}/${owner.name.toLowerCase()}`;
    let policies = this.byPrincipal.get(key);
    if (!policies) {
      policies = this.load(caller.account, owner.type, owner.name);
      this.byPrincipal.set(key, policies);
    }
    return policies;
  }

  /** A role's trust policy, compiled; undefined if the stored text no longer parses. */
  trustPolicy(role: RoleRecord): AttachedPolicy | undefined {
    const source = { type: "Trust Policy" as const, id: role.arn };
    const loaded = loadPolicy(role.assumeRolePolicyDocument, "trust", source);
    return loaded.ok ? loaded.policy : undefined;
  }

  clear(): void {
    this.byPrincipal.clear();
  }

  private async load(account: string, type: "user" | "role", name: string) {
    const records = await this.inline.list(account, type, name);
    return records.flatMap((record) => {
      const source = { type: "IAM Policy" as const, id: record.policyName, inline: true };
      const loaded = loadPolicy(record.document, "identity", source);
      return loaded.ok ? [loaded.policy] : [];
    });
  }
}

function ownerOf(caller: Caller): { type: "user" | "role"; name: string } | undefined {
  if (caller.type === "IAMUser" && caller.userName) return { type: "user", name: caller.userName };
  if (caller.type === "AssumedRole" && caller.session) {
    return { type: "role", name: caller.session.roleName };
  }
  return undefined;
}
