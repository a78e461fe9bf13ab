// `keyless exec --instance ID -- COMMAND` runs a command as code on that instance: the SDKs find
// the instance's IMDS and get the role's credentials from it, as on EC2.
// `keyless env --instance ID` prints the same environment as export lines.
import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:os";
import { Command } from "commander";
import { DEFAULTS, defaultEndpoint } from "./defaults.js";
import { fail } from "./fail.js";
import { childClock, fakeTimeLibrary } from "./faketime.js";
import { callKeyless, keylessUrl } from "./keyless-api.js";

const STATIC_KEY_VARIABLES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

interface InstanceInfo {
  instanceId: string;
  state: string;
  imdsEndpoint: string | null;
}

async function instanceEnvironment(endpoint: string, instanceId: string, region: string) {
  const url = keylessUrl(endpoint, `/_keyless/instances/${encodeURIComponent(instanceId)}`);
  const { status, ok, body: info } = await callKeyless<InstanceInfo>(endpoint, url);
  if (status === 404) fail(`no instance ${instanceId} in keyless at ${endpoint}`);
  if (!ok) fail(`keyless answered ${status} for ${url}`);
  const imds = info.imdsEndpoint;
  if (!imds) fail(`instance ${instanceId} is ${info.state}: it has no metadata service`);
  return {
    // Debian's AWS CLI v2 joins paths onto this endpoint and needs the trailing slash.
    AWS_EC2_METADATA_SERVICE_ENDPOINT: `${imds.replace(/\/$/, "")}/`,
    AWS_EC2_METADATA_DISABLED: "false",
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
  };
}

/** `who` is what would run with the key: "this command", or code in a shell given the lines. */
function warnAboutStaticKeys(who: string): void {
  const present = STATIC_KEY_VARIABLES.filter((name) => process.env[name]);
  if (present.length === 0) return;
  process.stderr.write(
    `keyless: WARNING: ${present.join(", ")} ${present.length > 1 ? "are" : "is"} set. ` +
      `The SDKs take keys from the environment before IMDS, so ${who} will run with ` +
      "that long-lived key, not the instance role. Unset them to test the role path.\n",
  );
}

/** Puts the command in the server's time when libfaketime is there; says so when it is not. */
async function serverTime(endpoint: string, timeFile: string | undefined) {
  const library = fakeTimeLibrary();
  if (library) return childClock(endpoint, library, timeFile);
  const url = keylessUrl(endpoint, "/_keyless/clock");
  const reading = (await callKeyless<{ offsetMs?: number }>(endpoint, url)).body;
  if ((reading.offsetMs ?? 0) !== 0) {
    process.stderr.write(
      "keyless: the server clock has been moved, but libfaketime is not installed " +
        "(apt-get install faketime): the command sees real time, so its SDK will not refresh " +
        "credentials when the server expires them.\n",
    );
  }
  return undefined;
}

function instanceOptions(command: Command): Command {
  return command
    .requiredOption("--instance <id>", "the instance id (i-…)")
    .option("--endpoint <url>", "the keyless endpoint", defaultEndpoint())
    .option("--region <region>", "the region", DEFAULTS.region);
}

export function execCommand(): Command {
  return instanceOptions(new Command("exec"))
    .description("run a command as code on an instance, with the instance role via IMDS")
    .argument("<command...>", "the command and its arguments (after --)")
    .option("--time-file <path>", "where the command's clock offset is kept (libfaketime's file)")
    .action(async function execOnInstance(argv: string[], options) {
      const env = await instanceEnvironment(options.endpoint, options.instance, options.region);
      warnAboutStaticKeys("this command");
      const clock = await serverTime(options.endpoint, options.timeFile);
      const [program, ...args] = argv as [string, ...string[]];
      const child = spawn(program, args, {
        stdio: "inherit",
        env: { ...process.env, ...env, ...clock?.env },
      });
      child.on("error", (error: NodeJS.ErrnoException) => {
        // A shell's codes: 127 when the command is not found, 126 when it cannot be run.
        process.stderr.write(`keyless: cannot run ${program}: ${error.message}\n`);
        clock?.stop();
        process.exit(error.code === "ENOENT" ? 127 : 126);
      });
      forwardSignals(child);
      child.on("exit", (code, signal) => {
        clock?.stop();
        // A child ended by a signal exits as a shell reports it: 128 + the signal's number.
        process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
      });
    });
}

/**
 * A SIGTERM or SIGHUP sent to exec reaches the command too, as it would a command run
 * directly, instead of leaving it running without its clock. SIGINT from a terminal already
 * reaches the whole process group, so exec only waits for the command to end.
 */
function forwardSignals(child: ChildProcess): void {
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  process.on("SIGINT", () => {});
}

export function envCommand(): Command {
  return instanceOptions(new Command("env"))
    .description("print the environment of code on an instance, as export lines")
    .action(async function printInstanceEnvironment(options) {
      const env = await instanceEnvironment(options.endpoint, options.instance, options.region);
      warnAboutStaticKeys("code in a shell that keeps them");
      const lines = Object.entries(env).map(([name, value]) => `export ${name}=${value}`);
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
