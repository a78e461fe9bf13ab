// Policies that test the condition keys EC2 puts in a request's context, through the AWS SDK:
// an instance's tags and own keys on actions that name it, the attributes
// ModifyInstanceMetadataOptions sets, and the tags RunInstances gives the instance it launches.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  type EC2Client,
  ModifyInstanceMetadataOptionsCommand,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  type Tag,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import { CreateInstanceProfileCommand } from "@aws-sdk/client-iam";
import { allow, type Statement, userWithKey } from "../support/principals.js";
import { type Ec2Server, IMAGE, startEc2Server } from "./server.js";

const deny = (action: string, resource: string, condition: Record<string, unknown>) => ({
  Effect: "Deny",
  Action: action,
  Resource: resource,
  Condition: condition,
});

const taggedWith = (tags: Tag[]) => ({
  TagSpecifications: [{ ResourceType: "instance" as const, Tags: tags }],
});

describe("EC2 condition keys", () => {
  let server: Ec2Server;
  let users = 0;
  before(async () => {
    server = await startEc2Server();
  });
  after(() => server.keyless.stop());

  /** An EC2 client for a new user whose one inline policy has these statements. */
  const clientFor = async (...statements: Statement[]): Promise<EC2Client> => {
    const { endpoint, root } = server.keyless;
    users += 1;
    return server.ec2(await userWithKey(endpoint, root, `condition-user-${users}`, ...statements));
  };
  const terminate = (ec2: EC2Client, instanceId: string) =>
    ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
  const run = (ec2: EC2Client, input: Partial<RunInstancesCommandInput> = {}) =>
    ec2.send(new RunInstancesCommand({ ImageId: IMAGE, MinCount: 1, MaxCount: 1, ...input }));
  const stateOf = async (instanceId: string) => {
    const reply = await server
      .ec2()
      .send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    return reply.Reservations?.[0]?.Instances?.[0]?.State?.Name;
  };

  for (const key of ["aws:ResourceTag/env", "ec2:ResourceTag/env"]) {
    it(`allows acting on an instance whose tag ${key} the allow names`, async () => {
      const dev = await server.launch(taggedWith([{ Key: "env", Value: "dev" }]));
      const prod = await server.launch(taggedWith([{ Key: "env", Value: "prod" }]));
      const actions = ["ec2:TerminateInstances", "ec2:ModifyInstanceMetadataOptions"];
      const ec2 = await clientFor({
        ...allow(actions),
        Condition: { StringEquals: { [key]: "dev" } },
      });

      const modify = (InstanceId: string) =>
        ec2.send(new ModifyInstanceMetadataOptionsCommand({ InstanceId, HttpTokens: "required" }));
      const modified = await modify(dev);
      assert.equal(modified.InstanceMetadataOptions?.HttpTokens, "required", "dev's HttpTokens");
      await assert.rejects(modify(prod), { name: "UnauthorizedOperation" });
      await terminate(ec2, dev);
      assert.equal(await stateOf(dev), "terminated", "dev's state");
      await assert.rejects(terminate(ec2, prod), { name: "UnauthorizedOperation" });
    });
  }

  it("matches a tag whatever the case of the key name in the policy", async () => {
    const dev = await server.launch(taggedWith([{ Key: "env", Value: "dev" }]));
    const ec2 = await clientFor({
      ...allow("ec2:TerminateInstances"),
      Condition: { StringEquals: { "AWS:ResourceTag/ENV": "dev" } },
    });
    await terminate(ec2, dev);
    assert.equal(await stateOf(dev), "terminated", "state after the terminate");
  });

  it("protects prod instances from termination with a Deny on aws:ResourceTag/env", async () => {
    const dev = await server.launch(taggedWith([{ Key: "env", Value: "dev" }]));
    const prod = await server.launch(taggedWith([{ Key: "env", Value: "prod" }]));
    const ec2 = await clientFor(
      allow("ec2:*"),
      deny("ec2:TerminateInstances", "*", { StringEquals: { "aws:ResourceTag/env": "prod" } }),
    );

    await assert.rejects(terminate(ec2, prod), { name: "UnauthorizedOperation" });
    assert.equal(await stateOf(prod), "running", "prod's state after the denied terminate");
    await terminate(ec2, dev);
    assert.equal(await stateOf(dev), "terminated", "dev's state");
  });

  it("answers as before for an instance that does not exist", async () => {
    const ec2 = await clientFor(
      allow("ec2:*"),
      deny("ec2:TerminateInstances", "*", { StringEquals: { "aws:ResourceTag/env": "prod" } }),
    );
    await assert.rejects(terminate(ec2, "i-0123456789abcdef0"), {
      name: "InvalidInstanceID.NotFound",
    });
    await assert.rejects(terminate(ec2, "i-nope"), { name: "InvalidInstanceID.Malformed" });

    const tagged = await clientFor({
      ...allow("ec2:TerminateInstances"),
      Condition: { StringEquals: { "aws:ResourceTag/env": "dev" } },
    });
    await assert.rejects(terminate(tagged, "i-0123456789abcdef0"), {
      name: "UnauthorizedOperation",
    });
  });

  it("denies ModifyInstanceMetadataOptions by the ec2:Attribute/HttpTokens it sets", async () => {
    const instanceId = await server.launch({ MetadataOptions: { HttpTokens: "required" } });
    const ec2 = await clientFor(
      allow("ec2:*"),
      deny("ec2:ModifyInstanceMetadataOptions", "*", {
        StringEquals: { "ec2:Attribute/HttpTokens": "optional" },
      }),
    );
    const modify = (input: Record<string, unknown>) =>
      ec2.send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: instanceId, ...input }));

    await assert.rejects(modify({ HttpTokens: "optional" }), { name: "UnauthorizedOperation" });
    const other = await modify({ HttpEndpoint: "enabled" });
    assert.equal(other.InstanceMetadataOptions?.HttpTokens, "required", "HttpTokens kept");
    const same = await modify({ HttpTokens: "required" });
    assert.equal(same.InstanceId, instanceId, "InstanceId in the reply");
  });

  it("compares ec2:Attribute/HttpPutResponseHopLimit as the number sent", async () => {
    const instanceId = await server.launch();
    const ec2 = await clientFor(
      allow("ec2:*"),
      deny("ec2:ModifyInstanceMetadataOptions", "*", {
        NumericGreaterThan: { "ec2:Attribute/HttpPutResponseHopLimit": "2" },
      }),
    );
    const modify = (hops: number) =>
      ec2.send(
        new ModifyInstanceMetadataOptionsCommand({
          InstanceId: instanceId,
          HttpPutResponseHopLimit: hops,
        }),
      );
    await assert.rejects(modify(3), { name: "UnauthorizedOperation" });
    const reply = await modify(2);
    assert.equal(reply.InstanceMetadataOptions?.HttpPutResponseHopLimit, 2, "hop limit set");
  });

  it("keeps an instance that requires IMDSv2 locked with ec2:MetadataHttpTokens", async () => {
    const locked = await server.launch({ MetadataOptions: { HttpTokens: "required" } });
    const open = await server.launch();
    const ec2 = await clientFor(
      allow("ec2:*"),
      deny("ec2:ModifyInstanceMetadataOptions", "*", {
        StringEquals: { "ec2:MetadataHttpTokens": "required" },
      }),
    );
    const modify = (InstanceId: string) =>
      ec2.send(new ModifyInstanceMetadataOptionsCommand({ InstanceId, HttpEndpoint: "enabled" }));

    await assert.rejects(modify(locked), { name: "UnauthorizedOperation" });
    const reply = await modify(open);
    assert.equal(reply.InstanceId, open, "the open instance is modified");
  });

  it("terminates only instances with one profile, by ec2:InstanceProfile", async () => {
    const created = await server
      .iam()
      .send(new CreateInstanceProfileCommand({ InstanceProfileName: "condition-web" }));
    const profileArn = created.InstanceProfile?.Arn ?? "";
    const withProfile = await server.launch({ IamInstanceProfile: { Arn: profileArn } });
    const without = await server.launch();
    const ec2 = await clientFor({
      ...allow("ec2:TerminateInstances"),
      Condition: { ArnEquals: { "ec2:InstanceProfile": profileArn } },
    });

    await assert.rejects(terminate(ec2, without), { name: "UnauthorizedOperation" });
    await terminate(ec2, withProfile);
    assert.equal(await stateOf(withProfile), "terminated", "state of the profiled instance");
  });

  it("allows a launch whose instance tags a Null aws:RequestTag/owner Deny asks for", async () => {
    const ec2 = await clientFor(
      allow(["ec2:RunInstances", "ec2:CreateTags"]),
      deny("ec2:RunInstances", "arn:aws:ec2:*:*:instance/*", {
        Null: { "aws:RequestTag/owner": "true" },
      }),
    );

    const owned = await run(ec2, taggedWith([{ Key: "owner", Value: "me" }]));
    const instanceId = owned.Instances?.[0]?.InstanceId;
    assert.ok(instanceId, "a launch tagged with owner returns an instance");
    await assert.rejects(run(ec2), { name: "UnauthorizedOperation" });
    await assert.rejects(run(ec2, taggedWith([{ Key: "team", Value: "blue" }])), {
      name: "UnauthorizedOperation",
    });
  });

  it("limits launch tags with aws:TagKeys and aws:RequestTag on the instance", async () => {
    const instances = "arn:aws:ec2:*:*:instance/*";
    const ec2 = await clientFor(
      allow(["ec2:RunInstances", "ec2:CreateTags"]),
      deny("ec2:RunInstances", instances, {
        "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["owner", "env"] },
      }),
      deny("ec2:RunInstances", instances, {
        StringNotEquals: { "aws:RequestTag/env": ["dev", "test"] },
      }),
    );

    const allowed = await run(
      ec2,
      taggedWith([
        { Key: "owner", Value: "me" },
        { Key: "env", Value: "dev" },
      ]),
    );
    assert.ok(allowed.Instances?.[0]?.InstanceId, "a launch with owner and env=dev");
    await assert.rejects(run(ec2, taggedWith([{ Key: "cost", Value: "1" }])), {
      name: "UnauthorizedOperation",
    });
    await assert.rejects(run(ec2, taggedWith([{ Key: "env", Value: "prod" }])), {
      name: "UnauthorizedOperation",
    });
  });

  it("retags only dev instances, and never removes a protected tag", async () => {
    const dev = await server.launch(
      taggedWith([
        { Key: "env", Value: "dev" },
        { Key: "protected", Value: "yes" },
      ]),
    );
    const prod = await server.launch(taggedWith([{ Key: "env", Value: "prod" }]));
    const ec2 = await clientFor(
      {
        ...allow(["ec2:CreateTags", "ec2:DeleteTags"]),
        Condition: { StringEquals: { "ec2:ResourceTag/env": "dev" } },
      },
      deny("ec2:DeleteTags", "*", { "ForAnyValue:StringEquals": { "aws:TagKeys": "protected" } }),
    );
    const tag = (instanceId: string) =>
      ec2.send(
        new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: "x", Value: "1" }] }),
      );
    const untag = (Key: string) =>
      ec2.send(new DeleteTagsCommand({ Resources: [dev], Tags: [{ Key }] }));

    await tag(dev);
    await assert.rejects(tag(prod), { name: "UnauthorizedOperation" });
    await untag("x");
    await assert.rejects(untag("protected"), { name: "UnauthorizedOperation" });
  });

  it("gives every EC2 action ec2:Region", async () => {
    const ec2 = await clientFor({
      ...allow("ec2:DescribeInstances"),
      Condition: { StringEquals: { "ec2:Region": "us-east-1" } },
    });
    const reply = await ec2.send(new DescribeInstancesCommand({}));
    assert.ok(Array.isArray(reply.Reservations), "DescribeInstances answered");
  });

  it("launches only the AMIs a policy names, as RunInstances is asked on the image too", async () => {
    const other = "ami-0fedcba9876543210";
    const ec2 = await clientFor(
      allow("ec2:RunInstances", ["arn:aws:ec2:*:*:instance/*", `arn:aws:ec2:*::image/${IMAGE}`]),
    );
    const launched = await run(ec2);
    assert.ok(launched.Instances?.[0]?.InstanceId, `a launch of ${IMAGE}`);
    await assert.rejects(run(ec2, { ImageId: other }), { name: "UnauthorizedOperation" });

    // The instance's own keys are not the image's: a condition on one in a statement that
    // also covers images fails on the image, so AWS's examples scope it to instance/*.
    const typed = await clientFor({
      ...allow("ec2:RunInstances"),
      Condition: { StringEquals: { "ec2:InstanceType": "t3.micro" } },
    });
    await assert.rejects(run(typed), { name: "UnauthorizedOperation" });
    const scoped = await clientFor(
      {
        ...allow("ec2:RunInstances", "arn:aws:ec2:*:*:instance/*"),
        Condition: { StringEquals: { "ec2:InstanceType": "t3.micro" } },
      },
      allow("ec2:RunInstances", "arn:aws:ec2:*::image/*"),
    );
    await run(scoped, { InstanceType: "t3.micro" });
    const denied = await clientFor(allow("ec2:RunInstances"), {
      Effect: "Deny",
      Action: "ec2:RunInstances",
      Resource: `arn:aws:ec2:*::image/${other}`,
    });
    await run(denied);
    await assert.rejects(run(denied, { ImageId: other }), { name: "UnauthorizedOperation" });
  });
});
