import type { Clock } from "../clock/clock.js";
import type { Store } from "../store/store.js";
import { newSecretAccessKey, newUserAccessKeyId } from "./ids.js";
import type { AccessKeyRecord, AccountRecord } from "./types.js";

export interface RootKeyInput {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Meta record naming the accounts a keyless serves, the first first. */
export const ACCOUNTS_STATE = "accounts";

/** Accounts and their root credentials, created once per data dir. */
export class Accounts {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes sure the account exists with root credentials. Given credentials (from the
   * environment) replace the stored ones; otherwise the first start generates them.
   */
  ensure(account: string, given?: RootKeyInput): Promise<AccessKeyRecord> {
    return this.store.transaction(async () => {
      const existing = await this.store.get<AccountRecord>("account", account);
      const current = existing
        ? await this.store.get<AccessKeyRecord>("accessKey", existing.rootAccessKeyId)
        : undefined;
      if (current && (!given || given.accessKeyId === current.accessKeyId)) {
        if (!given || given.secretAccessKey === current.secretAccessKey) return current;
      }
      if (current) await this.store.delete("accessKey", current.accessKeyId);
      const key: AccessKeyRecord = {
        accessKeyId: given?.accessKeyId ?? newUserAccessKeyId(),
        secretAccessKey: given?.secretAccessKey ?? newSecretAccessKey(),
        account,
        owner: { type: "root" },
        status: "Active",
        createDate: this.clock.now(),
      };
      await this.store.put("accessKey", key.accessKeyId, `root/${account}`, key);
      await this.store.put("account", account, "", {
        id: account,
        rootAccessKeyId: key.accessKeyId,
      });
      return key;
    });
  }

  async rootKey(account: string): Promise<AccessKeyRecord | undefined> {
    const record = await this.store.get<AccountRecord>("account", account);
    return record && this.store.get<AccessKeyRecord>("accessKey", record.rootAccessKeyId);
  }

  async list(): Promise<AccountRecord[]> {
    return this.store.listAll<AccountRecord>("account");
  }
}
