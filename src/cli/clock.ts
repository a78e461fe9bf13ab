// `keyless clock show|advance|set|reset|freeze`: read or move the server's clock. Moving it
// needs the account's root credentials; every expiry and propagation delay follows it.
import { resolve } from "node:path";
import { Command } from "commander";
import { ADMIN_SERVICE } from "../server/keyless-admin.js";
import { signRequest } from "../sigv4/sign-request.js";
import { DEFAULTS, defaultEndpoint } from "./defaults.js";
import { fail } from "./fail.js";
import { callKeyless, keylessUrl, servingTarget } from "./keyless-api.js";
import { rootCredentials } from "./root-credentials.js";

interface ClockOptions {
  endpoint: string;
  dataDir: string;
  region: string;
}

interface ClockAnswer {
  now?: string;
  offsetMs?: number;
  message?: string;
}

async function serverOffset(url: URL, endpoint: string): Promise<number> {
  return (await callKeyless<ClockAnswer>(endpoint, url)).body.offsetMs ?? 0;
}

async function call(options: ClockOptions, change: Record<string, unknown> | undefined) {
  const url = keylessUrl(options.endpoint, "/_keyless/clock");
  const body = change ? JSON.stringify(change) : "";
  const headers = change
    ? signRequest({
        method: "POST",
        url,
        body,
        service: ADMIN_SERVICE,
        region: options.region,
        credentials: await rootCredentials(resolve(options.dataDir)),
        // Sign at the server's time, as the SDKs do once they learn of a skew: a moved clock
        // would otherwise refuse the very request that moves it back.
        now: Date.now() + (await serverOffset(url, options.endpoint)),
      })
    : {};
  const {
    ok,
    status,
    body: answer,
  } = await callKeyless<ClockAnswer>(options.endpoint, url, {
    method: change ? "POST" : "GET",
    headers: { ...headers, "content-type": "application/json" },
    ...(change ? { body } : {}),
  });
  if (!ok) fail(answer.message ?? `keyless answered ${status}`);
  // `|| 0` turns a rounded -0 into 0, so an offset under half a second prints as +0.
  const offset = Math.round((answer.offsetMs ?? 0) / 1000) || 0;
  process.stdout.write(`${answer.now} (${offset >= 0 ? "+" : ""}${offset} s from real time)\n`);
}

export function clockCommand(): Command {
  const command = new Command("clock").description("read or move the server clock");
  const withOptions = (sub: Command) =>
    sub
      .option("--endpoint <url>", "the keyless endpoint", defaultEndpoint())
      .option("--data-dir <dir>", "the data dir holding the root credentials", DEFAULTS.dataDir)
      .option("--region <region>", "the region", DEFAULTS.region);
  // Pointed at a data dir, the command goes where the keyless serving it listens.
  const at = (options: ClockOptions, sub: Command): ClockOptions => ({
    ...options,
    ...servingTarget(sub, options),
  });
  withOptions(command.command("show").description("print the server's time")).action(
    (options: ClockOptions, sub: Command) => call(at(options, sub), undefined),
  );
  withOptions(
    command
      .command("advance")
      .argument("<duration>", "e.g. 2h, 90m, 1h30m")
      .description("move the clock forward (to go back, use clock set or clock reset)"),
  ).action((duration: string, options: ClockOptions, sub: Command) =>
    call(at(options, sub), { advance: duration }),
  );
  withOptions(
    command
      .command("set")
      .argument("<time>", "ISO 8601, e.g. 2027-01-01T00:00:00Z")
      .description("set the clock"),
  ).action((time: string, options: ClockOptions, sub: Command) =>
    call(at(options, sub), { set: time }),
  );
  withOptions(command.command("reset").description("go back to real time")).action(
    (options: ClockOptions, sub: Command) => call(at(options, sub), { reset: true }),
  );
  withOptions(command.command("freeze").description("stop the clock where it is")).action(
    (options: ClockOptions, sub: Command) => call(at(options, sub), { freeze: true }),
  );
  return command;
}
