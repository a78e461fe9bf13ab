// `keyless credentials root`: export lines for the account's root credentials.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { AdjustableClock } from "../clock/clock.js";
import { Accounts } from "../model/accounts.js";
import { SqliteStore } from "../store/sqlite-store.js";
import { DEFAULTS, defaultEndpoint, ENV } from "./defaults.js";

export function credentialsCommand(): Command {
  const command = new Command("credentials").description("print credentials as export lines");
  command
    .command("root")
    .description('the account\'s root credentials (eval "$(keyless credentials root)")')
    .option("--data-dir <dir>", "the keyless data dir", DEFAULTS.dataDir)
    .option("--account <id>", "the account", DEFAULTS.account)
    .option("--endpoint <url>", "the keyless endpoint", defaultEndpoint())
    .option("--region <region>", "the region", DEFAULTS.region)
    .action(async function printRootCredentials(options) {
      const key = await rootKey(resolve(options.dataDir), options.account);
      const lines = [
        `export AWS_ACCESS_KEY_ID=${key.accessKeyId}`,
        `export AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`,
        `export AWS_REGION=${options.region}`,
        `export AWS_ENDPOINT_URL=${options.endpoint}`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
  return command;
}

async function rootKey(dataDir: string, account: string) {
  const accessKeyId = process.env[ENV.rootAccessKeyId];
  const secretAccessKey = process.env[ENV.rootSecretAccessKey];
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey };
  const file = join(dataDir, "keyless.db");
  if (!existsSync(file)) {
    fail(
      `no keyless state in ${dataDir}: start keyless there first (keyless up --data-dir ${dataDir})`,
    );
  }
  const store = new SqliteStore(file);
  try {
    const key = await new Accounts(store, new AdjustableClock()).rootKey(account);
    if (!key) fail(`account ${account} has no root credentials in ${dataDir}`);
    return key;
  } finally {
    await store.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`keyless: ${message}\n`);
  process.exit(1);
}
