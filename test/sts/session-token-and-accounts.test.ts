// GetSessionToken, GetAccessKeyInfo and AssumeRole across accounts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ListUsersCommand } from "@aws-sdk/client-iam";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
} from "@aws-sdk/client-sts";
import { type Credentials, clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, role, trustAccount, userWithKey } from "../support/principals.js";

const A = "111111111111";
const B = "222222222222";
let keyless: TestKeyless;
let rootB: Credentials;

before(async () => {
  keyless = await startKeyless({ accounts: [A, B] });
  rootB = keyless.roots.get(B) as Credentials;
});
after(() => keyless.stop());

import type { Credentials as StsCredentials } from "@aws-sdk/client-sts";

const sessionOf = (c: StsCredentials | undefined): Credentials => ({
  accessKeyId: c?.AccessKeyId as string,
  secretAccessKey: c?.SecretAccessKey as string,
  sessionToken: c?.SessionToken as string,
});

test("each account has its own root credentials and identity", async () => {
  const a = await clients(keyless.endpoint, keyless.root).sts.send(
    new GetCallerIdentityCommand({}),
  );
  const b = await clients(keyless.endpoint, rootB).sts.send(new GetCallerIdentityCommand({}));
  assert.equal(a.Arn, `arn:aws:iam::${A}:root`);
  assert.equal(b.Arn, `arn:aws:iam::${B}:root`);
});

test("GetSessionToken works under an explicit Deny of everything, since no policy controls it", async () => {
  const denied = await userWithKey(keyless.endpoint, keyless.root, "denied-everything", {
    Effect: "Deny",
    Action: "*",
    Resource: "*",
  });
  const { Credentials: c } = await clients(keyless.endpoint, denied).sts.send(
    new GetSessionTokenCommand({ DurationSeconds: 900 }),
  );
  assert.match(c?.AccessKeyId ?? "", /^ASIA/);
  // What the session may do is still the user's: nothing.
  await assert.rejects(
    clients(keyless.endpoint, sessionOf(c)).s3.send(new ListBucketsCommand({})),
    { name: "AccessDenied" },
  );
});

test("GetSessionToken gives a user temporary credentials that act as the user but cannot call IAM", async () => {
  const carol = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "carol",
    allow(["s3:ListAllMyBuckets", "iam:ListUsers"]),
  );
  const { Credentials: c } = await clients(keyless.endpoint, carol).sts.send(
    new GetSessionTokenCommand({ DurationSeconds: 900 }),
  );
  assert.match(c?.AccessKeyId ?? "", /^ASIA/);
  const session = clients(keyless.endpoint, sessionOf(c));
  const who = await session.sts.send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, `arn:aws:iam::${A}:user/carol`);
  await session.s3.send(new ListBucketsCommand({}));
  await assert.rejects(session.iam.send(new ListUsersCommand({})), {
    name: "InvalidClientTokenId",
  });
  await assert.rejects(session.sts.send(new GetSessionTokenCommand({})), { name: "AccessDenied" });
  keyless.clock.advance(901_000);
  try {
    const later = clients(keyless.endpoint, sessionOf(c), 901_000);
    await assert.rejects(later.s3.send(new ListBucketsCommand({})), { name: "ExpiredToken" });
  } finally {
    keyless.clock.advance(-901_000);
  }
});

test("GetSessionToken for the root user lasts at most one hour", async () => {
  const { Credentials: c } = await clients(keyless.endpoint, keyless.root).sts.send(
    new GetSessionTokenCommand({ DurationSeconds: 7200 }),
  );
  const expiration = c?.Expiration as Date;
  const seconds = (expiration.getTime() - keyless.clock.now()) / 1000;
  assert.ok(seconds <= 3600 && seconds > 3500, `root session lasts ${seconds} s`);
});

test("GetAccessKeyInfo names the account of a key from either account", async () => {
  const sts = clients(keyless.endpoint, keyless.root).sts;
  const own = await sts.send(
    new GetAccessKeyInfoCommand({ AccessKeyId: keyless.root.accessKeyId }),
  );
  assert.equal(own.Account, A);
  const other = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: rootB.accessKeyId }));
  assert.equal(other.Account, B);
});

test("cross-account AssumeRole needs both the trust policy and the caller's own policy", async () => {
  await role(
    keyless.endpoint,
    rootB,
    "SharedReader",
    [trustAccount(A)],
    [allow("s3:ListAllMyBuckets")],
  );
  await role(keyless.endpoint, rootB, "Private", [trustAccount(B)]);
  const roleArn = `arn:aws:iam::${B}:role/SharedReader`;

  const dave = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "dave",
    allow("sts:AssumeRole", roleArn),
  );
  const { Credentials: c, AssumedRoleUser } = await clients(keyless.endpoint, dave).sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "from-a" }),
  );
  assert.equal(AssumedRoleUser?.Arn, `arn:aws:sts::${B}:assumed-role/SharedReader/from-a`);
  const who = await clients(keyless.endpoint, sessionOf(c)).sts.send(
    new GetCallerIdentityCommand({}),
  );
  assert.equal(who.Account, B);

  const erin = await userWithKey(keyless.endpoint, keyless.root, "erin");
  await assert.rejects(
    clients(keyless.endpoint, erin).sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "x1" }),
    ),
    { name: "AccessDenied" },
  );
  const frank = await userWithKey(keyless.endpoint, keyless.root, "frank", allow("sts:AssumeRole"));
  await assert.rejects(
    clients(keyless.endpoint, frank).sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${B}:role/Private`, RoleSessionName: "x2" }),
    ),
    { name: "AccessDenied" },
  );
});

test("an unsigned AssumeRoleWithWebIdentity or AssumeRoleWithSAML is told federation is not built", async () => {
  for (const action of ["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]) {
    const response = await fetch(keyless.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `Action=${action}&Version=2011-06-15&RoleArn=arn:aws:iam::${A}:role/x`,
    });
    const body = await response.text();
    assert.equal(response.status, 400, body);
    assert.match(body, /<Code>InvalidAction<\/Code>/);
    assert.match(body, new RegExp(`keyless does not serve ${action} yet: federation`));
  }
});
