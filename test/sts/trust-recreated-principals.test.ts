// A role's trust policy names an IAM user or role by the unique ID it had when the policy was
// saved, not by its ARN. What AWS documents of it, and these tests hold keyless to:
// - "When you save the policy, AWS transforms the ARN to a unique principal ID. … if you delete
//   the role or user, then the relationship is broken. The policy no longer applies, even if you
//   recreate the user or role because it does not match the principal ID stored in the trust
//   policy. When this happens, the principal ID shows up in the console because AWS can no
//   longer map it back to an ARN" (IAM User Guide, "Examples of policies for delegating access").
// - CreateRole and UpdateAssumeRolePolicy refuse a trust policy naming a user or role that does
//   not exist: MalformedPolicyDocument, `Invalid principal in policy: "AWS":"arn:…"` (AWS re:Post
//   knowledge center, "iam-trust-policy-error": "confirm that the user or role wasn't deleted";
//   the message as IAM words it is quoted for CreateRole in opstrace/opstrace#88 and for
//   UpdateAssumeRolePolicy in databrickslabs/ucx#2269).
// - Only user and role ARNs become IDs, the documents speaking of no other: the account, service
//   principals and role session ARNs stay as written.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_policy-examples.html#example-delegate-xaccount-rolesapi
// https://repost.aws/knowledge-center/iam-trust-policy-error
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  ListRolesCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { type Credentials, clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import {
  allow,
  deleteUserWithKey,
  policy,
  role,
  trustAccount,
  userWithId,
  userWithKey,
} from "../support/principals.js";

const ACCOUNT = "123456789012";
const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

const iam = () => clients(keyless.endpoint, keyless.root).iam;

const trusting = (aws: string | string[], extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: { AWS: aws, ...extra },
  Action: "sts:AssumeRole",
});

/** The role's trust policy as GetRole shows it (IAM sends it URL-encoded). */
async function shownTrust(name: string) {
  const { Role } = await iam().send(new GetRoleCommand({ RoleName: name }));
  return JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? "")).Statement[0]
    .Principal;
}

const freshUser = (name: string) => userWithId(keyless.endpoint, keyless.root, name);
const deleteUser = (name: string, credentials: Credentials) =>
  deleteUserWithKey(keyless.endpoint, keyless.root, name, credentials);

const assume = (credentials: Credentials, name: string) =>
  clients(keyless.endpoint, credentials).sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: "trusted" }),
  );

async function rejects(promise: Promise<unknown>, name: string, message: string | RegExp) {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, `error ${error.name}: ${error.message}`);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

test("a user deleted and made again under the same name may not assume the role", async () => {
  const first = await freshUser("dan");
  await role(keyless.endpoint, keyless.root, "ForDan", [trusting(userArn("dan"))]);
  await assume(first.credentials, "ForDan");
  assert.equal((await shownTrust("ForDan")).AWS, userArn("dan"), "while dan exists: his ARN");

  await deleteUser("dan", first.credentials);
  assert.equal((await shownTrust("ForDan")).AWS, first.id, "once dan is gone: his ID");

  const second = await freshUser("dan");
  await rejects(
    assume(second.credentials, "ForDan"),
    "AccessDenied",
    /user\/dan is not authorized to perform: sts:AssumeRole on resource: .*role\/ForDan/,
  );
  assert.equal((await shownTrust("ForDan")).AWS, first.id, "the namesake does not bring it back");
  const { Roles } = await iam().send(new ListRolesCommand({}));
  const listed = Roles?.find((r) => r.RoleName === "ForDan")?.AssumeRolePolicyDocument ?? "";
  assert.match(decodeURIComponent(listed), new RegExp(first.id), "ListRoles shows the ID too");

  // Saving the trust policy again trusts the dan that exists now.
  await iam().send(
    new UpdateAssumeRolePolicyCommand({
      RoleName: "ForDan",
      PolicyDocument: policy(trusting(userArn("dan"))),
    }),
  );
  await assume(second.credentials, "ForDan");
  assert.equal((await shownTrust("ForDan")).AWS, userArn("dan"));
});

test("a role deleted and made again under the same name may not assume the role", async () => {
  const caller = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "chainer",
    allow("sts:AssumeRole"),
  );
  const makeJumper = () =>
    role(keyless.endpoint, keyless.root, "Jumper", [trustAccount(ACCOUNT)], [allow("sts:*")]);
  await makeJumper();
  await role(keyless.endpoint, keyless.root, "Landing", [trusting(roleArn("Jumper"))]);
  /** Assumes Landing from a fresh session of whichever Jumper exists now. */
  const viaJumper = async () => {
    const { Credentials: c } = await assume(caller, "Jumper");
    const jumper = {
      accessKeyId: c?.AccessKeyId as string,
      secretAccessKey: c?.SecretAccessKey as string,
      sessionToken: c?.SessionToken as string,
    };
    return assume(jumper, "Landing");
  };
  await viaJumper();

  await iam().send(new DeleteRolePolicyCommand({ RoleName: "Jumper", PolicyName: "inline" }));
  await iam().send(new DeleteRoleCommand({ RoleName: "Jumper" }));
  assert.match((await shownTrust("Landing")).AWS, /^AROA[A-Z2-7]{17}$/, "the gone role's ID");

  await makeJumper();
  await rejects(
    viaJumper(),
    "AccessDenied",
    /assumed-role\/Jumper\/trusted is not authorized to perform: sts:AssumeRole/,
  );
});

test("a trust policy naming a user or role that does not exist is refused with its ARN", async () => {
  await rejects(
    iam().send(
      new CreateRoleCommand({
        RoleName: "ForNobody",
        AssumeRolePolicyDocument: policy(trusting(userArn("nobody"))),
      }),
    ),
    "MalformedPolicyDocumentException",
    `Invalid principal in policy: "AWS":"${userArn("nobody")}"`,
  );
  await rejects(
    iam().send(new GetRoleCommand({ RoleName: "ForNobody" })),
    "NoSuchEntityException",
    /ForNobody cannot be found/,
  );

  // A role cannot trust itself before it exists, as CreateRole on AWS finds.
  await rejects(
    iam().send(
      new CreateRoleCommand({
        RoleName: "Selfish",
        AssumeRolePolicyDocument: policy(trusting(roleArn("Selfish"))),
      }),
    ),
    "MalformedPolicyDocumentException",
    `Invalid principal in policy: "AWS":"${roleArn("Selfish")}"`,
  );

  await role(keyless.endpoint, keyless.root, "Kept", [trustAccount(ACCOUNT)]);
  await rejects(
    iam().send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "Kept",
        PolicyDocument: policy(trusting(roleArn("Nowhere"))),
      }),
    ),
    "MalformedPolicyDocumentException",
    `Invalid principal in policy: "AWS":"${roleArn("Nowhere")}"`,
  );
  assert.deepEqual(await shownTrust("Kept"), { AWS: ROOT_ARN }, "the old trust policy stays");
});

test("the account, a service and a role session stay as written when a named user is gone", async () => {
  const { credentials } = await freshUser("erin");
  const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Kept/some-session`;
  const aws = [userArn("erin"), ROOT_ARN, ACCOUNT, session];
  await role(keyless.endpoint, keyless.root, "Mixed", [
    trusting(aws, { Service: "ec2.amazonaws.com" }),
  ]);
  await deleteUser("erin", credentials);

  const shown = await shownTrust("Mixed");
  assert.match(shown.AWS[0], /^AIDA[A-Z2-7]{17}$/, "the gone user's ID");
  assert.deepEqual(shown.AWS.slice(1), aws.slice(1), "the other AWS principals");
  assert.equal(shown.Service, "ec2.amazonaws.com", "the service principal");
});
