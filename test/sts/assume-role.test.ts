// AssumeRole's rules (and UpdateRole's part in them), each with the error code and message AWS
// answers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  GetCallerIdentityCommand,
} from "@aws-sdk/client-sts";
import { type Credentials, clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, role, trustAccount, userWithKey } from "../support/principals.js";

const ACCOUNT = "123456789012";
let keyless: TestKeyless;
let alice: Credentials;

before(async () => {
  keyless = await startKeyless();
  alice = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "alice",
    allow(["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]),
  );
  await role(
    keyless.endpoint,
    keyless.root,
    "Reader",
    [trustAccount(ACCOUNT)],
    [allow("s3:ListAllMyBuckets")],
  );
});
after(() => keyless.stop());

const arn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

async function assume(
  credentials: Credentials,
  input: Partial<AssumeRoleCommandInput> & { RoleArn: string },
) {
  const { Credentials: c, ...rest } = await clients(keyless.endpoint, credentials).sts.send(
    new AssumeRoleCommand({ RoleSessionName: "s1", ...input }),
  );
  return {
    ...rest,
    credentials: {
      accessKeyId: c?.AccessKeyId as string,
      secretAccessKey: c?.SecretAccessKey as string,
      sessionToken: c?.SessionToken as string,
    },
    expiration: c?.Expiration as Date,
  };
}

async function rejects(promise: Promise<unknown>, name: string, message: RegExp) {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, `error ${error.name}: ${error.message}`);
    assert.match(error.message, message);
    return true;
  });
}

test("the account root may not assume a role, as on AWS", async () => {
  await rejects(
    assume(keyless.root, { RoleArn: arn("Reader") }),
    "AccessDenied",
    /Roles may not be assumed by root accounts/,
  );
});

test("a user whose policy and the role's trust both allow gets a one-hour session by default", async () => {
  const before = keyless.clock.now();
  const result = await assume(alice, { RoleArn: arn("Reader") });
  assert.equal(result.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/s1`);
  assert.match(result.AssumedRoleUser?.AssumedRoleId ?? "", /^AROA[A-Z2-7]{17}:s1$/);
  const seconds = (result.expiration.getTime() - before) / 1000;
  assert.ok(Math.abs(seconds - 3600) < 5, `session lasts ${seconds} s`);
});

test("DurationSeconds is bounded by 900 and by the role's MaxSessionDuration", async () => {
  await rejects(
    assume(alice, { RoleArn: arn("Reader"), DurationSeconds: 899 }),
    "ValidationError",
    /Member must have value greater than or equal to 900/,
  );
  await rejects(
    assume(alice, { RoleArn: arn("Reader"), DurationSeconds: 7200 }),
    "ValidationError",
    /exceeds the MaxSessionDuration set for this role/,
  );
  await role(keyless.endpoint, keyless.root, "Long", [trustAccount(ACCOUNT)], [], 43200);
  const long = await assume(alice, { RoleArn: arn("Long"), DurationSeconds: 43200 });
  assert.ok(long.expiration.getTime() - keyless.clock.now() > 43000 * 1000);
});

test("UpdateRole raises the longest session AssumeRole grants; UpdateRoleDescription answers the role", async () => {
  await role(keyless.endpoint, keyless.root, "Growing", [trustAccount(ACCOUNT)], []);
  await rejects(
    assume(alice, { RoleArn: arn("Growing"), DurationSeconds: 7200 }),
    "ValidationError",
    /exceeds the MaxSessionDuration set for this role/,
  );
  const { iam } = clients(keyless.endpoint, keyless.root);
  await iam.send(new UpdateRoleCommand({ RoleName: "Growing", MaxSessionDuration: 7200 }));
  const longer = await assume(alice, { RoleArn: arn("Growing"), DurationSeconds: 7200 });
  assert.ok(longer.expiration.getTime() - keyless.clock.now() > 7100 * 1000);

  const described = await iam.send(
    new UpdateRoleDescriptionCommand({ RoleName: "Growing", Description: "reads things" }),
  );
  assert.equal(described.Role?.Description, "reads things");
  assert.equal(described.Role?.MaxSessionDuration, 7200);
  await assert.rejects(
    iam.send(new UpdateRoleCommand({ RoleName: "Growing", MaxSessionDuration: 43201 })),
    (error: Error) => error.name === "ValidationError",
  );
  await assert.rejects(
    iam.send(new UpdateRoleCommand({ RoleName: "NoSuchRole", Description: "x" })),
    (error: Error) => error.name === "NoSuchEntityException",
  );
  // A user without iam:UpdateRole is refused.
  await assert.rejects(
    clients(keyless.endpoint, alice).iam.send(
      new UpdateRoleCommand({ RoleName: "Growing", MaxSessionDuration: 43200 }),
    ),
    (error: Error) => error.name === "AccessDenied" && /iam:UpdateRole/.test(error.message),
  );
  const { Role } = await iam.send(new GetRoleCommand({ RoleName: "Growing" }));
  assert.equal(Role?.MaxSessionDuration, 7200);
});

test("role chaining is capped at one hour", async () => {
  await role(
    keyless.endpoint,
    keyless.root,
    "Chainer",
    [trustAccount(ACCOUNT)],
    [allow("sts:AssumeRole")],
    43200,
  );
  const first = await assume(alice, { RoleArn: arn("Chainer") });
  await rejects(
    assume(first.credentials, { RoleArn: arn("Long"), DurationSeconds: 7200 }),
    "ValidationError",
    /1 hour session limit for roles assumed by role chaining/,
  );
  const chained = await assume(first.credentials, { RoleArn: arn("Long"), DurationSeconds: 3600 });
  assert.equal(chained.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Long/s1`);
});

test("RoleSessionName must be 2 to 64 characters of [\\w+=,.@-]", async () => {
  await rejects(
    assume(alice, { RoleArn: arn("Reader"), RoleSessionName: "a" }),
    "ValidationError",
    /roleSessionName.*length greater than or equal to 2/,
  );
  await rejects(
    assume(alice, { RoleArn: arn("Reader"), RoleSessionName: "bad name!" }),
    "ValidationError",
    /regular expression pattern/,
  );
  await rejects(
    assume(alice, { RoleArn: arn("Reader"), RoleSessionName: "x".repeat(65) }),
    "ValidationError",
    /less than or equal to 64/,
  );
});

test("a trust policy that does not name the caller denies, naming sts:AssumeRole", async () => {
  await role(keyless.endpoint, keyless.root, "EC2Only", [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
  ]);
  await rejects(
    assume(alice, { RoleArn: arn("EC2Only") }),
    "AccessDenied",
    /user\/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role\/EC2Only/,
  );
  await rejects(
    assume(alice, { RoleArn: arn("Missing") }),
    "AccessDenied",
    /not authorized to perform: sts:AssumeRole/,
  );
});

test("a trust policy naming the user grants without any identity policy", async () => {
  const bob = await userWithKey(keyless.endpoint, keyless.root, "bob");
  await role(keyless.endpoint, keyless.root, "ForBob", [
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` },
      Action: "sts:AssumeRole",
    },
  ]);
  const result = await assume(bob, { RoleArn: arn("ForBob") });
  assert.equal(result.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ForBob/s1`);
  await rejects(
    assume(bob, { RoleArn: arn("Reader") }),
    "AccessDenied",
    /because no identity-based policy allows the sts:AssumeRole action/,
  );
});

test("ExternalId is checked through the trust policy's sts:ExternalId condition", async () => {
  await role(keyless.endpoint, keyless.root, "ThirdParty", [
    trustAccount(ACCOUNT, {
      Condition: { StringEquals: { "sts:ExternalId": "shared-secret-42" } },
    }),
  ]);
  await rejects(assume(alice, { RoleArn: arn("ThirdParty") }), "AccessDenied", /sts:AssumeRole/);
  await rejects(
    assume(alice, { RoleArn: arn("ThirdParty"), ExternalId: "wrong-id" }),
    "AccessDenied",
    /sts:AssumeRole/,
  );
  const ok = await assume(alice, { RoleArn: arn("ThirdParty"), ExternalId: "shared-secret-42" });
  assert.ok(ok.credentials.accessKeyId.startsWith("ASIA"));
});

test("session tags need sts:TagSession in the trust policy and become aws:PrincipalTag", async () => {
  await rejects(
    assume(alice, { RoleArn: arn("Reader"), Tags: [{ Key: "team", Value: "blue" }] }),
    "AccessDenied",
    /sts:TagSession/,
  );
  await role(
    keyless.endpoint,
    keyless.root,
    "Tagged",
    [{ ...trustAccount(ACCOUNT), Action: ["sts:AssumeRole", "sts:TagSession"] }],
    [
      {
        ...allow("s3:ListAllMyBuckets"),
        Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } },
      },
    ],
  );
  const blue = await assume(alice, {
    RoleArn: arn("Tagged"),
    Tags: [{ Key: "team", Value: "blue" }],
  });
  assert.ok((blue.PackedPolicySize ?? 0) > 0, `PackedPolicySize ${blue.PackedPolicySize}`);
  await clients(keyless.endpoint, blue.credentials).s3.send(new ListBucketsCommand({}));
  const red = await assume(alice, {
    RoleArn: arn("Tagged"),
    Tags: [{ Key: "team", Value: "red" }],
  });
  await rejects(
    clients(keyless.endpoint, red.credentials).s3.send(new ListBucketsCommand({})),
    "AccessDenied",
    /s3:ListAllMyBuckets/,
  );
});

test("transitive session tags carry into a chained session", async () => {
  await role(
    keyless.endpoint,
    keyless.root,
    "Hop",
    [{ ...trustAccount(ACCOUNT), Action: ["sts:AssumeRole", "sts:TagSession"] }],
    [allow(["sts:AssumeRole", "sts:TagSession"])],
  );
  const first = await assume(alice, {
    RoleArn: arn("Hop"),
    Tags: [{ Key: "team", Value: "blue" }],
    TransitiveTagKeys: ["team"],
  });
  const second = await assume(first.credentials, { RoleArn: arn("Tagged") });
  await clients(keyless.endpoint, second.credentials).s3.send(new ListBucketsCommand({}));
  await rejects(
    assume(first.credentials, { RoleArn: arn("Tagged"), Tags: [{ Key: "team", Value: "red" }] }),
    "InvalidParameterValue",
    /transitive/,
  );
});

test("SourceIdentity needs sts:SetSourceIdentity and stays with the session", async () => {
  await rejects(
    assume(alice, { RoleArn: arn("Reader"), SourceIdentity: "alice@example.com" }),
    "AccessDenied",
    /sts:SetSourceIdentity/,
  );
  await role(keyless.endpoint, keyless.root, "Sourced", [
    { ...trustAccount(ACCOUNT), Action: ["sts:AssumeRole", "sts:SetSourceIdentity"] },
  ]);
  const result = await assume(alice, {
    RoleArn: arn("Sourced"),
    SourceIdentity: "alice@example.com",
  });
  assert.equal(result.SourceIdentity, "alice@example.com");
  await rejects(
    assume(alice, { RoleArn: arn("Sourced"), SourceIdentity: "aws:me" }),
    "ValidationError",
    /sourceIdentity/,
  );
});

test("a chained AssumeRole keeps the session's SourceIdentity and refuses another", async () => {
  const hop = [{ ...trustAccount(ACCOUNT), Action: ["sts:AssumeRole", "sts:SetSourceIdentity"] }];
  await role(keyless.endpoint, keyless.root, "SourceHop", hop, [
    allow(["sts:AssumeRole", "sts:SetSourceIdentity"]),
  ]);
  const first = await assume(alice, { RoleArn: arn("SourceHop"), SourceIdentity: "alice" });
  await rejects(
    assume(first.credentials, { RoleArn: arn("SourceHop"), SourceIdentity: "bob" }),
    "InvalidParameterValue",
    /source identity alice is set for the calling session and cannot be changed/,
  );
  const repeated = await assume(first.credentials, {
    RoleArn: arn("SourceHop"),
    SourceIdentity: "alice",
  });
  assert.equal(repeated.SourceIdentity, "alice");
  const carried = await assume(first.credentials, { RoleArn: arn("SourceHop") });
  assert.equal(carried.SourceIdentity, "alice");
});

test("a session policy intersects the role's permissions", async () => {
  await role(keyless.endpoint, keyless.root, "Broad", [trustAccount(ACCOUNT)], [allow("s3:*")]);
  const narrow = JSON.stringify({
    Version: "2012-10-17",
    Statement: [allow("s3:ListAllMyBuckets")],
  });
  const result = await assume(alice, { RoleArn: arn("Broad"), Policy: narrow });
  assert.ok((result.PackedPolicySize ?? 0) > 0, `PackedPolicySize ${result.PackedPolicySize}`);
  const s3 = clients(keyless.endpoint, result.credentials).s3;
  await s3.send(new ListBucketsCommand({}));
  await rejects(
    s3.send(new CreateBucketCommand({ Bucket: "not-allowed-by-session" })),
    "AccessDenied",
    /session policy/,
  );
  await rejects(
    assume(alice, { RoleArn: arn("Broad"), Policy: "{not json" }),
    "MalformedPolicyDocumentException",
    /./,
  );
});

test("GetCallerIdentity shows the assumed role and answers even when every action is denied", async () => {
  await role(
    keyless.endpoint,
    keyless.root,
    "Denied",
    [trustAccount(ACCOUNT)],
    [{ Effect: "Deny", Action: "*", Resource: "*" }],
  );
  const result = await assume(alice, { RoleArn: arn("Denied"), RoleSessionName: "who-am-i" });
  const who = await clients(keyless.endpoint, result.credentials).sts.send(
    new GetCallerIdentityCommand({}),
  );
  assert.equal(who.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Denied/who-am-i`);
  assert.equal(who.Account, ACCOUNT);
});

test("a role deleted and created again under its name does not revive the old role's sessions", async () => {
  // The new role is another principal with its own unique id (AROA…), and a session belongs to
  // the role it was issued for (IAM User Guide, "IAM identifiers", section "Unique
  // identifiers").
  const permissions = [allow("s3:ListAllMyBuckets")];
  await role(keyless.endpoint, keyless.root, "Phoenix", [trustAccount(ACCOUNT)], permissions);
  const old = await assume(alice, { RoleArn: arn("Phoenix"), RoleSessionName: "before" });
  const oldS3 = clients(keyless.endpoint, old.credentials).s3;
  await oldS3.send(new ListBucketsCommand({}));

  const { iam } = clients(keyless.endpoint, keyless.root);
  await iam.send(new DeleteRolePolicyCommand({ RoleName: "Phoenix", PolicyName: "inline" }));
  await iam.send(new DeleteRoleCommand({ RoleName: "Phoenix" }));
  await rejects(oldS3.send(new ListBucketsCommand({})), "AccessDenied", /ListAllMyBuckets/);

  await role(keyless.endpoint, keyless.root, "Phoenix", [trustAccount(ACCOUNT)], permissions);
  await rejects(oldS3.send(new ListBucketsCommand({})), "AccessDenied", /ListAllMyBuckets/);
  const fresh = await assume(alice, { RoleArn: arn("Phoenix"), RoleSessionName: "after" });
  await clients(keyless.endpoint, fresh.credentials).s3.send(new ListBucketsCommand({}));
});
