// Customer and AWS managed policies: their versions, attachments and errors, and the decisions
// they make for a user that has them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import {
  ACCOUNT,
  allow,
  awsPolicy,
  type Clients,
  documentOfSize,
  policyArnOf,
  rejects,
  userWithKey,
} from "./fixture.js";

let keyless: TestKeyless;
let root: Clients;
before(async () => {
  keyless = await startKeyless();
  root = clients(keyless.endpoint, keyless.root);
  await root.s3.send(new CreateBucketCommand({ Bucket: "managed-bucket" }));
});
after(() => keyless.stop());

const LIST_BUCKET = allow("s3:ListBucket", "arn:aws:s3:::managed-bucket");

async function createPolicy(name: string, document = LIST_BUCKET, path?: string) {
  const { Policy } = await root.iam.send(
    new CreatePolicyCommand({
      PolicyName: name,
      PolicyDocument: document,
      ...(path ? { Path: path } : {}),
    }),
  );
  return Policy?.Arn as string;
}

test("CreatePolicy answers an ANPA id, the path in the ARN and v1 as the default version", async () => {
  const { Policy } = await root.iam.send(
    new CreatePolicyCommand({
      PolicyName: "Reader",
      Path: "/team/",
      PolicyDocument: LIST_BUCKET,
      Description: "reads managed-bucket",
    }),
  );
  assert.match(Policy?.PolicyId ?? "", /^ANPA[A-Z2-7]{17}$/, `policy id ${Policy?.PolicyId}`);
  assert.equal(Policy?.Arn, `arn:aws:iam::${ACCOUNT}:policy/team/Reader`);
  assert.equal(Policy?.DefaultVersionId, "v1");
  assert.equal(Policy?.AttachmentCount, 0);
  assert.equal(Policy?.IsAttachable, true);
  assert.equal(Policy?.Description, undefined, "CreatePolicy leaves the description out");

  const got = await root.iam.send(new GetPolicyCommand({ PolicyArn: Policy?.Arn }));
  assert.equal(got.Policy?.Description, "reads managed-bucket");
  assert.equal(got.Policy?.PolicyId, Policy?.PolicyId);
  assert.deepEqual(got.Policy?.Tags, []);

  const local = await root.iam.send(
    new ListPoliciesCommand({ Scope: "Local", PathPrefix: "/team/" }),
  );
  assert.deepEqual(
    local.Policies?.map((p) => p.PolicyName),
    ["Reader"],
  );
});

test("CreatePolicy refuses a duplicate name, an oversized document and a malformed one", async () => {
  await createPolicy("Unique");
  await rejects(
    root.iam.send(new CreatePolicyCommand({ PolicyName: "UNIQUE", PolicyDocument: LIST_BUCKET })),
    "EntityAlreadyExistsException",
    "A policy called UNIQUE already exists. Duplicate names are not allowed.",
  );
  await createPolicy("JustFits", documentOfSize(6144));
  await rejects(
    root.iam.send(
      new CreatePolicyCommand({ PolicyName: "TooBig", PolicyDocument: documentOfSize(6145) }),
    ),
    "LimitExceededException",
    "Cannot exceed quota for PolicySize: 6144",
  );
  await rejects(
    root.iam.send(new CreatePolicyCommand({ PolicyName: "Bad", PolicyDocument: "{" })),
    "MalformedPolicyDocumentException",
  );
  await rejects(
    root.iam.send(new GetPolicyCommand({ PolicyArn: policyArnOf("Nothing") })),
    "NoSuchEntityException",
    `Policy ${policyArnOf("Nothing")} was not found.`,
  );
});

test("a policy keeps five versions at most, never reuses an id and keeps its default", async () => {
  const arn = await createPolicy("Versioned");
  for (let n = 2; n <= 5; n++) {
    const { PolicyVersion } = await root.iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow(`s3:Get${n}`) }),
    );
    assert.equal(PolicyVersion?.VersionId, `v${n}`);
    assert.equal(PolicyVersion?.IsDefaultVersion, false, `v${n} is not the default`);
  }
  await rejects(
    root.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: LIST_BUCKET })),
    "LimitExceededException",
    "A managed policy can have up to 5 versions. Before you create a new version, you must " +
      "delete an existing version.",
  );
  await rejects(
    root.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" })),
    "DeleteConflictException",
    "Cannot delete the default version of a policy.",
  );
  await root.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" }));
  const { PolicyVersion } = await root.iam.send(
    new CreatePolicyVersionCommand({
      PolicyArn: arn,
      PolicyDocument: allow("s3:GetObject"),
      SetAsDefault: true,
    }),
  );
  assert.equal(PolicyVersion?.VersionId, "v6", "version ids are never reused");
  assert.equal(PolicyVersion?.IsDefaultVersion, true);

  const listed = await root.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
  assert.deepEqual(
    listed.Versions?.map((v) => `${v.VersionId}${v.IsDefaultVersion ? "*" : ""}`),
    ["v6*", "v5", "v4", "v3", "v1"],
  );
  const v6 = await root.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v6" }));
  assert.equal(decodeURIComponent(v6.PolicyVersion?.Document ?? ""), allow("s3:GetObject"));
  const policy = await root.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
  assert.equal(policy.Policy?.DefaultVersionId, "v6");

  await rejects(
    root.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" })),
    "NoSuchEntityException",
    `Policy ${arn} version v2 does not exist or is not attachable.`,
  );
  await rejects(
    root.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v9" })),
    "NoSuchEntityException",
    `Policy ${arn} version v9 does not exist or is not attachable.`,
  );
});

test("DeletePolicy conflicts while the policy is attached or has other versions", async () => {
  const arn = await createPolicy("InUse");
  await root.iam.send(new CreateUserCommand({ UserName: "holder" }));
  await root.iam.send(new AttachUserPolicyCommand({ UserName: "holder", PolicyArn: arn }));
  await rejects(
    root.iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
    "DeleteConflictException",
    "Cannot delete a policy attached to entities.",
  );
  await rejects(
    root.iam.send(new DeleteUserCommand({ UserName: "holder" })),
    "DeleteConflictException",
    "Cannot delete entity, must detach all policies first.",
  );
  await root.iam.send(new DetachUserPolicyCommand({ UserName: "holder", PolicyArn: arn }));
  await root.iam.send(
    new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow("s3:GetObject") }),
  );
  await rejects(
    root.iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
    "DeleteConflictException",
    /^This policy has more than one version\./,
  );
  await root.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" }));
  await root.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
  await rejects(root.iam.send(new GetPolicyCommand({ PolicyArn: arn })), "NoSuchEntityException");
  await root.iam.send(new DeleteUserCommand({ UserName: "holder" }));
});

test("AWS managed policies can be read and attached but not changed or deleted", async () => {
  const arn = awsPolicy("AmazonS3ReadOnlyAccess");
  const { Policy } = await root.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
  assert.equal(Policy?.DefaultVersionId, "v3");
  assert.equal(Policy?.PolicyId, "ANPAIZTJ4DXE7G6AGAE6M");
  const version = await root.iam.send(
    new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" }),
  );
  assert.match(decodeURIComponent(version.PolicyVersion?.Document ?? ""), /"s3:Get\*"/);

  const aws = await root.iam.send(new ListPoliciesCommand({ Scope: "AWS" }));
  assert.deepEqual(
    aws.Policies?.map((p) => p.Arn),
    ["AdministratorAccess", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess"].map(awsPolicy),
  );
  await rejects(root.iam.send(new DeletePolicyCommand({ PolicyArn: arn })), "AccessDenied");
  await rejects(
    root.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: LIST_BUCKET })),
    "AccessDenied",
  );
  await rejects(
    root.iam.send(
      new AttachUserPolicyCommand({ UserName: "nobody", PolicyArn: awsPolicy("NotAPolicy") }),
    ),
    "NoSuchEntityException",
    "The user with name nobody cannot be found.",
  );
});

test("attaching names the policy and the entity in AWS's errors and stops at ten", async () => {
  await root.iam.send(new CreateUserCommand({ UserName: "collector" }));
  await rejects(
    root.iam.send(
      new AttachUserPolicyCommand({ UserName: "collector", PolicyArn: policyArnOf("Missing") }),
    ),
    "NoSuchEntityException",
    `Policy ${policyArnOf("Missing")} does not exist or is not attachable.`,
  );
  await rejects(
    root.iam.send(
      new AttachUserPolicyCommand({
        UserName: "collector",
        PolicyArn: `arn:aws:iam::${ACCOUNT}:user/x`,
      }),
    ),
    "InvalidInputException",
    `ARN arn:aws:iam::${ACCOUNT}:user/x is not valid.`,
  );
  const arns: string[] = [];
  for (let n = 0; n < 10; n++) arns.push(await createPolicy(`Many${n}`));
  for (const arn of arns) {
    await root.iam.send(new AttachUserPolicyCommand({ UserName: "collector", PolicyArn: arn }));
  }
  // Attaching a policy that is already attached is no error and takes no room.
  await root.iam.send(new AttachUserPolicyCommand({ UserName: "collector", PolicyArn: arns[0] }));
  await rejects(
    root.iam.send(
      new AttachUserPolicyCommand({
        UserName: "collector",
        PolicyArn: awsPolicy("AmazonS3FullAccess"),
      }),
    ),
    "LimitExceededException",
    "Cannot exceed quota for PoliciesPerUser: 10",
  );
  const listed = await root.iam.send(
    new ListAttachedUserPoliciesCommand({ UserName: "collector" }),
  );
  assert.equal(listed.AttachedPolicies?.length, 10, `attached ${listed.AttachedPolicies?.length}`);
  assert.equal(listed.AttachedPolicies?.[0]?.PolicyName, "Many0");

  const entities = await root.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arns[0] }));
  assert.deepEqual(
    entities.PolicyUsers?.map((u) => u.UserName),
    ["collector"],
  );
  assert.deepEqual(entities.PolicyRoles, []);
  const counted = await root.iam.send(new GetPolicyCommand({ PolicyArn: arns[0] }));
  assert.equal(counted.Policy?.AttachmentCount, 1);

  await rejects(
    root.iam.send(
      new DetachUserPolicyCommand({
        UserName: "collector",
        PolicyArn: awsPolicy("AmazonS3FullAccess"),
      }),
    ),
    "NoSuchEntityException",
    `Policy ${awsPolicy("AmazonS3FullAccess")} was not found.`,
  );
});

test("DeleteRole conflicts while a managed policy is attached", async () => {
  await root.iam.send(
    new CreateRoleCommand({
      RoleName: "attached-role",
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    }),
  );
  await root.iam.send(
    new AttachRolePolicyCommand({
      RoleName: "attached-role",
      PolicyArn: awsPolicy("AmazonS3ReadOnlyAccess"),
    }),
  );
  await rejects(
    root.iam.send(new DeleteRoleCommand({ RoleName: "attached-role" })),
    "DeleteConflictException",
    "Cannot delete entity, must detach all policies first.",
  );
});

test("an attached managed policy allows, and stops allowing once detached", async () => {
  const arn = await createPolicy("ListManagedBucket");
  const dana = await userWithKey(keyless.endpoint, root, "dana");
  const list = () => dana.s3.send(new ListObjectsV2Command({ Bucket: "managed-bucket" }));
  await rejects(list(), "AccessDenied", /because no identity-based policy allows/);

  await root.iam.send(new AttachUserPolicyCommand({ UserName: "dana", PolicyArn: arn }));
  const listed = await list();
  assert.equal(listed.KeyCount, 0);

  await root.iam.send(new DetachUserPolicyCommand({ UserName: "dana", PolicyArn: arn }));
  await rejects(list(), "AccessDenied", /user\/dana is not authorized to perform: s3:ListBucket/);
});

test("an AWS managed policy allows what its document allows and nothing more", async () => {
  const erin = await userWithKey(keyless.endpoint, root, "erin");
  await root.iam.send(
    new AttachUserPolicyCommand({
      UserName: "erin",
      PolicyArn: awsPolicy("AmazonS3ReadOnlyAccess"),
    }),
  );
  const listed = await erin.s3.send(new ListObjectsV2Command({ Bucket: "managed-bucket" }));
  assert.equal(listed.KeyCount, 0);
  await rejects(
    erin.s3.send(new PutObjectCommand({ Bucket: "managed-bucket", Key: "k", Body: "v" })),
    "AccessDenied",
  );
});

test("making another version the default changes the decision at once", async () => {
  const arn = await createPolicy("Switching");
  const frank = await userWithKey(keyless.endpoint, root, "frank");
  await root.iam.send(new AttachUserPolicyCommand({ UserName: "frank", PolicyArn: arn }));
  const list = () => frank.s3.send(new ListObjectsV2Command({ Bucket: "managed-bucket" }));
  await list();

  await root.iam.send(
    new CreatePolicyVersionCommand({
      PolicyArn: arn,
      PolicyDocument: allow("s3:ListBucket", "arn:aws:s3:::another-bucket"),
      SetAsDefault: true,
    }),
  );
  await rejects(list(), "AccessDenied");

  await root.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" }));
  const listed = await list();
  assert.equal(listed.KeyCount, 0, "v1 allows again once it is the default");
});
