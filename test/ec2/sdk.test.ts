// EC2 through the real AWS SDK v3 against a running keyless: signing, the EC2 Query protocol and
// the SDK's own XML parsing of every shape keyless answers.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import {
  AssociateIamInstanceProfileCommand,
  CreateTagsCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeInstancesCommand,
  DisassociateIamInstanceProfileCommand,
  type EC2Client,
  paginateDescribeInstances,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
} from "@aws-sdk/client-iam";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { userWithKey } from "../support/principals.js";

const DELAY_SECONDS = 10;
const IMAGE = "ami-0123456789abcdef0";
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});

describe("EC2 through the AWS SDK", () => {
  let keyless: TestKeyless;
  let ec2: EC2Client;
  let profileArn: string;

  before(async () => {
    keyless = await startKeyless({ propagationDelaySeconds: DELAY_SECONDS });
    const sdk = clients(keyless.endpoint, keyless.root);
    ec2 = sdk.ec2;
    await sdk.iam.send(new CreateRoleCommand({ RoleName: "app", AssumeRolePolicyDocument: TRUST }));
    const created = await sdk.iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: "app" }),
    );
    profileArn = created.InstanceProfile?.Arn ?? "";
    await sdk.iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: "app", RoleName: "app" }),
    );
  });
  after(() => keyless.stop());

  /** RunInstances of one instance of IMAGE, with whatever else the test adds. */
  const runOne = (input: Partial<RunInstancesCommandInput> = {}) =>
    ec2.send(new RunInstancesCommand({ ImageId: IMAGE, MinCount: 1, MaxCount: 1, ...input }));

  const launch = async (profile?: string) => {
    const reply = await runOne(profile ? { IamInstanceProfile: { Name: profile } } : {});
    const id = reply.Instances?.[0]?.InstanceId;
    assert.ok(id, "RunInstances returned an instance id");
    return id;
  };

  it("launches with a profile that is associated from the start", async () => {
    const instanceId = await launch("app");
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const instance = described.Reservations?.[0]?.Instances?.[0];
    assert.equal(instance?.State?.Name, "running");
    assert.equal(instance?.State?.Code, 16);
    assert.equal(instance?.IamInstanceProfile?.Arn, profileArn);
    assert.match(instance?.IamInstanceProfile?.Id ?? "", /^AIPA/);
    assert.equal(instance?.InstanceType, "t3.micro");
    assert.equal(instance?.Placement?.AvailabilityZone, "us-east-1a");
    assert.ok(instance?.LaunchTime instanceof Date, "LaunchTime parsed as a date");
    assert.equal(instance?.MetadataOptions?.HttpTokens, "optional");
    assert.equal(instance?.MetadataOptions?.HttpPutResponseHopLimit, 1);
    assert.equal(instance?.MetadataOptions?.HttpEndpoint, "enabled");
    assert.equal(instance?.MetadataOptions?.State, "applied");
    assert.ok(keyless.app.imds.endpoint(instanceId), "IMDS listener is up");
  });

  it("refuses an instance profile that does not exist", async () => {
    await assert.rejects(launch("missing"), {
      name: "InvalidParameterValue",
      message:
        "Value (missing) for parameter iamInstanceProfile.name is invalid. " +
        "Invalid IAM Instance Profile name",
    });
  });

  it("moves a new association from associating to associated with the clock", async () => {
    const instanceId = await launch();
    const associated = await ec2.send(
      new AssociateIamInstanceProfileCommand({
        InstanceId: instanceId,
        IamInstanceProfile: { Name: "app" },
      }),
    );
    const association = associated.IamInstanceProfileAssociation;
    assert.equal(association?.State, "associating");
    assert.equal(association?.IamInstanceProfile?.Arn, profileArn);

    const state = async () => {
      const listed = await ec2.send(
        new DescribeIamInstanceProfileAssociationsCommand({
          Filters: [{ Name: "instance-id", Values: [instanceId] }],
        }),
      );
      return listed.IamInstanceProfileAssociations?.map((a) => a.State);
    };
    assert.deepEqual(await state(), ["associating"]);
    keyless.clock.advance(DELAY_SECONDS * 1000);
    assert.deepEqual(await state(), ["associated"]);

    await assert.rejects(
      ec2.send(
        new AssociateIamInstanceProfileCommand({
          InstanceId: instanceId,
          IamInstanceProfile: { Name: "app" },
        }),
      ),
      { name: "IncorrectState" },
    );

    const removed = await ec2.send(
      new DisassociateIamInstanceProfileCommand({ AssociationId: association?.AssociationId }),
    );
    assert.equal(removed.IamInstanceProfileAssociation?.State, "disassociating");
    keyless.clock.advance(DELAY_SECONDS * 1000);
    assert.deepEqual(await state(), []);
  });

  it("terminates an instance that then stays describable as terminated", async () => {
    const instanceId = await launch("app");
    const reply = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    const change = reply.TerminatingInstances?.[0];
    assert.equal(change?.PreviousState?.Name, "running");
    assert.equal(change?.CurrentState?.Name, "shutting-down");
    assert.equal(keyless.app.imds.endpoint(instanceId), undefined, "IMDS listener stopped");

    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    assert.equal(described.Reservations?.[0]?.Instances?.[0]?.State?.Name, "terminated");
  });

  it("pages DescribeInstances by instance, splitting a reservation, and the SDK's paginator follows NextToken", async () => {
    const launched = await runOne({
      MinCount: 7,
      MaxCount: 7,
      TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "batch", Value: "paged" }] }],
    });
    const filter = { Filters: [{ Name: "tag:batch", Values: ["paged"] }] };
    const pages: string[][] = [];
    for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 5 }, filter)) {
      const instances = page.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
      pages.push(instances.map((instance) => instance.InstanceId ?? ""));
    }
    assert.deepEqual(
      pages.map((ids) => ids.length),
      [5, 2],
      "instances a page",
    );
    assert.deepEqual(
      pages.flat().sort(),
      (launched.Instances ?? []).map((instance) => instance.InstanceId).sort(),
      "every instance once",
    );

    const ids = { InstanceIds: [pages[0]?.[0] ?? ""] };
    await assert.rejects(ec2.send(new DescribeInstancesCommand({ ...ids, MaxResults: 5 })), {
      name: "InvalidParameterCombination",
    });
    await assert.rejects(ec2.send(new DescribeInstancesCommand({ ...filter, MaxResults: 4 })), {
      name: "InvalidParameterValue",
    });
    // A token is the call's own: DescribeTags' is not DescribeInstances'.
    const tagsToken = Buffer.from("tags:1").toString("base64");
    await assert.rejects(
      ec2.send(new DescribeInstancesCommand({ ...filter, MaxResults: 5, NextToken: tagsToken })),
      { name: "InvalidPaginationToken" },
    );
  });

  it("pages DescribeIamInstanceProfileAssociations, but not with association ids", async () => {
    for (let i = 0; i < 6; i++) await launch("app");
    const first = await ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({ MaxResults: 5 }),
    );
    assert.equal(first.IamInstanceProfileAssociations?.length, 5);
    assert.ok(first.NextToken, "a NextToken after a full page");
    const rest = await ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({
        MaxResults: 5,
        NextToken: first.NextToken,
      }),
    );
    assert.ok((rest.IamInstanceProfileAssociations?.length ?? 0) >= 1, "the second page");

    const associationId = first.IamInstanceProfileAssociations?.[0]?.AssociationId ?? "";
    await assert.rejects(
      ec2.send(
        new DescribeIamInstanceProfileAssociationsCommand({
          AssociationIds: [associationId],
          MaxResults: 5,
        }),
      ),
      { name: "InvalidParameterCombination" },
    );
  });

  it("reports an unknown instance id with InvalidInstanceID.NotFound", async () => {
    await assert.rejects(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: ["i-0123456789abcdef0"] })),
      { name: "InvalidInstanceID.NotFound" },
    );
  });

  it("with DryRun checks permissions and changes nothing: 412 DryRunOperation, or UnauthorizedOperation", async () => {
    const dryRun = (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, "DryRunOperation", error.message);
      assert.equal(error.$metadata?.httpStatusCode, 412);
      assert.equal(error.message, "Request would have succeeded, but DryRun flag is set.");
      return true;
    };
    const count = async () => {
      const reply = await ec2.send(new DescribeInstancesCommand({}));
      return (reply.Reservations ?? []).flatMap((r) => r.Instances ?? []).length;
    };
    const before = await count();
    await assert.rejects(runOne({ DryRun: true }), dryRun);
    assert.equal(await count(), before, "no instance was launched");

    const id = await launch();
    await assert.rejects(
      ec2.send(new TerminateInstancesCommand({ InstanceIds: [id], DryRun: true })),
      dryRun,
    );
    await assert.rejects(ec2.send(new DescribeInstancesCommand({ DryRun: true })), dryRun);
    const reply = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    assert.equal(reply.Reservations?.[0]?.Instances?.[0]?.State?.Name, "running");

    // The request is checked as it would be without DryRun: what would fail, fails.
    await assert.rejects(
      ec2.send(
        new TerminateInstancesCommand({ InstanceIds: ["i-0123456789abcdef0"], DryRun: true }),
      ),
      { name: "InvalidInstanceID.NotFound" },
    );
    await assert.rejects(
      ec2.send(
        new CreateTagsCommand({
          Resources: ["i-0123456789abcdef0"],
          Tags: [{ Key: "a", Value: "b" }],
          DryRun: true,
        }),
      ),
      { name: "InvalidInstanceID.NotFound" },
    );

    const stranger = clients(
      keyless.endpoint,
      await userWithKey(keyless.endpoint, keyless.root, "dry-runner"),
    ).ec2;
    await assert.rejects(
      stranger.send(new TerminateInstancesCommand({ InstanceIds: [id], DryRun: true })),
      { name: "UnauthorizedOperation" },
    );
  });

  it("denies a Describe call naming no resource and no encoded message, as EC2 words it", async () => {
    const stranger = clients(
      keyless.endpoint,
      await userWithKey(keyless.endpoint, keyless.root, "describer"),
    ).ec2;
    await assert.rejects(stranger.send(new DescribeInstancesCommand({})), {
      name: "UnauthorizedOperation",
      message:
        "You are not authorized to perform this operation. User: " +
        "arn:aws:iam::123456789012:user/describer is not authorized to perform: " +
        "ec2:DescribeInstances because no identity-based policy allows the " +
        "ec2:DescribeInstances action",
    });
  });

  it("serves a launch's UserData at latest/user-data, and 404 for an instance without any", async () => {
    const script = "#!/bin/sh\necho hello from user data\n";
    const reply = await runOne({ UserData: Buffer.from(script).toString("base64") });
    const imdsOf = async (id: string) => {
      const info = await fetch(`${keyless.endpoint}/_keyless/instances/${id}`);
      return ((await info.json()) as { imdsEndpoint: string }).imdsEndpoint;
    };
    const withData = await imdsOf(reply.Instances?.[0]?.InstanceId ?? "");
    const served = await fetch(`${withData}/latest/user-data`);
    assert.equal(served.status, 200);
    assert.equal(await served.text(), script);
    assert.equal(
      await (await fetch(`${withData}/latest/`)).text(),
      "dynamic\nmeta-data\nuser-data",
    );

    const without = await imdsOf(await launch());
    assert.equal((await fetch(`${without}/latest/user-data`)).status, 404);

    // cloud-init takes user data gzipped: every byte comes back as given.
    const zipped = gzipSync("#cloud-config\nruncmd: [echo hi]\n");
    const binary = await runOne({ UserData: zipped.toString("base64") });
    const bytes = await fetch(
      `${await imdsOf(binary.Instances?.[0]?.InstanceId ?? "")}/latest/user-data`,
    );
    assert.equal(bytes.headers.get("content-type"), "application/octet-stream");
    assert.deepEqual(Buffer.from(await bytes.arrayBuffer()), zipped);

    await assert.rejects(runOne({ UserData: "not base64!" }), {
      name: "InvalidParameterValue",
      message: "Invalid BASE64 encoding of user data.",
    });
    const tooBig = Buffer.alloc(16_385, 0x61).toString("base64");
    await assert.rejects(runOne({ UserData: tooBig }), {
      name: "InvalidParameterValue",
      message: "User data is limited to 16384 bytes",
    });
  });
});
