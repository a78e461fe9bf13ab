// Runs commands as separate processes, the way a person or CI would.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Credentials } from "./clients.js";

export const REPO = resolve(import.meta.dirname, "../..");
export const KEYLESS_BIN = join(REPO, "dist/cli/main.js");

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment with no AWS settings at all and an empty HOME (no ~/.aws). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "keyless-home-"));
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, LANG: "C.UTF-8", ...extra };
}

/** cleanEnv with the credentials, and the region, where the AWS CLI and boto3 look for them. */
export function credentialEnv(credentials: Credentials): Record<string, string> {
  return cleanEnv({
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_PAGER: "",
  });
}

/**
 * The start of a boto3 script run as `python3 -c SCRIPT ENDPOINT BUCKET`: `s3`, a path-style
 * SigV4 client of the endpoint, and `bucket`. Debian's boto3 (1.26) ignores AWS_ENDPOINT_URL, so
 * the endpoint is passed to the client.
 */
export const BOTO3_S3_CLIENT = `
import sys
import boto3
from botocore.config import Config
endpoint, bucket = sys.argv[1:3]
s3 = boto3.session.Session().client("s3", endpoint_url=endpoint,
    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
`;

/** Debian's python3 (and so its boto3) with the credentials in its environment. */
export function python3(args: readonly string[], credentials: Credentials, timeoutMs = 60_000) {
  return run("/usr/bin/python3", args, credentialEnv(credentials), timeoutMs);
}

export function run(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    // In a process group of its own, so that a timeout ends what it started too (a command
    // under `keyless exec`), whose open pipes would otherwise keep this waiting.
    const child = spawn(command, args, {
      env,
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // The group has already gone.
      }
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** `keyless …` from the compiled build, as `npm start` runs it. */
export function keyless(args: readonly string[], env: Record<string, string>) {
  if (!existsSync(KEYLESS_BIN)) throw new Error(`${KEYLESS_BIN} is missing: run npm run build`);
  return run(process.execPath, [KEYLESS_BIN, ...args], env);
}

/** Runs a command as code on an instance: `keyless exec --instance ID -- command…`. */
export function onInstance(
  endpoint: string,
  instanceId: string,
  command: readonly string[],
  env: Record<string, string> = cleanEnv(),
) {
  return keyless(["exec", "--instance", instanceId, "--endpoint", endpoint, "--", ...command], env);
}
