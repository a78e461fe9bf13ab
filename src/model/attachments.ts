// Managed policies attached to users, roles and groups. Attaching twice is no error, as on AWS;
// each identity holds at most ten managed policies (PoliciesPerUser, PoliciesPerRole,
// PoliciesPerGroup). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import type { ManagedPolicies } from "./managed-policies.js";
import { attachmentKey, policyScope } from "./names.js";
import { ownerName, ownerRecord } from "./owners.js";
import type { AttachmentRecord, PolicyOwnerType } from "./types.js";

const POLICIES_PER_OWNER = 10;

const QUOTA: Record<PolicyOwnerType, string> = {
  user: "PoliciesPerUser",
  role: "PoliciesPerRole",
  group: "PoliciesPerGroup",
};

export class Attachments {
  constructor(
    private readonly store: Store,
    private readonly policies: ManagedPolicies,
    private readonly changed: () => void,
  ) {}

  attach(account: string, ownerType: PolicyOwnerType, owner: string, arn: string): Promise<void> {
    return this.store.transaction(async () => {
      const name = ownerName(await ownerRecord(this.store, account, ownerType, owner));
      const policy = await this.policies.attachable(account, arn);
      const key = attachmentKey(account, ownerType, name, policy.arn);
      if (await this.store.get("policyAttachment", key)) return;
      if ((await this.list(account, ownerType, name)).length >= POLICIES_PER_OWNER) {
        throw new AwsError(
          "LimitExceeded",
          `Cannot exceed quota for ${QUOTA[ownerType]}: ${POLICIES_PER_OWNER}`,
        );
      }
      const record: AttachmentRecord = {
        account,
        ownerType,
        ownerName: name,
        policyArn: policy.arn,
      };
      await this.store.put("policyAttachment", key, account, record);
      this.changed();
    });
  }

  detach(account: string, ownerType: PolicyOwnerType, owner: string, arn: string): Promise<void> {
    return this.store.transaction(async () => {
      await ownerRecord(this.store, account, ownerType, owner);
      const removed = await this.store.delete(
        "policyAttachment",
        attachmentKey(account, ownerType, owner, arn),
      );
      if (!removed) throw new AwsError("NoSuchEntity", `Policy ${arn} was not found.`);
      this.changed();
    });
  }

  /** The owner's attachments, ordered by policy ARN. */
  list(account: string, ownerType: PolicyOwnerType, owner: string): Promise<AttachmentRecord[]> {
    return this.store.list<AttachmentRecord>("policyAttachment", account, {
      prefix: `${policyScope(account, ownerType, owner)}/`,
    });
  }
}
