// With HttpTokens=required an IMDSv1 client gets nothing, while the SDKs, which use IMDSv2,
// carry on: the JS SDK, Debian's boto3 and Debian's AWS CLI, each under keyless exec.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ModifyInstanceMetadataOptionsCommand } from "@aws-sdk/client-ec2";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { cleanEnv, keyless as keylessCli } from "../support/processes.js";
import { setUpRolePath } from "../support/walkthrough.js";

let keyless: TestKeyless;
let instanceId: string;
before(async () => {
  keyless = await startKeyless();
  instanceId = await setUpRolePath(keyless);
  const ec2 = clients(keyless.endpoint, keyless.root, keyless.clock.describe().offsetMs).ec2;
  await ec2.send(
    new ModifyInstanceMetadataOptionsCommand({ InstanceId: instanceId, HttpTokens: "required" }),
  );
  keyless.clock.advance(keyless.app.config.propagationDelayMs);
});
after(() => keyless.stop());

const onInstance = (command: string[]) =>
  keylessCli(
    ["exec", "--instance", instanceId, "--endpoint", keyless.endpoint, "--", ...command],
    cleanEnv(),
  );

test("an IMDSv1 request for the role's credentials is refused with 401", async () => {
  const endpoint = keyless.app.imds.endpoint(instanceId) as string;
  const response = await fetch(`${endpoint}/latest/meta-data/iam/security-credentials/`);
  assert.equal(response.status, 401);
});

test("the JS SDK, boto3 and the AWS CLI still get the role through IMDSv2", async () => {
  const js = await onInstance([process.execPath, "test/fixtures/role-app.mjs"]);
  assert.equal(js.code, 0, js.stderr);
  assert.match(JSON.parse(js.stdout).identity.value.Arn, /assumed-role\/EC2S3ReadRole\//);

  const boto = await onInstance(["/usr/bin/python3", "test/fixtures/role_app.py"]);
  assert.equal(boto.code, 0, boto.stderr);
  assert.match(JSON.parse(boto.stdout).identity.value, /assumed-role\/EC2S3ReadRole\//);

  const cli = await onInstance([
    "/usr/bin/aws",
    "--endpoint-url",
    keyless.endpoint,
    "sts",
    "get-caller-identity",
    "--output",
    "text",
    "--query",
    "Arn",
  ]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /assumed-role\/EC2S3ReadRole\//);
});
