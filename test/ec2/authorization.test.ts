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
  /** The fixture instance's own keys: a t3.micro with the default metadata options, untagged. */
  const instanceKeys = () => ({
    "ec2:InstanceType": "t3.micro",
    "ec2:Tenancy": "default",
    "ec2:RootDeviceType": "ebs",
    "ec2:InstanceID": fx.instance.instanceId,
    "ec2:AvailabilityZone": `${REGION}a`,
    "ec2:MetadataHttpTokens": "optional",
    "ec2:MetadataHttpEndpoint": "enabled",
    "ec2:MetadataHttpPutResponseHopLimit": "1",
    "ec2:InstanceMetadataTags": "disabled",
  });

  it("asks RunInstances with metadata condition keys, then on its image, then CreateTags for its tags", async () => {
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
          "ec2:Region": REGION,
          "ec2:InstanceType": "t3.micro",
          "ec2:Tenancy": "default",
          "ec2:RootDeviceType": "ebs",
          "ec2:MetadataHttpTokens": "required",
          "ec2:MetadataHttpEndpoint": "enabled",
          "ec2:MetadataHttpPutResponseHopLimit": "1",
          "ec2:InstanceMetadataTags": "disabled",
          "aws:TagKeys": ["Name"],
          "aws:RequestTag/Name": "web",
        },
      ],
      [
        "ec2:RunInstances",
        `arn:aws:ec2:${REGION}::image/ami-0123456789abcdef0`,
        {
          "ec2:Region": REGION,
          "ec2:ImageID": "ami-0123456789abcdef0",
          "ec2:ImageType": "machine",
          "ec2:RootDeviceType": "ebs",
        },
      ],
      [
        "ec2:CreateTags",
        `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`,
        {
          "ec2:Region": REGION,
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

  it("asks CreateTags with the instance's keys and DeleteTags with its tags only", async () => {
    const id = fx.instance.instanceId;
    await fx.call({
      Action: "CreateTags",
      "ResourceId.1": id,
      "Tag.1.Key": "a",
      "Tag.1.Value": "1",
    });
    await fx.call({ Action: "DeleteTags", "ResourceId.1": id, "Tag.1.Key": "a" });
    await fx.call({ Action: "DescribeTags" });
    const region = { "ec2:Region": REGION };
    const requestTags = { "aws:TagKeys": ["a"], "aws:RequestTag/a": "1" };
    const resourceTags = { "aws:ResourceTag/a": "1", "ec2:ResourceTag/a": "1" };
    assert.deepEqual(asked(), [
      ["ec2:CreateTags", instanceArn, { ...region, ...instanceKeys(), ...requestTags }],
      ["ec2:DeleteTags", instanceArn, { ...region, ...resourceTags, "aws:TagKeys": ["a"] }],
      ["ec2:DescribeTags", "*", region],
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
    const context = {
      "ec2:Region": REGION,
      ...instanceKeys(),
      "ec2:Attribute/HttpTokens": "required",
    };
    assert.deepEqual(asked(), [["ec2:ModifyInstanceMetadataOptions", instanceArn, context]]);
    const stored = await fx.model.instances.get(ACCOUNT, fx.instance.instanceId);
    assert.equal(stored.metadataOptions?.httpTokens, "optional", "HttpTokens after the denial");
  });
});
