// `keyless up`: start the server in the foreground.
import { relative, resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { startKeyless } from "../server/app.js";
import { DataDirLockedError } from "../store/data-dir-lock.js";
import { DEFAULTS, ENV } from "./defaults.js";
import { fail } from "./fail.js";
import { VERSION } from "./version.js";

function integer(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

function accountList(text: string): string[] {
  const ids = text.split(",").map((id) => accountId(id.trim()));
  if (new Set(ids).size !== ids.length)
    throw new InvalidArgumentError("an account is listed twice");
  return ids;
}

/** us-east-1, us-gov-west-1, cn-north-1, eusc-de-east-1: a region's name is its ARN segment. */
function regionName(text: string): string {
  if (!/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(text)) {
    throw new InvalidArgumentError("a region is named like us-east-1");
  }
  return text;
}

function accountId(text: string): string {
  if (!/^\d{12}$/.test(text)) throw new InvalidArgumentError("an account id is 12 digits");
  return text;
}

export function upCommand(): Command {
  return new Command("up")
    .description("start keyless: every AWS service on one port, with IMDS per instance")
    .option("--port <port>", "port for every AWS service", integer(0, 65535), DEFAULTS.port)
    .option("--host <host>", "address to listen on", DEFAULTS.host)
    .option("--data-dir <dir>", "where state is kept (SQLite and object bytes)", DEFAULTS.dataDir)
    .option("--in-memory", "keep no state on disk", false)
    .option("--account <id>", "the AWS account id", accountId, DEFAULTS.account)
    .option(
      "--accounts <ids>",
      "several accounts, comma-separated (the first is the default)",
      accountList,
    )
    .option("--region <region>", "the region keyless serves", regionName, DEFAULTS.region)
    .addOption(
      new Option("--propagation-delay <seconds>", "seconds an association stays associating")
        .argParser(integer(0, 3600))
        .default(DEFAULTS.propagationDelaySeconds),
    )
    .addOption(
      new Option("--log-level <level>", "pino log level")
        .choices(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
        .default("info"),
    )
    .action(async function up(options) {
      const dataDir = options.inMemory ? undefined : resolve(options.dataDir);
      const rootKey = rootKeyFromEnv();
      const accounts: string[] = options.accounts ?? [options.account];
      if (options.inMemory) checkInMemory(rootKey !== undefined, accounts);
      const running = await startKeyless({
        config: {
          host: options.host,
          port: options.port,
          region: options.region,
          account: accounts[0] as string,
          accounts,
          dataDir,
          propagationDelayMs: options.propagationDelay * 1000,
          version: VERSION,
        },
        ...(rootKey ? { rootKey } : {}),
        logLevel: options.logLevel,
        logDestination: "stderr",
      }).catch((error: NodeJS.ErrnoException) => failToStart(error, options, dataDir));
      printBanner(
        running.endpoint,
        { accounts, region: options.region },
        dataDir,
        // performance.now() counts from the process's start: loading included.
        performance.now(),
      );
      const stop = () => {
        running.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

/**
 * An in-memory keyless keeps its root keys nowhere `credentials root` can read them, so they must
 * come from the environment, and only the first account's can.
 */
function checkInMemory(rootKeyGiven: boolean, accounts: readonly string[]): void {
  if (!rootKeyGiven) {
    fail(
      `--in-memory needs the root keys in ${ENV.rootAccessKeyId} and ` +
        `${ENV.rootSecretAccessKey}, since nothing on disk would hold them; or use --data-dir`,
    );
  }
  if (accounts.length > 1) {
    fail(
      "--in-memory serves one account: only the first account's root keys can come from the " +
        "environment; use --data-dir for --accounts",
    );
  }
}

/** A port or data dir keyless cannot take is the user's to fix: say so, without a stack trace. */
function failToStart(
  error: NodeJS.ErrnoException,
  { host, port }: { host: string; port: number },
  dataDir: string | undefined,
): never {
  if (error instanceof DataDirLockedError) {
    fail(`${error.message}: stop it, or give this one its own --data-dir`);
  }
  const where = `${host}:${port}`;
  if (error.code === "EADDRINUSE") {
    fail(`${where} is already in use: stop what holds it, or choose another port with --port`);
  }
  if (error.syscall === "listen" && error.code === "EACCES") {
    fail(`not allowed to listen on ${where}: choose a port above 1023`);
  }
  if (error.code === "EADDRNOTAVAIL") fail(`${host} is not an address of this machine (--host)`);
  if (error.syscall === "getaddrinfo") fail(`${host} is not a name this machine knows (--host)`);
  if (error.code === "EEXIST" || error.code === "ENOTDIR") {
    fail(`${dataDir} is a file, not a directory: choose another --data-dir`);
  }
  if (error.code === "EACCES" || error.code === "EROFS" || error.code === "SQLITE_READONLY") {
    fail(`cannot write to ${dataDir}: give keyless a --data-dir it may write`);
  }
  if (error.code === "SQLITE_NOTADB" || error.code === "SQLITE_CORRUPT") {
    fail(
      `${dataDir}/keyless.db is not a keyless database, or is damaged: ` +
        "move it aside, or choose another --data-dir",
    );
  }
  throw error;
}

/** The options `credentials root` needs to name this server, when it is not on the defaults. */
function endpointOption(endpoint: string, region: string): string {
  const options =
    endpoint === `http://${DEFAULTS.host}:${DEFAULTS.port}` ? "" : ` --endpoint ${endpoint}`;
  return region === DEFAULTS.region ? options : `${options} --region ${region}`;
}

/** How this command was run, so the banner's hints can be pasted as they are. */
function invocation(): string {
  const script = process.argv[1] ?? "keyless";
  if (/(^|\/)keyless$/.test(script)) return "keyless";
  return `node ${shellWord(relative(process.cwd(), script) || script)}`;
}

/** A path as one word a shell reads back unchanged: quoted when it holds anything unusual. */
function shellWord(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function rootKeyFromEnv() {
  const accessKeyId = process.env[ENV.rootAccessKeyId];
  const secretAccessKey = process.env[ENV.rootSecretAccessKey];
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey };
}

function printBanner(
  endpoint: string,
  options: { accounts: string[]; region: string },
  dataDir: string | undefined,
  ms: number,
) {
  const where = `--data-dir ${shellWord(dataDir ?? "")}${endpointOption(endpoint, options.region)}`;
  const rootCommand = `${invocation()} credentials root ${where}`;
  const others = options.accounts.length > 1 ? "  (--account ID for the others)" : "";
  const lines = [
    `keyless ${VERSION} listening on ${endpoint} (ready in ${Math.round(ms)} ms)`,
    `  account${options.accounts.length > 1 ? "s" : " "}     ${options.accounts.join(", ")}`,
    `  region       ${options.region}`,
    `  data dir     ${dataDir ?? "(in memory: nothing is kept)"}`,
    "  enforcing    SigV4 signatures and IAM policies on every request",
    dataDir
      ? `  credentials  eval "$(${rootCommand})"${others}`
      : `  credentials  root keys of an in-memory keyless come from ${ENV.rootAccessKeyId} and ${ENV.rootSecretAccessKey}`,
    `  health       ${endpoint}/_keyless/health`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
