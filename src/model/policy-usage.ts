// Where an account uses its managed policies: attached to users, roles and groups, and set as the
// permissions boundary of users and roles. GetPolicy's AttachmentCount and
// PermissionsBoundaryUsageCount, ListEntitiesForPolicy and DeletePolicy's conflicts all read it.
import type { Store } from "../store/store.js";
import type { AttachmentRecord, RoleRecord, UserRecord } from "./types.js";

export class PolicyUsage {
  constructor(
    private readonly attachments: readonly AttachmentRecord[],
    private readonly boundaryOwners: readonly (UserRecord | RoleRecord)[],
  ) {}

  attachedTo(arn: string): AttachmentRecord[] {
    return this.attachments.filter((a) => a.policyArn === arn);
  }

  boundaryOf(arn: string): (UserRecord | RoleRecord)[] {
    return this.boundaryOwners.filter((owner) => owner.permissionsBoundaryArn === arn);
  }

  attachmentCount(arn: string): number {
    return this.attachedTo(arn).length;
  }

  boundaryCount(arn: string): number {
    return this.boundaryOf(arn).length;
  }

  /** In use either way: DeletePolicy refuses such a policy. */
  inUse(arn: string): boolean {
    return this.attachmentCount(arn) > 0 || this.boundaryCount(arn) > 0;
  }
}

export async function policyUsage(store: Store, account: string): Promise<PolicyUsage> {
  const attachments = await store.list<AttachmentRecord>("policyAttachment", account);
  const users = await store.list<UserRecord>("user", account);
  const roles = await store.list<RoleRecord>("role", account);
  const bounded = [...users, ...roles].filter((owner) => owner.permissionsBoundaryArn);
  return new PolicyUsage(attachments, bounded);
}
