// Which instance profile, and so which role, an instance's metadata service hands out now. Read
// on every request, so that the server clock (association propagation) and IAM changes (a role
// removed from the profile, a profile deleted) take effect on the next fetch.
import type { Model } from "../model/model.js";
import type {
  AssociationRecord,
  InstanceProfileRecord,
  InstanceRecord,
  RoleRecord,
} from "../model/types.js";

export interface ServedProfile {
  association: AssociationRecord;
  /**
   * The profile, when it still exists as the one associated. A profile deleted, or deleted and
   * created again under the same name, has a new id: EC2 then reports InstanceProfileNotFound.
   */
  profile: InstanceProfileRecord | undefined;
  /** The profile's role, when it has one (a profile holds at most one). */
  role: RoleRecord | undefined;
}

export async function servedProfile(
  model: Model,
  instance: InstanceRecord,
): Promise<ServedProfile | undefined> {
  const association = await model.associations.served(instance.account, instance.instanceId);
  if (!association) return undefined;

  const name = association.instanceProfileArn.split("/").pop() ?? "";
  const found = await model.instanceProfiles.find(association.account, name);
  const profile = found?.instanceProfileId === association.instanceProfileId ? found : undefined;
  const roleName = profile?.roleNames[0];
  const role =
    roleName === undefined ? undefined : await model.roles.find(association.account, roleName);
  return { association, profile, role };
}
