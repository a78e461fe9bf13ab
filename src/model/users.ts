import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { newSecretAccessKey, newUserAccessKeyId, newUserId } from "./ids.js";
import type { ManagedPolicies } from "./managed-policies.js";
import { iamArn, policyScope, userKey } from "./names.js";
import type { AccessKeyRecord, MembershipRecord, UserRecord } from "./types.js";

/** AWS allows two access keys per user. */
const ACCESS_KEYS_PER_USER = 2;

export class Users {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly changed: () => void,
    private readonly policies: ManagedPolicies,
  ) {}

  create(
    account: string,
    userName: string,
    path = "/",
    permissionsBoundaryArn?: string,
  ): Promise<UserRecord> {
    return this.store.transaction(async () => {
      if (await this.find(account, userName)) {
        throw new AwsError("EntityAlreadyExists", `User with name ${userName} already exists.`);
      }
      if (permissionsBoundaryArn !== undefined) {
        await this.policies.boundary(account, permissionsBoundaryArn);
      }
      const user: UserRecord = {
        account,
        userName,
        userId: newUserId(),
        path,
        arn: iamArn(account, "user", path, userName),
        createDate: this.clock.now(),
        ...(permissionsBoundaryArn !== undefined ? { permissionsBoundaryArn } : {}),
      };
      await this.store.put("user", userKey(account, userName), account, user);
      return user;
    });
  }

  find(account: string, userName: string): Promise<UserRecord | undefined> {
    return this.store.get<UserRecord>("user", userKey(account, userName));
  }

  async get(account: string, userName: string): Promise<UserRecord> {
    const user = await this.find(account, userName);
    if (!user)
      throw new AwsError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
    return user;
  }

  list(account: string): Promise<UserRecord[]> {
    return this.store.list<UserRecord>("user", account);
  }

  delete(account: string, userName: string): Promise<void> {
    return this.store.transaction(async () => {
      const user = await this.get(account, userName);
      if ((await this.keysOf(user)).length > 0) {
        throw new AwsError(
          "DeleteConflict",
          "Cannot delete entity, must delete access keys first.",
        );
      }
      const policies = await this.store.list(
        "inlinePolicy",
        policyScope(account, "user", userName),
      );
      if (policies.length > 0) {
        throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.");
      }
      const attached = await this.store.list("policyAttachment", account, {
        prefix: `${policyScope(account, "user", userName)}/`,
        limit: 1,
      });
      if (attached.length > 0) {
        throw new AwsError(
          "DeleteConflict",
          "Cannot delete entity, must detach all policies first.",
        );
      }
      const memberships = await this.store.list<MembershipRecord>("groupMembership", account);
      if (memberships.some((m) => m.userName.toLowerCase() === userName.toLowerCase())) {
        throw new AwsError(
          "DeleteConflict",
          "Cannot delete entity, must remove users from group first.",
        );
      }
      await this.store.delete("user", userKey(account, userName));
      this.changed();
    });
  }

  /** Sets the user's permissions boundary, or removes it when arn is undefined. */
  setBoundary(account: string, userName: string, arn: string | undefined): Promise<void> {
    return this.store.transaction(async () => {
      const { permissionsBoundaryArn: _, ...user } = await this.get(account, userName);
      if (arn !== undefined) await this.policies.boundary(account, arn);
      const updated: UserRecord =
        arn === undefined ? user : { ...user, permissionsBoundaryArn: arn };
      await this.store.put("user", userKey(account, userName), account, updated);
      this.changed();
    });
  }

  createAccessKey(account: string, userName: string): Promise<AccessKeyRecord> {
    return this.store.transaction(async () => {
      const user = await this.get(account, userName);
      if ((await this.keysOf(user)).length >= ACCESS_KEYS_PER_USER) {
        throw new AwsError(
          "LimitExceeded",
          `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`,
        );
      }
      const key: AccessKeyRecord = {
        accessKeyId: newUserAccessKeyId(),
        secretAccessKey: newSecretAccessKey(),
        account,
        owner: { type: "user", userName: user.userName, userId: user.userId },
        status: "Active",
        createDate: this.clock.now(),
      };
      await this.store.put("accessKey", key.accessKeyId, user.userId, key);
      return key;
    });
  }

  async listAccessKeys(account: string, userName: string): Promise<AccessKeyRecord[]> {
    return this.keysOf(await this.get(account, userName));
  }

  updateAccessKey(account: string, userName: string, keyId: string, status: "Active" | "Inactive") {
    return this.store.transaction(async () => {
      const key = await this.keyOf(account, userName, keyId);
      await this.store.put("accessKey", keyId, key.owner.type === "user" ? key.owner.userId : "", {
        ...key,
        status,
      });
      this.changed();
    });
  }

  deleteAccessKey(account: string, userName: string, keyId: string): Promise<void> {
    return this.store.transaction(async () => {
      await this.keyOf(account, userName, keyId);
      await this.store.delete("accessKey", keyId);
      this.changed();
    });
  }

  private keysOf(user: UserRecord): Promise<AccessKeyRecord[]> {
    return this.store.list<AccessKeyRecord>("accessKey", user.userId);
  }

  private async keyOf(account: string, userName: string, keyId: string) {
    const user = await this.get(account, userName);
    const key = await this.store.get<AccessKeyRecord>("accessKey", keyId);
    if (key?.owner.type !== "user" || key.owner.userId !== user.userId) {
      throw new AwsError("NoSuchEntity", `The Access Key with id ${keyId} cannot be found.`);
    }
    return key;
  }
}
