// Where the command-line client finds the account's root credentials: KEYLESS_ROOT_* in the
// environment, or the data dir of a keyless on this machine.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { AdjustableClock } from "../clock/clock.js";
import { ACCOUNTS_STATE, Accounts } from "../model/accounts.js";
import { Meta } from "../model/meta.js";
import { SqliteStore } from "../store/sqlite-store.js";
import { ENV } from "./defaults.js";
import { fail } from "./fail.js";

export interface RootCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The root credentials of `account`, or of the first account keyless serves when absent. */
export async function rootCredentials(dataDir: string, account?: string): Promise<RootCredentials> {
  const accessKeyId = process.env[ENV.rootAccessKeyId];
  const secretAccessKey = process.env[ENV.rootSecretAccessKey];
  if (account === undefined && accessKeyId && secretAccessKey)
    return { accessKeyId, secretAccessKey };
  const file = join(dataDir, "keyless.db");
  if (!existsSync(file) && accessKeyId && secretAccessKey) {
    fail(
      `no keyless state in ${dataDir} to find account ${account}'s root keys in: ` +
        `${ENV.rootAccessKeyId} and ${ENV.rootSecretAccessKey} hold the first account's, used ` +
        "when --account is not given; or pass the --data-dir keyless up was given",
    );
  }
  if (!existsSync(file)) {
    fail(
      `no keyless state in ${dataDir}: pass the --data-dir keyless up was given, set ` +
        `${ENV.rootAccessKeyId} and ${ENV.rootSecretAccessKey}, or start keyless there first ` +
        `(keyless up --data-dir ${dataDir})`,
    );
  }
  const store = new SqliteStore(file);
  try {
    const accounts = (await new Meta(store).get<string[]>(ACCOUNTS_STATE)) ?? [];
    const wanted = account ?? accounts[0] ?? "";
    if (accessKeyId && secretAccessKey && wanted === accounts[0])
      return { accessKeyId, secretAccessKey };
    const key = await new Accounts(store, new AdjustableClock()).rootKey(wanted);
    if (!key)
      fail(
        `account ${wanted} has no root credentials in ${dataDir} (it has ${accounts.join(", ")})`,
      );
    return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  } finally {
    await store.close();
  }
}
