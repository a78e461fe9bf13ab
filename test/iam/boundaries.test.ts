// Permissions boundaries on users and roles: how IAM shows them, the errors it answers, and the
// cap they put on what identity policies allow.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteUserPermissionsBoundaryCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  ListEntitiesForPolicyCommand,
  ListUsersCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import {
  ACCOUNT,
  allow,
  awsPolicy,
  type Clients,
  policyArnOf,
  rejects,
  userWithKey,
} from "./fixture.js";

let keyless: TestKeyless;
let root: Clients;
before(async () => {
  keyless = await startKeyless();
  root = clients(keyless.endpoint, keyless.root);
  await root.s3.send(new CreateBucketCommand({ Bucket: "bounded-bucket" }));
});
after(() => keyless.stop());

const READ_ONLY = awsPolicy("AmazonS3ReadOnlyAccess");
const boundaryOf = (arn: string) => ({
  PermissionsBoundaryType: "Policy",
  PermissionsBoundaryArn: arn,
});

test("a user's boundary shows in CreateUser and GetUser, not in ListUsers", async () => {
  const { User } = await root.iam.send(
    new CreateUserCommand({ UserName: "jane", PermissionsBoundary: READ_ONLY }),
  );
  assert.deepEqual(User?.PermissionsBoundary, boundaryOf(READ_ONLY));
  const got = await root.iam.send(new GetUserCommand({ UserName: "jane" }));
  assert.deepEqual(got.User?.PermissionsBoundary, boundaryOf(READ_ONLY));
  const listed = await root.iam.send(new ListUsersCommand({}));
  const jane = listed.Users?.find((u) => u.UserName === "jane");
  assert.equal(jane?.PermissionsBoundary, undefined, "ListUsers leaves the boundary out");

  await root.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: "jane" }));
  const cleared = await root.iam.send(new GetUserCommand({ UserName: "jane" }));
  assert.equal(cleared.User?.PermissionsBoundary, undefined);

  const full = awsPolicy("AmazonS3FullAccess");
  await root.iam.send(
    new PutUserPermissionsBoundaryCommand({ UserName: "jane", PermissionsBoundary: full }),
  );
  const replaced = await root.iam.send(new GetUserCommand({ UserName: "jane" }));
  assert.deepEqual(replaced.User?.PermissionsBoundary, boundaryOf(full));
});

test("a boundary must be an existing managed policy, and keeps it from being deleted", async () => {
  await rejects(
    root.iam.send(
      new CreateUserCommand({ UserName: "kim", PermissionsBoundary: policyArnOf("Nope") }),
    ),
    "NoSuchEntityException",
    `Scope ARN: ${policyArnOf("Nope")} does not exist or is not attachable.`,
  );
  await rejects(
    root.iam.send(new GetUserCommand({ UserName: "kim" })),
    "NoSuchEntityException",
    "The user with name kim cannot be found.",
  );
  await root.iam.send(new CreateUserCommand({ UserName: "kim" }));
  await rejects(
    root.iam.send(
      new PutUserPermissionsBoundaryCommand({
        UserName: "kim",
        PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:role/not-a-policy`,
      }),
    ),
    "InvalidInputException",
    `ARN arn:aws:iam::${ACCOUNT}:role/not-a-policy is not valid.`,
  );

  const { Policy } = await root.iam.send(
    new CreatePolicyCommand({ PolicyName: "KimBoundary", PolicyDocument: allow("s3:*") }),
  );
  const arn = Policy?.Arn as string;
  await root.iam.send(
    new PutUserPermissionsBoundaryCommand({ UserName: "kim", PermissionsBoundary: arn }),
  );
  const counted = await root.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
  assert.equal(counted.Policy?.PermissionsBoundaryUsageCount, 1);
  assert.equal(counted.Policy?.AttachmentCount, 0);
  const entities = await root.iam.send(
    new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: "PermissionsBoundary" }),
  );
  assert.deepEqual(
    entities.PolicyUsers?.map((u) => u.UserName),
    ["kim"],
  );
  await rejects(
    root.iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
    "DeleteConflictException",
    "Cannot delete a policy attached to entities.",
  );
});

test("a boundary denies what it leaves out even though an identity policy allows it", async () => {
  const lee = await userWithKey(keyless.endpoint, root, "lee", READ_ONLY);
  await root.iam.send(
    new AttachUserPolicyCommand({ UserName: "lee", PolicyArn: awsPolicy("AdministratorAccess") }),
  );
  const listed = await lee.s3.send(new ListObjectsV2Command({ Bucket: "bounded-bucket" }));
  assert.equal(listed.KeyCount, 0, "the boundary and the identity policy both allow listing");

  const put = () =>
    lee.s3.send(new PutObjectCommand({ Bucket: "bounded-bucket", Key: "k", Body: "v" }));
  await rejects(
    put(),
    "AccessDenied",
    /user\/lee is not authorized to perform: s3:PutObject .*because no permissions boundary allows the s3:PutObject action/,
  );

  // The boundary grants nothing by itself: without an identity policy, listing is denied.
  const lou = await userWithKey(keyless.endpoint, root, "lou", READ_ONLY);
  await rejects(
    lou.s3.send(new ListObjectsV2Command({ Bucket: "bounded-bucket" })),
    "AccessDenied",
    /because no identity-based policy allows the s3:ListBucket action/,
  );

  await root.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: "lee" }));
  await put();
});

test("a user allowed iam:CreateUser only with a given boundary cannot create one without", async () => {
  const { Policy } = await root.iam.send(
    new CreatePolicyCommand({ PolicyName: "DelegatedCeiling", PolicyDocument: allow("s3:Get*") }),
  );
  const ceiling = Policy?.Arn as string;
  const admin = await userWithKey(keyless.endpoint, root, "delegate");
  await root.iam.send(
    new PutUserPolicyCommand({
      UserName: "delegate",
      PolicyName: "create-bounded-users",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "iam:CreateUser",
            Resource: "*",
            Condition: { StringEquals: { "iam:PermissionsBoundary": ceiling } },
          },
        ],
      }),
    }),
  );
  await rejects(admin.iam.send(new CreateUserCommand({ UserName: "unbounded" })), "AccessDenied");
  const { User } = await admin.iam.send(
    new CreateUserCommand({ UserName: "bounded", PermissionsBoundary: ceiling }),
  );
  assert.deepEqual(User?.PermissionsBoundary, boundaryOf(ceiling));
});

test("a role's boundary caps its sessions and GetRole shows it", async () => {
  const { Policy } = await root.iam.send(
    new CreatePolicyCommand({
      PolicyName: "ListOnly",
      PolicyDocument: allow("s3:ListBucket", "arn:aws:s3:::bounded-bucket"),
    }),
  );
  const boundary = Policy?.Arn as string;
  const caller = await userWithKey(keyless.endpoint, root, "assumer");
  await root.iam.send(
    new PutUserPolicyCommand({
      UserName: "assumer",
      PolicyName: "assume",
      PolicyDocument: allow("sts:AssumeRole"),
    }),
  );
  const { Role } = await root.iam.send(
    new CreateRoleCommand({
      RoleName: "Bounded",
      PermissionsBoundary: boundary,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/assumer` },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    }),
  );
  assert.deepEqual(Role?.PermissionsBoundary, boundaryOf(boundary));
  await root.iam.send(
    new PutRolePolicyCommand({
      RoleName: "Bounded",
      PolicyName: "s3",
      PolicyDocument: allow("s3:*"),
    }),
  );

  const { Credentials } = await caller.sts.send(
    new AssumeRoleCommand({ RoleArn: Role?.Arn, RoleSessionName: "bounded-session" }),
  );
  const session = clients(keyless.endpoint, {
    accessKeyId: Credentials?.AccessKeyId as string,
    secretAccessKey: Credentials?.SecretAccessKey as string,
    sessionToken: Credentials?.SessionToken as string,
  });
  await session.s3.send(new ListObjectsV2Command({ Bucket: "bounded-bucket" }));
  const put = () =>
    session.s3.send(new PutObjectCommand({ Bucket: "bounded-bucket", Key: "r", Body: "v" }));
  await rejects(
    put(),
    "AccessDenied",
    /assumed-role\/Bounded\/bounded-session .*permissions boundary/,
  );

  await root.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: "Bounded" }));
  const got = await root.iam.send(new GetRoleCommand({ RoleName: "Bounded" }));
  assert.equal(got.Role?.PermissionsBoundary, undefined);
  await put();

  await root.iam.send(
    new PutRolePermissionsBoundaryCommand({ RoleName: "Bounded", PermissionsBoundary: boundary }),
  );
  await rejects(put(), "AccessDenied");
});
