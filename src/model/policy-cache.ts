import { loadPolicy } from "../policy/index.js";
import type { AttachedPolicy, PolicySource } from "../policy/types.js";
import type { Attachments } from "./attachments.js";
import type { Groups } from "./groups.js";
import type { InlinePolicies } from "./inline-policies.js";
import { defaultVersion, type ManagedPolicies } from "./managed-policies.js";
import type { Roles } from "./roles.js";
import type { Caller, PolicyOwnerType } from "./types.js";
import type { Users } from "./users.js";

/** What decides for a principal besides the request: its identity policies and its boundary. */
export interface PrincipalPolicies {
  identity: readonly AttachedPolicy[];
  /** Absent when no permissions boundary is set. */
  boundary?: AttachedPolicy;
}

export interface PolicySources {
  inline: InlinePolicies;
  attachments: Attachments;
  managed: ManagedPolicies;
  groups: Groups;
  users: Users;
  roles: Roles;
}

const NONE: PrincipalPolicies = { identity: [] };

/**
 * The compiled policies of each principal, kept until any policy, attachment, membership or
 * boundary changes. An IAM user's identity policies are its inline and attached managed policies
 * and those of each of its groups; a role session's are the role's inline and attached ones.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * Stored documents were validated when they were put, so a document that no longer loads is
 * skipped.
 */
export class PolicyCache {
  private readonly byPrincipal = new Map<string, Promise<PrincipalPolicies>>();

  constructor(private readonly sources: PolicySources) {}

  /** The identity policies and permissions boundary of the caller. */
  principalPolicies(caller: Caller): Promise<PrincipalPolicies> {
    const owner = ownerOf(caller);
    if (!owner) return Promise.resolve(NONE);
    const key = `${caller.account}/${owner.type}/${owner.name.toLowerCase()}/${owner.id}`;
    let policies = this.byPrincipal.get(key);
    if (!policies) {
      policies = this.load(caller.account, owner.type, owner.name, owner.id);
      this.byPrincipal.set(key, policies);
      // A failed load is not kept: the next request tries again.
      policies.catch(() => this.byPrincipal.delete(key));
    }
    return policies;
  }

  async identityPolicies(caller: Caller): Promise<readonly AttachedPolicy[]> {
    return (await this.principalPolicies(caller)).identity;
  }

  /**
   * The session policies a role session was given (AssumeRole's Policy and PolicyArns), or
   * undefined when it was given none. One that no longer loads is left out, so the session is
   * capped all the same.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
   */
  async sessionPolicies(caller: Caller): Promise<AttachedPolicy[] | undefined> {
    const session = caller.session;
    const arns = session?.sessionPolicyArns ?? [];
    if (session?.sessionPolicy === undefined && arns.length === 0) return undefined;
    const policies: AttachedPolicy[] = [];
    if (session?.sessionPolicy !== undefined) {
      const source = { type: "Session Policy" as const, id: "Policy", inline: true };
      const loaded = loadPolicy(session.sessionPolicy, "session", source);
      if (loaded.ok) policies.push(loaded.policy);
    }
    for (const arn of arns) {
      const policy = await this.managedPolicy(arn, "session", "Session Policy");
      if (policy) policies.push(policy);
    }
    return policies;
  }

  /** The policies of a user, role or group named directly (IAM's SimulatePrincipalPolicy). */
  async entityPolicies(account: string, type: PolicyOwnerType, name: string) {
    if (type !== "group") return this.load(account, type, name);
    const identity = await this.inlinePolicies(account, "group", name);
    for (const attachment of await this.sources.attachments.list(account, "group", name)) {
      const policy = await this.managedPolicy(attachment.policyArn, "identity", "IAM Policy");
      if (policy) identity.push(policy);
    }
    return { identity };
  }

  clear(): void {
    this.byPrincipal.clear();
  }

  /**
   * With `id`, the principal must be that one: a role deleted and created again under the same
   * name is another role (a new AROA… id), whose policies do not reach the old one's sessions
   * (IAM User Guide, "IAM identifiers", unique identifiers).
   */
  private async load(account: string, type: "user" | "role", name: string, id?: string) {
    const { users, roles, groups } = this.sources;
    const principal =
      type === "user" ? await users.find(account, name) : await roles.find(account, name);
    if (!principal) return NONE;
    const principalId = "userId" in principal ? principal.userId : principal.roleId;
    if (id !== undefined && principalId !== id) return NONE;

    const owners: { type: PolicyOwnerType; name: string }[] = [{ type, name }];
    if (type === "user") {
      for (const group of await groups.groupsOf(account, name)) {
        owners.push({ type: "group", name: group.groupName });
      }
    }
    const identity: AttachedPolicy[] = [];
    const managedArns = new Set<string>();
    for (const owner of owners) {
      identity.push(...(await this.inlinePolicies(account, owner.type, owner.name)));
      const attached = await this.sources.attachments.list(account, owner.type, owner.name);
      for (const attachment of attached) managedArns.add(attachment.policyArn);
    }
    // A policy attached both to the user and to one of its groups grants the same once.
    for (const arn of managedArns) {
      const policy = await this.managedPolicy(arn, "identity", "IAM Policy");
      if (policy) identity.push(policy);
    }

    const boundaryArn = principal.permissionsBoundaryArn;
    const boundary =
      boundaryArn === undefined
        ? undefined
        : await this.managedPolicy(boundaryArn, "boundary", "Permissions Boundary Policy");
    return boundary ? { identity, boundary } : { identity };
  }

  private async inlinePolicies(account: string, type: PolicyOwnerType, name: string) {
    const records = await this.sources.inline.list(account, type, name);
    return records.flatMap((record) => {
      const source = {
        type: "IAM Policy" as const,
        id: record.policyName,
        inline: true,
        owner: type,
      };
      const loaded = loadPolicy(record.document, "identity", source);
      return loaded.ok ? [loaded.policy] : [];
    });
  }

  /** The default version of a managed policy, compiled and named by its ARN. */
  private async managedPolicy(
    arn: string,
    kind: "identity" | "boundary" | "session",
    type: PolicySource["type"],
  ): Promise<AttachedPolicy | undefined> {
    const policy = await this.sources.managed.find(arn);
    if (!policy) return undefined;
    const loaded = loadPolicy(defaultVersion(policy).document, kind, {
      type,
      id: policy.arn,
      inline: false,
    });
    return loaded.ok ? loaded.policy : undefined;
  }
}

/** The user or role whose policies apply to the caller, by name and unique id. */
function ownerOf(caller: Caller): { type: "user" | "role"; name: string; id: string } | undefined {
  if (caller.type === "IAMUser" && caller.userName) {
    return { type: "user", name: caller.userName, id: caller.userId };
  }
  if (caller.type === "AssumedRole" && caller.session) {
    return { type: "role", name: caller.session.roleName, id: caller.session.roleId };
  }
  return undefined;
}
