import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { policyKey, policyScope } from "./names.js";
import type { InlinePolicyRecord, PolicyOwnerType } from "./types.js";

/** Inline policies of users and roles. The owner must exist; the caller checks that first. */
export class InlinePolicies {
  constructor(
    private readonly store: Store,
    private readonly changed: () => void,
  ) {}

  async put(record: InlinePolicyRecord): Promise<void> {
    const { account, ownerType, ownerName, policyName } = record;
    await this.store.put(
      "inlinePolicy",
      policyKey(account, ownerType, ownerName, policyName),
      policyScope(account, ownerType, ownerName),
      record,
    );
    this.changed();
  }

  async get(account: string, ownerType: PolicyOwnerType, owner: string, name: string) {
    const record = await this.store.get<InlinePolicyRecord>(
      "inlinePolicy",
      policyKey(account, ownerType, owner, name),
    );
    if (!record) {
      throw new AwsError(
        "NoSuchEntity",
        `The ${ownerType} policy with name ${name} cannot be found.`,
      );
    }
    return record;
  }

  list(account: string, ownerType: PolicyOwnerType, owner: string): Promise<InlinePolicyRecord[]> {
    return this.store.list<InlinePolicyRecord>(
      "inlinePolicy",
      policyScope(account, ownerType, owner),
    );
  }

  async delete(account: string, ownerType: PolicyOwnerType, owner: string, name: string) {
    await this.get(account, ownerType, owner, name);
    await this.store.delete("inlinePolicy", policyKey(account, ownerType, owner, name));
    this.changed();
  }
}
