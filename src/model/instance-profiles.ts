import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { newInstanceProfileId } from "./ids.js";
import { iamArn, profileKey } from "./names.js";
import type { Roles } from "./roles.js";
import type { InstanceProfileRecord } from "./types.js";

/** An instance profile carries at most one role (IAM quota InstanceSessionsPerInstanceProfile). */
const ROLES_PER_PROFILE = 1;

export class InstanceProfiles {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly roles: Roles,
    private readonly changed: () => void,
  ) {}

  create(account: string, name: string, path = "/"): Promise<InstanceProfileRecord> {
    return this.store.transaction(async () => {
      if (await this.find(account, name)) {
        throw new AwsError("EntityAlreadyExists", `Instance Profile ${name} already exists.`);
      }
      const profile: InstanceProfileRecord = {
        account,
        instanceProfileName: name,
        instanceProfileId: newInstanceProfileId(),
        path,
        arn: iamArn(account, "instance-profile", path, name),
        createDate: this.clock.now(),
        roleNames: [],
      };
      await this.store.put("instanceProfile", profileKey(account, name), account, profile);
      return profile;
    });
  }

  find(account: string, name: string): Promise<InstanceProfileRecord | undefined> {
    return this.store.get<InstanceProfileRecord>("instanceProfile", profileKey(account, name));
  }

  async get(account: string, name: string): Promise<InstanceProfileRecord> {
    const profile = await this.find(account, name);
    if (!profile) throw new AwsError("NoSuchEntity", `Instance Profile ${name} cannot be found.`);
    return profile;
  }

  list(account: string): Promise<InstanceProfileRecord[]> {
    return this.store.list<InstanceProfileRecord>("instanceProfile", account);
  }

  async delete(account: string, name: string): Promise<void> {
    await this.store.transaction(async () => {
      const profile = await this.get(account, name);
      if (profile.roleNames.length > 0) {
        throw new AwsError(
          "DeleteConflict",
          "Cannot delete entity, must remove roles from instance profile first.",
        );
      }
      await this.store.delete("instanceProfile", profileKey(account, name));
    });
  }

  addRole(account: string, name: string, roleName: string): Promise<void> {
    return this.store.transaction(async () => {
      const profile = await this.get(account, name);
      const role = await this.roles.get(account, roleName);
      if (profile.roleNames.length >= ROLES_PER_PROFILE) {
        throw new AwsError(
          "LimitExceeded",
          `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_PROFILE}`,
        );
      }
      const roleNames = [...profile.roleNames, role.roleName];
      await this.store.put("instanceProfile", profileKey(account, name), account, {
        ...profile,
        roleNames,
      });
      this.changed();
    });
  }

  removeRole(account: string, name: string, roleName: string): Promise<void> {
    return this.store.transaction(async () => {
      const profile = await this.get(account, name);
      await this.roles.get(account, roleName);
      const kept = profile.roleNames.filter((n) => n.toLowerCase() !== roleName.toLowerCase());
      if (kept.length === profile.roleNames.length) {
        throw new AwsError(
          "NoSuchEntity",
          `The role with name ${roleName} cannot be found in instance profile ${name}.`,
        );
      }
      await this.store.put("instanceProfile", profileKey(account, name), account, {
        ...profile,
        roleNames: kept,
      });
      this.changed();
    });
  }
}
