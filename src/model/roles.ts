import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { newRoleId } from "./ids.js";
import type { ManagedPolicies } from "./managed-policies.js";
import { iamArn, policyScope, roleKey } from "./names.js";
import type { InstanceProfileRecord, RoleRecord } from "./types.js";

export interface NewRole {
  roleName: string;
  path: string;
  assumeRolePolicyDocument: string;
  /** The unique IDs of the users and roles the trust policy names (policy-principals.ts). */
  trustPrincipalIds?: Record<string, string>;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundaryArn?: string;
}

export class Roles {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly changed: () => void,
    private readonly policies: ManagedPolicies,
  ) {}

  create(account: string, input: NewRole): Promise<RoleRecord> {
    return this.store.transaction(async () => {
      if (await this.find(account, input.roleName)) {
        throw new AwsError(
          "EntityAlreadyExists",
          `Role with name ${input.roleName} already exists.`,
        );
      }
      if (input.permissionsBoundaryArn !== undefined) {
        await this.policies.boundary(account, input.permissionsBoundaryArn);
      }
      const role: RoleRecord = {
        ...input,
        account,
        roleId: newRoleId(),
        arn: iamArn(account, "role", input.path, input.roleName),
        createDate: this.clock.now(),
      };
      await this.store.put("role", roleKey(account, input.roleName), account, role);
      return role;
    });
  }

  find(account: string, roleName: string): Promise<RoleRecord | undefined> {
    return this.store.get<RoleRecord>("role", roleKey(account, roleName));
  }

  async get(account: string, roleName: string): Promise<RoleRecord> {
    const role = await this.find(account, roleName);
    if (!role)
      throw new AwsError("NoSuchEntity", `The role with name ${roleName} cannot be found.`);
    return role;
  }

  list(account: string): Promise<RoleRecord[]> {
    return this.store.list<RoleRecord>("role", account);
  }

  updateTrustPolicy(
    account: string,
    roleName: string,
    document: string,
    principalIds: Record<string, string>,
  ): Promise<void> {
    return this.store.transaction(async () => {
      const role = await this.get(account, roleName);
      const updated = {
        ...role,
        assumeRolePolicyDocument: document,
        trustPrincipalIds: principalIds,
      };
      await this.store.put("role", roleKey(account, roleName), account, updated);
      this.changed();
    });
  }

  /** UpdateRole and UpdateRoleDescription: what is given changes, the rest stays. */
  update(
    account: string,
    roleName: string,
    changes: { description?: string; maxSessionDuration?: number },
  ): Promise<RoleRecord> {
    return this.store.transaction(async () => {
      const role = await this.get(account, roleName);
      const updated: RoleRecord = { ...role, ...changes };
      await this.store.put("role", roleKey(account, roleName), account, updated);
      this.changed();
      return updated;
    });
  }

  /** Sets the role's permissions boundary, or removes it when arn is undefined. */
  setBoundary(account: string, roleName: string, arn: string | undefined): Promise<void> {
    return this.store.transaction(async () => {
      const { permissionsBoundaryArn: _, ...role } = await this.get(account, roleName);
      if (arn !== undefined) await this.policies.boundary(account, arn);
      const updated: RoleRecord =
        arn === undefined ? role : { ...role, permissionsBoundaryArn: arn };
      await this.store.put("role", roleKey(account, roleName), account, updated);
      this.changed();
    });
  }

  delete(account: string, roleName: string): Promise<void> {
    return this.store.transaction(async () => {
      const role = await this.get(account, roleName);
      const policies = await this.store.list(
        "inlinePolicy",
        policyScope(account, "role", roleName),
      );
      if (policies.length > 0) {
        throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.");
      }
      const attached = await this.store.list("policyAttachment", account, {
        prefix: `${policyScope(account, "role", roleName)}/`,
        limit: 1,
      });
      if (attached.length > 0) {
        throw new AwsError(
          "DeleteConflict",
          "Cannot delete entity, must detach all policies first.",
        );
      }
      const profiles = await this.store.list<InstanceProfileRecord>("instanceProfile", account);
      if (profiles.some((profile) => profile.roleNames.includes(role.roleName))) {
        throw new AwsError(
          "DeleteConflict",
          "Cannot delete entity, must remove roles from instance profile first.",
        );
      }
      await this.store.delete("role", roleKey(account, roleName));
      this.changed();
    });
  }
}
