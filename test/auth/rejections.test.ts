import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { CreateRoleCommand, ListUsersCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, userWithKey } from "../support/principals.js";
import { errorCode, sendRaw, signRaw } from "../support/sign.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

const STS_BODY = "Action=GetCallerIdentity&Version=2011-06-15";
const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

async function stsCall(credentials: { accessKeyId: string; secretAccessKey: string }) {
  return signRaw(keyless.endpoint, credentials, "sts", {
    method: "POST",
    path: "/",
    headers: FORM,
    body: STS_BODY,
  });
}

test("a correctly signed raw request is accepted (the baseline for the rejections below)", async () => {
  const response = await sendRaw(keyless.endpoint, await stsCall(keyless.root));
  assert.equal(response.status, 200, response.body);
  assert.match(response.body, /<Arn>arn:aws:iam::123456789012:root<\/Arn>/);
});

test("a wrong secret key is SignatureDoesNotMatch on STS and S3", async () => {
  const wrong = { ...keyless.root, secretAccessKey: `${keyless.root.secretAccessKey.slice(1)}x` };
  const sts = await sendRaw(keyless.endpoint, await stsCall(wrong));
  assert.equal(sts.status, 403);
  assert.equal(errorCode(sts.body), "SignatureDoesNotMatch");
  await assert.rejects(clients(keyless.endpoint, wrong).s3.send(new ListBucketsCommand({})), {
    name: "SignatureDoesNotMatch",
  });
});

test("an unknown key is InvalidClientTokenId on STS, InvalidAccessKeyId on S3, AuthFailure on EC2", async () => {
  const unknown = { accessKeyId: "AKIAZZZZZZZZZZZZZZZZ", secretAccessKey: "x".repeat(40) };
  const sts = await sendRaw(keyless.endpoint, await stsCall(unknown));
  assert.equal(errorCode(sts.body), "InvalidClientTokenId");
  assert.equal(sts.status, 403);
  const s3 = await sendRaw(
    keyless.endpoint,
    await signRaw(keyless.endpoint, unknown, "s3", {
      method: "GET",
      path: "/",
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    }),
  );
  assert.equal(errorCode(s3.body), "InvalidAccessKeyId");
  const ec2 = await sendRaw(
    keyless.endpoint,
    await signRaw(keyless.endpoint, unknown, "ec2", {
      method: "POST",
      path: "/",
      headers: FORM,
      body: "Action=DescribeInstances&Version=2016-11-15",
    }),
  );
  assert.equal(errorCode(ec2.body), "AuthFailure");
  assert.equal(ec2.status, 401);
});

test("a body changed after signing fails the signature", async () => {
  const signed = await stsCall(keyless.root);
  const tampered = { ...signed, body: STS_BODY.replace("GetCallerIdentity", "GetCallerIdentitx") };
  const response = await sendRaw(keyless.endpoint, tampered);
  assert.equal(errorCode(response.body), "SignatureDoesNotMatch", response.body);
});

test("a request without any signature gets the service's missing-authentication error", async () => {
  const response = await sendRaw(keyless.endpoint, {
    method: "POST",
    target: "/",
    headers: FORM,
    body: STS_BODY,
  });
  assert.equal(response.status, 403);
  assert.equal(errorCode(response.body), "MissingAuthenticationToken");
});

test("a request signed 20 minutes ago is refused for clock skew", async () => {
  const old = new Date(keyless.clock.now() - 20 * 60_000);
  const signed = await signRaw(
    keyless.endpoint,
    keyless.root,
    "sts",
    { method: "POST", path: "/", headers: FORM, body: STS_BODY },
    { signingDate: old },
  );
  const response = await sendRaw(keyless.endpoint, signed);
  assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
  assert.match(response.body, /Signature expired/);
});

test("an X-Amz-Date on another day than the credential scope: 400 AuthorizationHeaderMalformed on S3, a mismatch elsewhere", async () => {
  const nextDay = (headers: Record<string, string>) => {
    const date = headers["x-amz-date"] as string;
    const day = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1);
    return {
      ...headers,
      "x-amz-date": `${day.toISOString().slice(0, 10).replace(/-/g, "")}${date.slice(8)}`,
    };
  };
  const s3 = await signRaw(keyless.endpoint, keyless.root, "s3", {
    method: "GET",
    path: "/",
    headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
  });
  const s3Answer = await sendRaw(keyless.endpoint, { ...s3, headers: nextDay(s3.headers) });
  assert.equal(s3Answer.status, 400, s3Answer.body);
  assert.equal(errorCode(s3Answer.body), "AuthorizationHeaderMalformed");
  assert.match(
    s3Answer.body,
    /The authorization header is malformed; Invalid credential date\. Date is not the same as X-Amz-Date\./,
  );
  const sts = await stsCall(keyless.root);
  const stsAnswer = await sendRaw(keyless.endpoint, { ...sts, headers: nextDay(sts.headers) });
  assert.equal(stsAnswer.status, 403, stsAnswer.body);
  assert.equal(errorCode(stsAnswer.body), "SignatureDoesNotMatch");
  assert.match(stsAnswer.body, /Date in Credential scope does not match/);
});

test("a session key needs its own token and stops working when the session expires", async () => {
  const root = clients(keyless.endpoint, keyless.root);
  const assumer = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "assumer",
    allow("sts:AssumeRole"),
  );
  const trust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "sts:AssumeRole",
      },
    ],
  });
  await root.iam.send(
    new CreateRoleCommand({ RoleName: "Short", AssumeRolePolicyDocument: trust }),
  );
  await root.iam.send(
    new PutRolePolicyCommand({
      RoleName: "Short",
      PolicyName: "list",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }],
      }),
    }),
  );
  const { Credentials } = await clients(keyless.endpoint, assumer).sts.send(
    new AssumeRoleCommand({
      RoleArn: "arn:aws:iam::123456789012:role/Short",
      RoleSessionName: "test-session",
      DurationSeconds: 900,
    }),
  );
  assert.match(Credentials?.AccessKeyId ?? "", /^ASIA/);
  const session = {
    accessKeyId: Credentials?.AccessKeyId as string,
    secretAccessKey: Credentials?.SecretAccessKey as string,
    sessionToken: Credentials?.SessionToken as string,
  };
  const who = await clients(keyless.endpoint, session).sts.send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, "arn:aws:sts::123456789012:assumed-role/Short/test-session");

  const withoutToken = {
    accessKeyId: session.accessKeyId,
    secretAccessKey: session.secretAccessKey,
  };
  await assert.rejects(
    clients(keyless.endpoint, withoutToken).sts.send(new GetCallerIdentityCommand({})),
    {
      name: "InvalidClientTokenId",
    },
  );
  const wrongToken = { ...session, sessionToken: `${session.sessionToken.slice(0, -4)}AAAA` };
  await assert.rejects(clients(keyless.endpoint, wrongToken).s3.send(new ListBucketsCommand({})), {
    name: "InvalidToken",
  });

  keyless.clock.advance(16 * 60_000);
  const later = clients(keyless.endpoint, session, 16 * 60_000);
  try {
    await assert.rejects(later.sts.send(new GetCallerIdentityCommand({})), {
      // Not the modelled ExpiredTokenException (an expired identity-provider token for the
      // AssumeRoleWith* calls): a request signed with expired credentials is ExpiredToken.
      name: "ExpiredToken",
    });
    await assert.rejects(
      later.s3.send(new ListBucketsCommand({})),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, "ExpiredToken");
        assert.equal(error.$metadata?.httpStatusCode, 400);
        return true;
      },
    );
    // IAM answers like STS (403); EC2 in its own Response/Errors form.
    await assert.rejects(
      later.iam.send(new ListUsersCommand({})),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, "ExpiredToken");
        assert.equal(error.$metadata?.httpStatusCode, 403);
        return true;
      },
    );
    await assert.rejects(later.ec2.send(new DescribeInstancesCommand({})), {
      name: "ExpiredToken",
    });
  } finally {
    keyless.clock.reset();
  }
});

test("a long-term key sent with a session token is refused, as a stale AWS_SESSION_TOKEN is on AWS", async () => {
  // The token is checked whenever it is sent; beside an AKIA key it belongs to no session.
  const stale = { ...keyless.root, sessionToken: "FwoGZXIvYXdzEStaleTokenLeftInTheEnvironment" };
  const { sts, s3, iam } = clients(keyless.endpoint, stale);
  await assert.rejects(sts.send(new GetCallerIdentityCommand({})), {
    name: "InvalidClientTokenId",
  });
  await assert.rejects(iam.send(new ListUsersCommand({})), { name: "InvalidClientTokenId" });
  await assert.rejects(s3.send(new ListBucketsCommand({})), { name: "InvalidToken" });
  // Without the token the same key works.
  await clients(keyless.endpoint, keyless.root).sts.send(new GetCallerIdentityCommand({}));
});
