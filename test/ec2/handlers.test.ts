import { strict as assert } from "node:assert";
import { afterEach, beforeEach, describe, it } from "node:test";
import { isAwsError } from "../../src/errors/aws-error.js";
import { ACCOUNT, DELAY_MS, EC2_TRUST, REGION } from "../imds/fixture.js";
import { type Ec2Fixture, ec2Fixture, type Xml } from "./handler-fixture.js";

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAwsError(error)) return error.wireCode;
    throw error;
  }
  return "no error";
}

describe("EC2 handlers", () => {
  let fx: Ec2Fixture;
  beforeEach(async () => {
    fx = await ec2Fixture();
    const role = await fx.model.roles.create(ACCOUNT, {
      roleName: "app-role",
      path: "/",
      assumeRolePolicyDocument: EC2_TRUST,
      maxSessionDuration: 3600,
    });
    await fx.model.instanceProfiles.create(ACCOUNT, "app-profile");
    await fx.model.instanceProfiles.addRole(ACCOUNT, "app-profile", role.roleName);
    await fx.model.instanceProfiles.create(ACCOUNT, "other-profile");
  });
  afterEach(() => fx.close());

  const run = (extra: Record<string, string> = {}) =>
    fx.call({
      Action: "RunInstances",
      ImageId: "ami-0123456789abcdef0",
      MinCount: "1",
      MaxCount: "1",
      ...extra,
    });

  it("launches an instance and shows it pending, with its profile, in the reply", async () => {
    const reply = await run({ "IamInstanceProfile.Name": "app-profile" });
    const instance = reply.instancesSet.item[0] as Xml;
    assert.match(instance.instanceId, /^i-[0-9a-f]{17}$/);
    assert.equal(instance.instanceType, "t3.micro");
    assert.deepEqual(instance.instanceState, { code: "0", name: "pending" });
    assert.equal(reply.ownerId, ACCOUNT);
    assert.match(instance.iamInstanceProfile.arn, /:instance-profile\/app-profile$/);
    assert.ok(fx.imds.endpoint(instance.instanceId), "IMDS listener started");
  });

  it("authorizes RunInstances on any new instance and its image, and PassRole on the profile's role", async () => {
    await run({ "IamInstanceProfile.Name": "app-profile" });
    assert.deepEqual(
      fx.asked.map((a) => [a.action, a.resource]),
      [
        ["ec2:RunInstances", `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`],
        ["ec2:RunInstances", `arn:aws:ec2:${REGION}::image/ami-0123456789abcdef0`],
        ["iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/app-role`],
      ],
    );
    assert.deepEqual(fx.asked[2]?.context, { "iam:PassedToService": "ec2.amazonaws.com" });
  });

  it("launches nothing when PassRole is denied", async () => {
    fx.deny.add("iam:PassRole");
    assert.equal(
      await code(run({ "IamInstanceProfile.Name": "app-profile" })),
      "UnauthorizedOperation",
    );
    assert.equal((await fx.model.instances.list(ACCOUNT)).length, 1, "only the fixture's instance");
  });

  it("refuses a profile name that does not exist with EC2's message", async () => {
    await assert.rejects(run({ "IamInstanceProfile.Name": "nope" }), {
      code: "InvalidParameterValue",
      message:
        "Value (nope) for parameter iamInstanceProfile.name is invalid. " +
        "Invalid IAM Instance Profile name",
    });
  });

  it("reads DryRun as true or false in any case, and refuses any other value without launching", async () => {
    const before = (await fx.model.instances.list(ACCOUNT)).length;
    assert.equal(await code(run({ DryRun: "True" })), "DryRunOperation");
    assert.equal(await code(run({ DryRun: "yes" })), "InvalidParameterValue");
    assert.equal(await code(run({ DryRun: "1" })), "InvalidParameterValue");
    assert.equal((await fx.model.instances.list(ACCOUNT)).length, before, "nothing launched");
    await run({ DryRun: "FALSE" });
    assert.equal((await fx.model.instances.list(ACCOUNT)).length, before + 1);
  });

  it("refuses an image id that is not ami- and 8 or 17 hex digits: InvalidAMIID.Malformed", async () => {
    const before = (await fx.model.instances.listAll()).length;
    assert.equal(await code(run({ ImageId: "bogus" })), "InvalidAMIID.Malformed");
    assert.equal(await code(run({ ImageId: "ami-0123" })), "InvalidAMIID.Malformed");
    assert.equal((await fx.model.instances.listAll()).length, before, "nothing launched");
    await run({ ImageId: "ami-0123abcd" });
    assert.equal((await fx.model.instances.listAll()).length, before + 1, "an 8-digit id runs");
  });

  it("accepts the profile by ARN", async () => {
    const profile = await fx.model.instanceProfiles.get(ACCOUNT, "app-profile");
    const reply = await run({ "IamInstanceProfile.Arn": profile.arn });
    assert.equal(reply.instancesSet.item[0].iamInstanceProfile.id, profile.instanceProfileId);
  });

  it("describes instances by reservation with state, placement, metadata options", async () => {
    const launched = await run({
      MinCount: "2",
      MaxCount: "2",
      "IamInstanceProfile.Name": "app-profile",
    });
    const reply = await fx.call({
      Action: "DescribeInstances",
      "Filter.1.Name": "instance-state-name",
      "Filter.1.Value.1": "running",
    });
    const reservation = (reply.reservationSet.item as Xml[]).find(
      (r) => r.reservationId === launched.reservationId,
    );
    assert.ok(reservation, "launched reservation listed");
    assert.equal(reservation.instancesSet.item.length, 2);
    const instance = reservation.instancesSet.item[0];
    assert.deepEqual(instance.instanceState, { code: "16", name: "running" });
    assert.equal(instance.placement.availabilityZone, `${REGION}a`);
    assert.match(instance.privateIpAddress, /^172\.31\.\d+\.\d+$/);
    assert.match(instance.launchTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(
      { ...instance.metadataOptions, httpProtocolIpv6: undefined, instanceMetadataTags: undefined },
      {
        state: "applied",
        httpTokens: "optional",
        httpPutResponseHopLimit: "1",
        httpEndpoint: "enabled",
        httpProtocolIpv6: undefined,
        instanceMetadataTags: undefined,
      },
    );
    assert.ok(instance.iamInstanceProfile, "profile shown");
  });

  it("matches filter values with * and ? wildcards, and a backslash makes them literal", async () => {
    const names = ["web-1", "web-22", "db-1", "*amazon?\\"];
    for (const [index, name] of names.entries()) {
      await run({
        "TagSpecification.1.ResourceType": "instance",
        "TagSpecification.1.Tag.1.Key": "Name",
        "TagSpecification.1.Tag.1.Value": name,
        "TagSpecification.1.Tag.2.Key": "order",
        "TagSpecification.1.Tag.2.Value": String(index),
      });
    }
    const named = async (...values: string[]) => {
      const filter = Object.fromEntries(
        values.map((value, i) => [`Filter.1.Value.${i + 1}`, value]),
      );
      const reply = await fx.call({
        Action: "DescribeInstances",
        "Filter.1.Name": "tag:Name",
        ...filter,
      });
      const instances = ((reply.reservationSet?.item ?? []) as Xml[]).flatMap(
        (reservation) => reservation.instancesSet.item as Xml[],
      );
      const tags = instances.map((instance) => instance.tagSet.item as Xml[]);
      return tags.map((set) => set.find((tag) => tag.key === "Name")?.value).sort();
    };
    assert.deepEqual(await named("web-*"), ["web-1", "web-22"]);
    assert.deepEqual(await named("web-?"), ["web-1"]);
    assert.deepEqual(await named("*-1"), ["db-1", "web-1"]);
    assert.deepEqual(await named("WEB-*"), [], "values are case-sensitive");
    assert.deepEqual(await named("\\*amazon\\?\\\\"), ["*amazon?\\"]);
    assert.deepEqual(await named("\\*"), [], "an escaped * is only a *");
  });

  it("answers InvalidInstanceID.NotFound for an unknown instance id", async () => {
    const call = fx.call({ Action: "DescribeInstances", "InstanceId.1": "i-0123456789abcdef0" });
    assert.equal(await code(call), "InvalidInstanceID.NotFound");
  });

  it("moves an association to associated once the clock passes the propagation delay", async () => {
    const instanceId = fx.instance.instanceId;
    const associated = await fx.call({
      Action: "AssociateIamInstanceProfile",
      InstanceId: instanceId,
      "IamInstanceProfile.Name": "app-profile",
    });
    const association = associated.iamInstanceProfileAssociation;
    assert.equal(association.state, "associating");
    assert.equal(association.instanceId, instanceId);
    assert.match(association.associationId, /^iip-assoc-[0-9a-f]{17}$/);

    const describe = async () =>
      (
        await fx.call({
          Action: "DescribeIamInstanceProfileAssociations",
          "Filter.1.Name": "instance-id",
          "Filter.1.Value.1": instanceId,
        })
      ).iamInstanceProfileAssociationSet.item as Xml[];
    assert.equal((await describe())[0]?.state, "associating");
    const before = await fx.call({ Action: "DescribeInstances", "InstanceId.1": instanceId });
    assert.equal(before.reservationSet.item[0].instancesSet.item[0].iamInstanceProfile, undefined);

    fx.clock.advance(DELAY_MS);
    assert.equal((await describe())[0]?.state, "associated");
    const after = await fx.call({ Action: "DescribeInstances", "InstanceId.1": instanceId });
    assert.ok(after.reservationSet.item[0].instancesSet.item[0].iamInstanceProfile);
  });

  it("refuses a second association with IncorrectState", async () => {
    const params = {
      Action: "AssociateIamInstanceProfile",
      InstanceId: fx.instance.instanceId,
      "IamInstanceProfile.Name": "app-profile",
    };
    await fx.call(params);
    assert.equal(await code(fx.call(params)), "IncorrectState");
  });

  it("refuses to associate a profile with a terminated instance: IncorrectInstanceState", async () => {
    await fx.call({ Action: "TerminateInstances", "InstanceId.1": fx.instance.instanceId });
    const refused = fx.call({
      Action: "AssociateIamInstanceProfile",
      InstanceId: fx.instance.instanceId,
      "IamInstanceProfile.Name": "app-profile",
    });
    assert.equal(await code(refused), "IncorrectInstanceState");
  });

  it("authorizes association changes on the instance and PassRole on the role", async () => {
    const { iamInstanceProfileAssociation: a } = await fx.call({
      Action: "AssociateIamInstanceProfile",
      InstanceId: fx.instance.instanceId,
      "IamInstanceProfile.Name": "app-profile",
    });
    await fx.call({ Action: "DisassociateIamInstanceProfile", AssociationId: a.associationId });
    const instanceArn = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${fx.instance.instanceId}`;
    assert.deepEqual(
      fx.asked.map((x) => [x.action, x.resource]),
      [
        ["ec2:AssociateIamInstanceProfile", instanceArn],
        ["iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/app-role`],
        ["ec2:DisassociateIamInstanceProfile", instanceArn],
      ],
    );
  });

  it("disassociates and replaces associations, reporting effective states", async () => {
    const { iamInstanceProfileAssociation: first } = await fx.call({
      Action: "AssociateIamInstanceProfile",
      InstanceId: fx.instance.instanceId,
      "IamInstanceProfile.Name": "app-profile",
    });
    fx.clock.advance(DELAY_MS);
    const replaced = await fx.call({
      Action: "ReplaceIamInstanceProfileAssociation",
      AssociationId: first.associationId,
      "IamInstanceProfile.Name": "other-profile",
    });
    const second = replaced.iamInstanceProfileAssociation;
    assert.equal(second.state, "associating");
    assert.match(second.iamInstanceProfile.arn, /other-profile$/);

    fx.clock.advance(DELAY_MS);
    const gone = await fx.call({
      Action: "DisassociateIamInstanceProfile",
      AssociationId: second.associationId,
    });
    assert.equal(gone.iamInstanceProfileAssociation.state, "disassociating");
    fx.clock.advance(DELAY_MS);
    const states = await fx.call({
      Action: "DescribeIamInstanceProfileAssociations",
      "Filter.1.Name": "state",
      "Filter.1.Value.1": "disassociated",
    });
    assert.equal(states.iamInstanceProfileAssociationSet.item.length, 2);
    const listed = await fx.call({ Action: "DescribeIamInstanceProfileAssociations" });
    assert.equal(listed.iamInstanceProfileAssociationSet, "", "nothing live is listed");
  });

  it("answers InvalidAssociationID.NotFound for an unknown association", async () => {
    const call = fx.call({
      Action: "DisassociateIamInstanceProfile",
      AssociationId: "iip-assoc-0123456789abcdef0",
    });
    assert.equal(await code(call), "InvalidAssociationID.NotFound");
  });

  it("terminates an instance, stops its IMDS listener and keeps it describable", async () => {
    const instanceId = fx.instance.instanceId;
    const reply = await fx.call({ Action: "TerminateInstances", "InstanceId.1": instanceId });
    const change = reply.instancesSet.item[0];
    assert.deepEqual(change.previousState, { code: "16", name: "running" });
    assert.deepEqual(change.currentState, { code: "32", name: "shutting-down" });
    assert.equal(fx.imds.endpoint(instanceId), undefined);
    const described = await fx.call({ Action: "DescribeInstances", "InstanceId.1": instanceId });
    const instance = described.reservationSet.item[0].instancesSet.item[0];
    assert.deepEqual(instance.instanceState, { code: "48", name: "terminated" });
  });

  it("answers InvalidAction for an operation keyless does not serve", async () => {
    assert.equal(await code(fx.call({ Action: "StopInstances" })), "InvalidAction");
  });
});
