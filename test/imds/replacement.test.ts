// Replacing and then removing an instance's profile while an application on it keeps refreshing
// its credentials through the AWS SDK's IMDS provider, every ten minutes of server time.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import {
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeInstancesCommand,
  DisassociateIamInstanceProfileCommand,
  ReplaceIamInstanceProfileAssociationCommand,
} from "@aws-sdk/client-ec2";
import { HOUR, MINUTE, openWorld, type World } from "./world.js";

const STEP = 10 * MINUTE;

describe("an instance profile replaced, then removed, under a refreshing client", () => {
  let world: World;
  before(async () => {
    world = await openWorld(["first", "second"], "first");
  });
  after(() => world.close());

  const states = async () => {
    const listed = await world.ec2().send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: "instance-id", Values: [world.instanceId] }],
      }),
    );
    return (listed.IamInstanceProfileAssociations ?? []).map((a) => ({
      id: a.AssociationId ?? "",
      profile: a.IamInstanceProfile?.Arn?.split("/").pop(),
      state: a.State,
    }));
  };
  const shownProfile = async () => {
    const described = await world
      .ec2()
      .send(new DescribeInstancesCommand({ InstanceIds: [world.instanceId] }));
    const arn = described.Reservations?.[0]?.Instances?.[0]?.IamInstanceProfile?.Arn;
    return arn?.split("/").pop();
  };
  const info = async () => {
    const response = await fetch(`${world.imdsEndpoint}/latest/meta-data/iam/info`);
    return response.status === 200 ? JSON.parse(await response.text()) : response.status;
  };

  it("serves the old role while the new one associates, the new one after, then none", async () => {
    const provider = world.provider();
    const before = await provider();
    assert.equal(await world.roleOf(before), "first", "role before the replacement");
    const [first] = await states();
    assert.ok(first, "the launch association is listed");

    const replaced = await world.ec2().send(
      new ReplaceIamInstanceProfileAssociationCommand({
        AssociationId: first.id,
        IamInstanceProfile: { Name: "second" },
      }),
    );
    const second = replaced.IamInstanceProfileAssociation?.AssociationId ?? "";
    assert.equal(replaced.IamInstanceProfileAssociation?.State, "associating");
    const during = await provider();
    assert.equal(during.accessKeyId, before.accessKeyId, "same key while associating");
    assert.equal(await world.roleOf(during), "first", "role while the new one is associating");
    assert.match((await info()).InstanceProfileArn, /\/first$/, "iam/info while associating");
    assert.equal(await shownProfile(), "first", "DescribeInstances while associating");

    // Six hours of refreshes: past the propagation delay, then past the new role's rotation.
    const secondKeys = new Set<string>();
    for (let elapsed = STEP; elapsed <= 6 * HOUR; elapsed += STEP) {
      world.keyless.clock.advance(STEP);
      const current = await provider();
      const role = await world.roleOf(current);
      assert.equal(role, "second", `role ${elapsed / MINUTE} min after the replacement`);
      secondKeys.add(current.accessKeyId);
    }
    assert.ok(secondKeys.size >= 2, `the new role's keys rotated: ${secondKeys.size} seen`);
    const settled = await states();
    assert.deepEqual(settled, [{ id: second, profile: "second", state: "associated" }]);
    assert.equal(await shownProfile(), "second", "DescribeInstances once associated");

    const last = await provider();
    const removed = await world
      .ec2()
      .send(new DisassociateIamInstanceProfileCommand({ AssociationId: second }));
    assert.equal(removed.IamInstanceProfileAssociation?.State, "disassociating");
    const leaving = await provider();
    assert.equal(leaving.accessKeyId, last.accessKeyId, "same key while disassociating");

    world.keyless.clock.advance(STEP);
    const gone = await fetch(`${world.imdsEndpoint}/latest/meta-data/iam/`);
    assert.equal(gone.status, 404, "iam/ once the disassociation has settled");
    assert.equal(await info(), 404, "iam/info once the disassociation has settled");
    await assert.rejects(world.provider()(), { statusCode: 404 });
    // The long-lived provider has nothing new to get: the SDK's static stability hands back the
    // last credentials it had, with a later expiry, rather than failing the application.
    const after = await provider();
    assert.equal(after.accessKeyId, last.accessKeyId, "no new key after the removal");
    assert.deepEqual(await states(), [], "no live association");
    assert.equal(await shownProfile(), undefined, "DescribeInstances after the removal");
  });
});
