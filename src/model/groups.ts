// IAM groups and their members. A group is no principal: its policies reach the users in it.
// A user belongs to at most ten groups (GroupsPerUser).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { newGroupId } from "./ids.js";
import {
  groupKey,
  iamArn,
  membershipKey,
  membershipPrefix,
  policyScope,
  userKey,
} from "./names.js";
import { ownerRecord } from "./owners.js";
import type { GroupRecord, MembershipRecord, UserRecord } from "./types.js";

const GROUPS_PER_USER = 10;

export class Groups {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly changed: () => void,
  ) {}

  create(account: string, groupName: string, path = "/"): Promise<GroupRecord> {
    return this.store.transaction(async () => {
      if (await this.find(account, groupName)) {
        throw new AwsError("EntityAlreadyExists", `Group with name ${groupName} already exists.`);
      }
      const group: GroupRecord = {
        account,
        groupName,
        groupId: newGroupId(),
        path,
        arn: iamArn(account, "group", path, groupName),
        createDate: this.clock.now(),
      };
      await this.store.put("group", groupKey(account, groupName), account, group);
      return group;
    });
  }

  find(account: string, groupName: string): Promise<GroupRecord | undefined> {
    return this.store.get<GroupRecord>("group", groupKey(account, groupName));
  }

  async get(account: string, groupName: string): Promise<GroupRecord> {
    return (await ownerRecord(this.store, account, "group", groupName)) as GroupRecord;
  }

  list(account: string): Promise<GroupRecord[]> {
    return this.store.list<GroupRecord>("group", account);
  }

  delete(account: string, groupName: string): Promise<void> {
    return this.store.transaction(async () => {
      const group = await this.get(account, groupName);
      if ((await this.memberships(account, group.groupName)).length > 0) {
        throw new AwsError(
          "DeleteConflict",
          "Cannot delete entity, must remove users from group first.",
        );
      }
      const scope = policyScope(account, "group", group.groupName);
      if ((await this.store.list("inlinePolicy", scope, { limit: 1 })).length > 0) {
        throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.");
      }
      const attached = await this.store.list("policyAttachment", account, {
        prefix: `${scope}/`,
        limit: 1,
      });
      if (attached.length > 0) {
        throw new AwsError(
          "DeleteConflict",
          "Cannot delete entity, must detach all policies first.",
        );
      }
      await this.store.delete("group", groupKey(account, groupName));
      this.changed();
    });
  }

  /** Adds a user to a group; adding a member again is no error. */
  addUser(account: string, groupName: string, userName: string): Promise<void> {
    return this.store.transaction(async () => {
      const user = await this.user(account, userName);
      const group = await this.get(account, groupName);
      const key = membershipKey(account, group.groupName, user.userName);
      if (await this.store.get("groupMembership", key)) return;
      if ((await this.groupNamesOf(account, user.userName)).length >= GROUPS_PER_USER) {
        throw new AwsError(
          "LimitExceeded",
          `Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`,
        );
      }
      const record: MembershipRecord = {
        account,
        groupName: group.groupName,
        userName: user.userName,
      };
      await this.store.put("groupMembership", key, account, record);
      this.changed();
    });
  }

  removeUser(account: string, groupName: string, userName: string): Promise<void> {
    return this.store.transaction(async () => {
      const user = await this.user(account, userName);
      const group = await this.get(account, groupName);
      const key = membershipKey(account, group.groupName, user.userName);
      if (!(await this.store.delete("groupMembership", key))) {
        throw new AwsError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
      }
      this.changed();
    });
  }

  /** The group's members, ordered by name. */
  async members(account: string, groupName: string): Promise<UserRecord[]> {
    const users: UserRecord[] = [];
    for (const membership of await this.memberships(account, groupName)) {
      const user = await this.store.get<UserRecord>("user", userKey(account, membership.userName));
      if (user) users.push(user);
    }
    return users;
  }

  /** The groups a user is in, ordered by name. */
  async groupsOf(account: string, userName: string): Promise<GroupRecord[]> {
    const groups: GroupRecord[] = [];
    for (const name of await this.groupNamesOf(account, userName)) {
      const group = await this.find(account, name);
      if (group) groups.push(group);
    }
    return groups;
  }

  private memberships(account: string, groupName: string): Promise<MembershipRecord[]> {
    return this.store.list<MembershipRecord>("groupMembership", account, {
      prefix: membershipPrefix(account, groupName),
    });
  }

  private async groupNamesOf(account: string, userName: string): Promise<string[]> {
    const all = await this.store.list<MembershipRecord>("groupMembership", account);
    const wanted = userName.toLowerCase();
    return all.filter((m) => m.userName.toLowerCase() === wanted).map((m) => m.groupName);
  }

  private async user(account: string, userName: string): Promise<UserRecord> {
    return (await ownerRecord(this.store, account, "user", userName)) as UserRecord;
  }
}
