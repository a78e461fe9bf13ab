// A process keeps running on an instance while its instance profile is replaced, then removed:
// its next credential refresh brings the new role, and the one after that brings none.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  DescribeIamInstanceProfileAssociationsCommand,
  DisassociateIamInstanceProfileCommand,
  ReplaceIamInstanceProfileAssociationCommand,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand } from "@aws-sdk/client-iam";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { LoopProcess, timeFileShows } from "../support/loop-process.js";
import { role } from "../support/principals.js";
import { cleanEnv } from "../support/processes.js";
import { EC2_TRUST_POLICY } from "../support/walkthrough.js";

const HOUR = 3_600_000;
let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

test("after a replace the next refresh gets the new role, and after a disassociation none", async () => {
  const root = clients(keyless.endpoint, keyless.root);
  for (const name of ["First", "Second"]) {
    await role(keyless.endpoint, keyless.root, name, JSON.parse(EC2_TRUST_POLICY).Statement);
    await root.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
    await root.iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name }),
    );
  }
  const run = await root.ec2.send(
    new RunInstancesCommand({
      ImageId: "ami-0abcdef1234567890",
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: { Name: "First" },
    }),
  );
  const instanceId = run.Instances?.[0]?.InstanceId as string;
  const timeFile = join(mkdtempSync(join(tmpdir(), "keyless-time-")), "offset");
  const app = new LoopProcess(
    [
      "exec",
      "--instance",
      instanceId,
      "--endpoint",
      keyless.endpoint,
      "--time-file",
      timeFile,
      "--",
      process.execPath,
      "test/fixtures/identity-loop.mjs",
    ],
    cleanEnv(),
  );
  const advance = async (ms: number) => {
    keyless.clock.advance(ms);
    await timeFileShows(timeFile, keyless.clock.describe().offsetMs);
  };
  const ec2 = () => clients(keyless.endpoint, keyless.root, keyless.clock.describe().offsetMs).ec2;
  try {
    assert.match(String((await app.ask("who")).arn), /assumed-role\/First\//);

    const associations = await ec2().send(new DescribeIamInstanceProfileAssociationsCommand({}));
    const associationId = associations.IamInstanceProfileAssociations?.[0]?.AssociationId;
    const replaced = await ec2().send(
      new ReplaceIamInstanceProfileAssociationCommand({
        AssociationId: associationId,
        IamInstanceProfile: { Name: "Second" },
      }),
    );
    await advance(keyless.app.config.propagationDelayMs);
    assert.match(
      String((await app.ask("who")).arn),
      /assumed-role\/First\//,
      "credentials in hand stay until refreshed",
    );

    await advance(6 * HOUR);
    assert.match(
      String((await app.ask("who")).arn),
      /assumed-role\/Second\//,
      "the refresh after the replace",
    );

    await ec2().send(
      new DisassociateIamInstanceProfileCommand({
        AssociationId: replaced.IamInstanceProfileAssociation?.AssociationId,
      }),
    );
    await advance(keyless.app.config.propagationDelayMs);
    await advance(6 * HOUR);
    const last = await app.ask("who");
    assert.equal(
      last.ok,
      false,
      `after the disassociation the process still worked as ${last.arn}`,
    );
  } finally {
    app.stop();
  }
});
