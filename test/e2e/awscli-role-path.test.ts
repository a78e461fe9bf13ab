// The same role path driven entirely by Debian's AWS CLI v2 (/usr/bin/aws), which ignores
// AWS_ENDPOINT_URL and needs --endpoint-url on every call.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { cleanEnv, credentialEnv, keyless as keylessCli, run } from "../support/processes.js";
import { CONFIG_BODY, EC2_TRUST_POLICY, S3_READ_POLICY } from "../support/walkthrough.js";

const AWS = "/usr/bin/aws";
let keyless: TestKeyless;
let rootEnv: Record<string, string>;
const files = mkdtempSync(join(tmpdir(), "keyless-cli-"));

before(async () => {
  keyless = await startKeyless();
  rootEnv = credentialEnv(keyless.root);
});
after(() => keyless.stop());

async function aws(args: string[], env = rootEnv) {
  const finished = await run(
    AWS,
    ["--endpoint-url", keyless.endpoint, "--output", "json", ...args],
    env,
  );
  return finished;
}

async function awsOk(args: string[]) {
  const finished = await aws(args);
  assert.equal(finished.code, 0, `aws ${args.join(" ")} failed: ${finished.stderr}`);
  return finished.stdout.trim() === "" ? {} : JSON.parse(finished.stdout);
}

test("the AWS CLI sets up the role path and code on the instance reads but cannot write", async () => {
  writeFileSync(join(files, "trust.json"), EC2_TRUST_POLICY);
  writeFileSync(join(files, "read.json"), S3_READ_POLICY);
  writeFileSync(join(files, "config.json"), CONFIG_BODY);

  await awsOk([
    "iam",
    "create-role",
    "--role-name",
    "EC2S3ReadRole",
    "--assume-role-policy-document",
    `file://${join(files, "trust.json")}`,
  ]);
  await awsOk([
    "iam",
    "put-role-policy",
    "--role-name",
    "EC2S3ReadRole",
    "--policy-name",
    "S3ReadAccess",
    "--policy-document",
    `file://${join(files, "read.json")}`,
  ]);
  const profile = await awsOk([
    "iam",
    "create-instance-profile",
    "--instance-profile-name",
    "EC2S3ReadProfile",
  ]);
  assert.match(profile.InstanceProfile.InstanceProfileId, /^AIPA/);
  await awsOk([
    "iam",
    "add-role-to-instance-profile",
    "--instance-profile-name",
    "EC2S3ReadProfile",
    "--role-name",
    "EC2S3ReadRole",
  ]);
  const second = await aws([
    "iam",
    "add-role-to-instance-profile",
    "--instance-profile-name",
    "EC2S3ReadProfile",
    "--role-name",
    "EC2S3ReadRole",
  ]);
  assert.match(second.stderr, /LimitExceeded/, "a profile holds one role");

  await awsOk(["s3api", "create-bucket", "--bucket", "my-app-bucket"]);
  const copied = await aws([
    "s3",
    "cp",
    join(files, "config.json"),
    "s3://my-app-bucket/config.json",
  ]);
  assert.equal(copied.code, 0, copied.stderr);

  const launched = await awsOk([
    "ec2",
    "run-instances",
    "--image-id",
    "ami-0abcdef1234567890",
    "--count",
    "1",
  ]);
  const instanceId: string = launched.Instances[0].InstanceId;
  assert.match(instanceId, /^i-[0-9a-f]{17}$/);
  const association = await awsOk([
    "ec2",
    "associate-iam-instance-profile",
    "--instance-id",
    instanceId,
    "--iam-instance-profile",
    "Name=EC2S3ReadProfile",
  ]);
  assert.equal(association.IamInstanceProfileAssociation.State, "associating");

  const filters = ["--filters", `Name=instance-id,Values=${instanceId}`];
  const early = await awsOk(["ec2", "describe-iam-instance-profile-associations", ...filters]);
  assert.equal(early.IamInstanceProfileAssociations[0].State, "associating");
  keyless.clock.advance(keyless.app.config.propagationDelayMs);
  const settled = await awsOk(["ec2", "describe-iam-instance-profile-associations", ...filters]);
  assert.equal(settled.IamInstanceProfileAssociations[0].State, "associated");

  const onInstance = (args: string[]) =>
    keylessCli(
      [
        "exec",
        "--instance",
        instanceId,
        "--endpoint",
        keyless.endpoint,
        "--",
        AWS,
        "--endpoint-url",
        keyless.endpoint,
        "--output",
        "json",
        ...args,
      ],
      cleanEnv({ AWS_PAGER: "" }),
    );

  const identity = await onInstance(["sts", "get-caller-identity"]);
  assert.equal(identity.code, 0, identity.stderr);
  assert.equal(
    JSON.parse(identity.stdout).Arn,
    `arn:aws:sts::123456789012:assumed-role/EC2S3ReadRole/${instanceId}`,
  );

  const listing = await onInstance(["s3", "ls", "s3://my-app-bucket/"]);
  assert.equal(listing.code, 0, listing.stderr);
  assert.match(listing.stdout, /config\.json/);

  const read = await onInstance(["s3", "cp", "s3://my-app-bucket/config.json", "-"]);
  assert.equal(read.code, 0, read.stderr);
  assert.equal(read.stdout, CONFIG_BODY);

  const write = await onInstance([
    "s3api",
    "put-object",
    "--bucket",
    "my-app-bucket",
    "--key",
    "x.txt",
    "--body",
    join(files, "config.json"),
  ]);
  assert.notEqual(write.code, 0, "PutObject must be denied");
  assert.match(write.stderr, /AccessDenied/);
});
