// `keyless credentials root`: export lines for an account's root credentials.
import { resolve } from "node:path";
import { Command } from "commander";
import { DEFAULTS, defaultEndpoint, ENV } from "./defaults.js";
import { servingTarget } from "./keyless-api.js";
import { rootCredentials } from "./root-credentials.js";

export function credentialsCommand(): Command {
  const command = new Command("credentials").description("print credentials as export lines");
  command
    .command("root")
    .description('the account\'s root credentials (eval "$(keyless credentials root)")')
    .option("--data-dir <dir>", "the keyless data dir", DEFAULTS.dataDir)
    .option("--account <id>", "the account (default: the first)")
    .option("--endpoint <url>", "the keyless endpoint", defaultEndpoint())
    .option("--region <region>", "the region", DEFAULTS.region)
    .action(async function printRootCredentials(options, command: Command) {
      const dataDir = resolve(options.dataDir);
      const key = await rootCredentials(dataDir, options.account);
      const { endpoint, region } = servingTarget(command, options);
      const lines = [
        `export AWS_ACCESS_KEY_ID=${key.accessKeyId}`,
        `export AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`,
        `export AWS_REGION=${region}`,
        // Older SDKs and CLI v1 read only this one.
        `export AWS_DEFAULT_REGION=${region}`,
        `export AWS_ENDPOINT_URL=${endpoint}`,
        // keyless's own commands (exec, env, clock, trail) find the server by this one.
        `export ${ENV.endpoint}=${endpoint}`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
  return command;
}
