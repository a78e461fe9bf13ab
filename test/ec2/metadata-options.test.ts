// Instance metadata options through the AWS SDK: RunInstances MetadataOptions,
// ModifyInstanceMetadataOptions (pending, then applied) and DescribeInstances, and the metadata
// listener following them once they are applied.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import {
  DescribeInstancesCommand,
  type HttpTokensState,
  ModifyInstanceMetadataOptionsCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { type Ec2Server, IMAGE, startEc2Server } from "./server.js";

describe("instance metadata options", () => {
  let server: Ec2Server;
  before(async () => {
    server = await startEc2Server();
  });
  after(() => server.keyless.stop());

  const described = async (instanceId: string) => {
    const reply = await server
      .ec2()
      .send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    return reply.Reservations?.[0]?.Instances?.[0]?.MetadataOptions;
  };
  const imdsV1Status = async (instanceId: string) => {
    const endpoint = server.keyless.app.imds.endpoint(instanceId);
    return (await fetch(`${endpoint}/latest/meta-data/instance-id`)).status;
  };

  it("launches with the defaults, or with the MetadataOptions given to RunInstances", async () => {
    const plain = await server.launch();
    assert.deepEqual(await described(plain), {
      State: "applied",
      HttpTokens: "optional",
      HttpPutResponseHopLimit: 1,
      HttpEndpoint: "enabled",
      HttpProtocolIpv6: "disabled",
      InstanceMetadataTags: "disabled",
    });

    const options = { HttpTokens: "required", HttpPutResponseHopLimit: 2 } as const;
    const reply = await server.ec2().send(
      new RunInstancesCommand({
        ImageId: IMAGE,
        MinCount: 1,
        MaxCount: 1,
        MetadataOptions: options,
      }),
    );
    const launched = reply.Instances?.[0];
    assert.equal(launched?.MetadataOptions?.State, "pending", "state in the RunInstances reply");
    const shown = await described(launched?.InstanceId ?? "");
    assert.equal(shown?.HttpTokens, "required", `HttpTokens ${shown?.HttpTokens}`);
    assert.equal(shown?.HttpPutResponseHopLimit, 2, "hop limit kept and reported");
    assert.equal(shown?.State, "applied", "options given at launch are in place at boot");
    assert.equal(await imdsV1Status(launched?.InstanceId ?? ""), 401, "IMDSv1 at launch");
  });

  it("answers a change with pending, applies it after the delay, keeps the rest", async () => {
    const instanceId = await server.launch();
    const reply = await server.ec2().send(
      new ModifyInstanceMetadataOptionsCommand({
        InstanceId: instanceId,
        HttpTokens: "required",
        HttpPutResponseHopLimit: 3,
      }),
    );
    assert.equal(reply.InstanceId, instanceId);
    assert.deepEqual(reply.InstanceMetadataOptions, {
      State: "pending",
      HttpTokens: "required",
      HttpPutResponseHopLimit: 3,
      HttpEndpoint: "enabled",
      HttpProtocolIpv6: "disabled",
      InstanceMetadataTags: "disabled",
    });
    assert.equal((await described(instanceId))?.State, "pending", "described right after");
    assert.equal(await imdsV1Status(instanceId), 200, "IMDSv1 while the change is pending");

    server.settle();
    const applied = await described(instanceId);
    assert.equal(applied?.State, "applied", "described after the delay");
    assert.equal(applied?.HttpTokens, "required");
    assert.equal(await imdsV1Status(instanceId), 401, "IMDSv1 once IMDSv2 is required");

    await server.ec2().send(
      new ModifyInstanceMetadataOptionsCommand({
        InstanceId: instanceId,
        HttpEndpoint: "disabled",
      }),
    );
    server.settle();
    const off = await described(instanceId);
    assert.equal(off?.HttpTokens, "required", "HttpTokens kept when left out");
    assert.equal(off?.HttpPutResponseHopLimit, 3, "hop limit kept when left out");
    assert.equal(await imdsV1Status(instanceId), 403, "status once the endpoint is disabled");
  });

  it("refuses values the API does not accept with InvalidParameterValue", async () => {
    const instanceId = await server.launch();
    const modify = (input: Record<string, unknown>) =>
      server
        .ec2()
        .send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: instanceId, ...input }));
    for (const hops of [0, 65]) {
      await assert.rejects(modify({ HttpPutResponseHopLimit: hops }), {
        name: "InvalidParameterValue",
      });
    }
    await assert.rejects(modify({ HttpTokens: "sometimes" as HttpTokensState }), {
      name: "InvalidParameterValue",
      message: /HttpTokens/,
    });
    await assert.rejects(server.launch({ MetadataOptions: { HttpPutResponseHopLimit: 65 } }), {
      name: "InvalidParameterValue",
    });
  });

  it("refuses to modify a terminated instance", async () => {
    const instanceId = await server.launch();
    await server.ec2().send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    await assert.rejects(
      server.ec2().send(
        new ModifyInstanceMetadataOptionsCommand({
          InstanceId: instanceId,
          HttpTokens: "required",
        }),
      ),
      { name: "IncorrectInstanceState" },
    );
  });

  it("lets a policy require IMDSv2 at launch through ec2:MetadataHttpTokens", async () => {
    const iam = server.iam();
    await iam.send(new CreateUserCommand({ UserName: "launcher" }));
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" },
        {
          Effect: "Deny",
          Action: "ec2:RunInstances",
          Resource: "arn:aws:ec2:*:*:instance/*",
          Condition: { StringNotEquals: { "ec2:MetadataHttpTokens": "required" } },
        },
      ],
    };
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "launcher",
        PolicyName: "require-imdsv2",
        PolicyDocument: JSON.stringify(policy),
      }),
    );
    const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: "launcher" }));
    const ec2 = server.ec2({
      accessKeyId: key?.AccessKeyId ?? "",
      secretAccessKey: key?.SecretAccessKey ?? "",
    });
    const run = (HttpTokens: HttpTokensState) =>
      ec2.send(
        new RunInstancesCommand({
          ImageId: IMAGE,
          MinCount: 1,
          MaxCount: 1,
          MetadataOptions: { HttpTokens },
        }),
      );
    await assert.rejects(run("optional"), { name: "UnauthorizedOperation" });
    const allowed = await run("required");
    assert.ok(allowed.Instances?.[0]?.InstanceId, "a launch that requires IMDSv2 is allowed");
  });
});
