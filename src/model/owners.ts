// The users, roles and groups that policies attach to, looked up by type inside a transaction.
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { groupKey, roleKey, userKey } from "./names.js";
import type { GroupRecord, PolicyOwnerType, RoleRecord, UserRecord } from "./types.js";

export type OwnerRecord = UserRecord | RoleRecord | GroupRecord;

const KEYS: Record<PolicyOwnerType, (account: string, name: string) => string> = {
  user: userKey,
  role: roleKey,
  group: groupKey,
};

/** The owner's record, or AWS's NoSuchEntity for it ("The user with name x cannot be found."). */
export async function ownerRecord(
  store: Store,
  account: string,
  type: PolicyOwnerType,
  name: string,
): Promise<OwnerRecord> {
  const record = await store.get<OwnerRecord>(type, KEYS[type](account, name));
  if (!record) {
    throw new AwsError("NoSuchEntity", `The ${type} with name ${name} cannot be found.`);
  }
  return record;
}

/** The owner's name as it was created, whatever case the caller used. */
export function ownerName(record: OwnerRecord): string {
  if ("userName" in record) return record.userName;
  if ("roleName" in record) return record.roleName;
  return record.groupName;
}
