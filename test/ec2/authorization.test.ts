// What the new EC2 handlers ask IAM: the action, the resource and the condition keys, in order.
import { strict as assert } from "node:assert";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ACCOUNT, REGION } from "../imds/fixture.js";
import { type Ec2Fixture, ec2Fixture } from "./handler-fixture.js";

describe("EC2 authorization of metadata options and tags", () => {
  let fx: Ec2Fixture;
  let instanceArn: string;
  beforeEach(async () => {
    fx = await ec2Fixture();
    instanceArn = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${fx.instance.instanceId}`;
  });
  afterEach(() => fx.close());

  const asked = () => fx.asked.map((a) => [a.action, a.resource, a.context]);

  it("asks RunInstances with metadata condition keys, then CreateTags for its tags", async () => {
    await fx.call({
      Action: "RunInstances",
      ImageId: "ami-0123456789abcdef0",
      "MetadataOptions.HttpTokens": "required",
      "TagSpecification.1.ResourceType": "instance",
      "TagSpecification.1.Tag.1.Key": "Name",
      "TagSpecification.1.Tag.1.Value": "web",
    });
    assert.deepEqual(asked(), [
      [
        "ec2:RunInstances",
        `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`,
        {
          "ec2:MetadataHttpTokens": "required",
          "ec2:MetadataHttpEndpoint": "enabled",
          "ec2:MetadataHttpPutResponseHopLimit": "1",
        },
      ],
      [
        "ec2:CreateTags",
        `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`,
        {
          "ec2:CreateAction": "RunInstances",
          "aws:TagKeys": ["Name"],
          "aws:RequestTag/Name": "web",
        },
      ],
    ]);
  });

  it("launches nothing when tagging on launch is denied", async () => {
    fx.deny.add("ec2:CreateTags");
    const launch = fx.call({
      Action: "RunInstances",
      ImageId: "ami-0123456789abcdef0",
      "TagSpecification.1.ResourceType": "instance",
      "TagSpecification.1.Tag.1.Key": "Name",
    });
    await assert.rejects(launch, { code: "UnauthorizedOperation" });
    assert.equal((await fx.model.instances.list(ACCOUNT)).length, 1, "only the fixture's instance");
  });

  it("asks for CreateTags and DeleteTags on the instance with the tag keys", async () => {
    const id = fx.instance.instanceId;
    await fx.call({
      Action: "CreateTags",
      "ResourceId.1": id,
      "Tag.1.Key": "a",
      "Tag.1.Value": "1",
    });
    await fx.call({ Action: "DeleteTags", "ResourceId.1": id, "Tag.1.Key": "a" });
    await fx.call({ Action: "DescribeTags" });
    assert.deepEqual(asked(), [
      ["ec2:CreateTags", instanceArn, { "aws:TagKeys": ["a"], "aws:RequestTag/a": "1" }],
      ["ec2:DeleteTags", instanceArn, { "aws:TagKeys": ["a"] }],
      ["ec2:DescribeTags", "*", undefined],
    ]);
  });

  it("changes no tag when CreateTags is denied", async () => {
    fx.deny.add("ec2:CreateTags");
    const id = fx.instance.instanceId;
    const call = fx.call({ Action: "CreateTags", "ResourceId.1": id, "Tag.1.Key": "a" });
    await assert.rejects(call, { code: "UnauthorizedOperation" });
    const stored = await fx.model.instances.get(ACCOUNT, id);
    assert.deepEqual(stored.tags ?? {}, {}, "tags after a denied CreateTags");
  });

  it("asks ModifyInstanceMetadataOptions on the instance; a denial changes nothing", async () => {
    fx.deny.add("ec2:ModifyInstanceMetadataOptions");
    const call = fx.call({
      Action: "ModifyInstanceMetadataOptions",
      InstanceId: fx.instance.instanceId,
      HttpTokens: "required",
    });
    await assert.rejects(call, { code: "UnauthorizedOperation" });
    assert.deepEqual(asked(), [["ec2:ModifyInstanceMetadataOptions", instanceArn, undefined]]);
    const stored = await fx.model.instances.get(ACCOUNT, fx.instance.instanceId);
    assert.equal(stored.metadataOptions?.httpTokens, "optional", "HttpTokens after the denial");
  });
});
