// The whole path an application on an instance takes: launch with an instance profile through the
// SDK, fetch credentials from the instance's IMDS with the SDK's own provider, and call AWS as
// the role session named after the instance.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { RunInstancesCommand, TerminateInstancesCommand } from "@aws-sdk/client-ec2";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromInstanceMetadata } from "@smithy/credential-provider-imds";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});

describe("an application on an instance", () => {
  let keyless: TestKeyless;
  let instanceId: string;
  let imdsEndpoint: string;

  before(async () => {
    keyless = await startKeyless();
    const { iam, ec2 } = clients(keyless.endpoint, keyless.root);
    await iam.send(new CreateRoleCommand({ RoleName: "web", AssumeRolePolicyDocument: TRUST }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "web" }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: "web", RoleName: "web" }),
    );
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: "ami-0123456789abcdef0",
        MinCount: 1,
        MaxCount: 1,
        IamInstanceProfile: { Name: "web" },
      }),
    );
    instanceId = run.Instances?.[0]?.InstanceId ?? "";
    imdsEndpoint = keyless.app.imds.endpoint(instanceId) ?? "";
    assert.ok(imdsEndpoint, "the instance has an IMDS endpoint");
  });
  after(() => keyless.stop());

  it("calls AWS as the role session named after the instance", async () => {
    const saved = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imdsEndpoint;
    try {
      const credentials = await fromInstanceMetadata({ maxRetries: 0 })();
      assert.match(credentials.accessKeyId, /^ASIA/);
      const { sts } = clients(keyless.endpoint, credentials);
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Arn, `arn:aws:sts::123456789012:assumed-role/web/${instanceId}`);
    } finally {
      if (saved === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
      else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = saved;
    }
  });

  it("loses its metadata service when the instance is terminated", async () => {
    const { ec2 } = clients(keyless.endpoint, keyless.root);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    await assert.rejects(fetch(`${imdsEndpoint}/latest/meta-data/instance-id`));
  });
});
