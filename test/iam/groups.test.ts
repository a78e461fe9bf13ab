// Groups, their members and their policies, the errors AWS answers, and a user allowed through
// the groups it is in.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
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
  rejects,
  userWithKey,
} from "./fixture.js";

let keyless: TestKeyless;
let root: Clients;
before(async () => {
  keyless = await startKeyless();
  root = clients(keyless.endpoint, keyless.root);
  await root.s3.send(new CreateBucketCommand({ Bucket: "group-bucket" }));
});
after(() => keyless.stop());

const LIST_BUCKET = allow("s3:ListBucket", "arn:aws:s3:::group-bucket");

test("CreateGroup answers an AGPA id and GetGroup lists the group's members", async () => {
  const { Group } = await root.iam.send(
    new CreateGroupCommand({ GroupName: "Developers", Path: "/eng/" }),
  );
  assert.match(Group?.GroupId ?? "", /^AGPA[A-Z2-7]{17}$/, `group id ${Group?.GroupId}`);
  assert.equal(Group?.Arn, `arn:aws:iam::${ACCOUNT}:group/eng/Developers`);

  await root.iam.send(new CreateUserCommand({ UserName: "gina" }));
  await root.iam.send(new AddUserToGroupCommand({ GroupName: "developers", UserName: "gina" }));
  // Adding a member again is no error.
  await root.iam.send(new AddUserToGroupCommand({ GroupName: "Developers", UserName: "GINA" }));
  const got = await root.iam.send(new GetGroupCommand({ GroupName: "Developers" }));
  assert.equal(got.Group?.GroupName, "Developers");
  assert.deepEqual(
    got.Users?.map((u) => u.UserName),
    ["gina"],
  );

  const forUser = await root.iam.send(new ListGroupsForUserCommand({ UserName: "gina" }));
  assert.deepEqual(
    forUser.Groups?.map((g) => g.GroupName),
    ["Developers"],
  );
  const listed = await root.iam.send(new ListGroupsCommand({ PathPrefix: "/eng/" }));
  assert.deepEqual(
    listed.Groups?.map((g) => g.GroupName),
    ["Developers"],
  );

  await rejects(
    root.iam.send(new DeleteUserCommand({ UserName: "gina" })),
    "DeleteConflictException",
    "Cannot delete entity, must remove users from group first.",
  );
  await rejects(
    root.iam.send(new DeleteGroupCommand({ GroupName: "Developers" })),
    "DeleteConflictException",
    "Cannot delete entity, must remove users from group first.",
  );
  await root.iam.send(
    new RemoveUserFromGroupCommand({ GroupName: "Developers", UserName: "gina" }),
  );
  const emptied = await root.iam.send(new GetGroupCommand({ GroupName: "Developers" }));
  assert.deepEqual(emptied.Users, []);
  await root.iam.send(new DeleteUserCommand({ UserName: "gina" }));
  await root.iam.send(new DeleteGroupCommand({ GroupName: "Developers" }));
});

test("groups answer AWS's errors for duplicates, unknown names and non-members", async () => {
  await root.iam.send(new CreateGroupCommand({ GroupName: "Ops" }));
  await rejects(
    root.iam.send(new CreateGroupCommand({ GroupName: "OPS" })),
    "EntityAlreadyExistsException",
    "Group with name OPS already exists.",
  );
  await rejects(
    root.iam.send(new GetGroupCommand({ GroupName: "nobody-group" })),
    "NoSuchEntityException",
    "The group with name nobody-group cannot be found.",
  );
  await rejects(
    root.iam.send(new AddUserToGroupCommand({ GroupName: "Ops", UserName: "ghost" })),
    "NoSuchEntityException",
    "The user with name ghost cannot be found.",
  );
  await root.iam.send(new CreateUserCommand({ UserName: "outsider" }));
  await rejects(
    root.iam.send(new RemoveUserFromGroupCommand({ GroupName: "Ops", UserName: "outsider" })),
    "NoSuchEntityException",
    "The user with name outsider cannot be found.",
  );
  await rejects(
    root.iam.send(new GetGroupPolicyCommand({ GroupName: "Ops", PolicyName: "none" })),
    "NoSuchEntityException",
    "The group policy with name none cannot be found.",
  );
});

test("DeleteGroup conflicts while the group has inline or attached policies", async () => {
  await root.iam.send(new CreateGroupCommand({ GroupName: "Auditors" }));
  await root.iam.send(
    new PutGroupPolicyCommand({
      GroupName: "Auditors",
      PolicyName: "list",
      PolicyDocument: LIST_BUCKET,
    }),
  );
  const names = await root.iam.send(new ListGroupPoliciesCommand({ GroupName: "Auditors" }));
  assert.deepEqual(names.PolicyNames, ["list"]);
  const got = await root.iam.send(
    new GetGroupPolicyCommand({ GroupName: "Auditors", PolicyName: "list" }),
  );
  assert.equal(decodeURIComponent(got.PolicyDocument ?? ""), LIST_BUCKET);
  await rejects(
    root.iam.send(new DeleteGroupCommand({ GroupName: "Auditors" })),
    "DeleteConflictException",
    "Cannot delete entity, must delete policies first.",
  );
  await root.iam.send(new DeleteGroupPolicyCommand({ GroupName: "Auditors", PolicyName: "list" }));

  const arn = awsPolicy("AmazonS3ReadOnlyAccess");
  await root.iam.send(new AttachGroupPolicyCommand({ GroupName: "Auditors", PolicyArn: arn }));
  const attached = await root.iam.send(
    new ListAttachedGroupPoliciesCommand({ GroupName: "Auditors" }),
  );
  assert.deepEqual(attached.AttachedPolicies, [
    { PolicyName: "AmazonS3ReadOnlyAccess", PolicyArn: arn },
  ]);
  const entities = await root.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
  assert.deepEqual(
    entities.PolicyGroups?.map((g) => g.GroupName),
    ["Auditors"],
  );
  await rejects(
    root.iam.send(new DeleteGroupCommand({ GroupName: "Auditors" })),
    "DeleteConflictException",
    "Cannot delete entity, must detach all policies first.",
  );
  await root.iam.send(new DetachGroupPolicyCommand({ GroupName: "Auditors", PolicyArn: arn }));
  await root.iam.send(new DeleteGroupCommand({ GroupName: "Auditors" }));
});

test("a user is allowed only through a group's managed policy, until it leaves the group", async () => {
  const { Policy } = await root.iam.send(
    new CreatePolicyCommand({ PolicyName: "GroupList", PolicyDocument: LIST_BUCKET }),
  );
  await root.iam.send(new CreateGroupCommand({ GroupName: "Readers" }));
  await root.iam.send(
    new AttachGroupPolicyCommand({ GroupName: "Readers", PolicyArn: Policy?.Arn }),
  );
  const hank = await userWithKey(keyless.endpoint, root, "hank");
  const list = () => hank.s3.send(new ListObjectsV2Command({ Bucket: "group-bucket" }));
  await rejects(list(), "AccessDenied", /user\/hank is not authorized to perform: s3:ListBucket/);

  await root.iam.send(new AddUserToGroupCommand({ GroupName: "Readers", UserName: "hank" }));
  const listed = await list();
  assert.equal(listed.KeyCount, 0);
  await rejects(
    hank.s3.send(new PutObjectCommand({ Bucket: "group-bucket", Key: "k", Body: "v" })),
    "AccessDenied",
  );

  await root.iam.send(new RemoveUserFromGroupCommand({ GroupName: "Readers", UserName: "hank" }));
  await rejects(list(), "AccessDenied");
});

test("a group's inline policy allows its members", async () => {
  await root.iam.send(new CreateGroupCommand({ GroupName: "Writers" }));
  await root.iam.send(
    new PutGroupPolicyCommand({
      GroupName: "Writers",
      PolicyName: "write",
      PolicyDocument: allow("s3:PutObject", "arn:aws:s3:::group-bucket/*"),
    }),
  );
  const iris = await userWithKey(keyless.endpoint, root, "iris");
  await root.iam.send(new AddUserToGroupCommand({ GroupName: "Writers", UserName: "iris" }));
  await iris.s3.send(new PutObjectCommand({ Bucket: "group-bucket", Key: "k", Body: "v" }));
});

test("inline policies are capped by their owner's aggregate size quota", async () => {
  await root.iam.send(new CreateGroupCommand({ GroupName: "Big" }));
  await root.iam.send(
    new PutGroupPolicyCommand({
      GroupName: "Big",
      PolicyName: "a",
      PolicyDocument: documentOfSize(5120),
    }),
  );
  await rejects(
    root.iam.send(
      new PutGroupPolicyCommand({ GroupName: "Big", PolicyName: "b", PolicyDocument: LIST_BUCKET }),
    ),
    "LimitExceededException",
    "Maximum policy size of 5120 bytes exceeded for group Big",
  );

  await root.iam.send(new CreateUserCommand({ UserName: "small" }));
  await root.iam.send(
    new PutUserPolicyCommand({
      UserName: "small",
      PolicyName: "a",
      PolicyDocument: documentOfSize(1500),
    }),
  );
  // Replacing a policy counts its new size, not both.
  await root.iam.send(
    new PutUserPolicyCommand({
      UserName: "small",
      PolicyName: "a",
      PolicyDocument: documentOfSize(1600),
    }),
  );
  await rejects(
    root.iam.send(
      new PutUserPolicyCommand({
        UserName: "small",
        PolicyName: "b",
        PolicyDocument: documentOfSize(449),
      }),
    ),
    "LimitExceededException",
    "Maximum policy size of 2048 bytes exceeded for user small",
  );

  await root.iam.send(
    new CreateRoleCommand({
      RoleName: "roomy",
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
    new PutRolePolicyCommand({
      RoleName: "roomy",
      PolicyName: "a",
      PolicyDocument: documentOfSize(10240),
    }),
  );
  await rejects(
    root.iam.send(
      new PutRolePolicyCommand({ RoleName: "roomy", PolicyName: "b", PolicyDocument: LIST_BUCKET }),
    ),
    "LimitExceededException",
    "Maximum policy size of 10240 bytes exceeded for role roomy",
  );
});
