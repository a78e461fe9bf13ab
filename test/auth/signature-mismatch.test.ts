// SignatureDoesNotMatch: S3 shows the client what it verified against (StringToSign,
// CanonicalRequest, their bytes, SignatureProvided, AWSAccessKeyId), the other services only
// the message. The debug log keeps the same detail without any session token.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { ListUsersCommand } from "@aws-sdk/client-iam";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { type Credentials, clients, wrongSecret } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, userWithKey } from "../support/principals.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

type S3Mismatch = Error & Record<string, unknown> & { $metadata?: { httpStatusCode?: number } };

test("the JS SDK's S3 error carries StringToSign, CanonicalRequest, SignatureProvided and the key", async () => {
  let caught: S3Mismatch | undefined;
  await assert.rejects(
    clients(keyless.endpoint, wrongSecret(keyless.root)).s3.send(new ListBucketsCommand({})),
    (error: S3Mismatch) => {
      caught = error;
      return error.name === "SignatureDoesNotMatch";
    },
  );
  const error = caught as S3Mismatch;
  assert.equal(error.$metadata?.httpStatusCode, 403);
  assert.equal(error.AWSAccessKeyId, keyless.root.accessKeyId);
  assert.match(
    String(error.StringToSign),
    /^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/,
  );
  assert.match(String(error.CanonicalRequest), /^GET\n\/\n/);
  assert.match(String(error.CanonicalRequest), /\nhost:127\.0\.0\.1:\d+\n/);
  assert.match(String(error.SignatureProvided), /^[0-9a-f]{64}$/);
  const bytes = String(error.StringToSignBytes).split(" ");
  assert.equal(
    Buffer.from(bytes.map((b) => Number.parseInt(b, 16))).toString(),
    error.StringToSign,
  );
});

test("STS, IAM and EC2 say only the message: no signature detail in their error documents", async () => {
  const wrong = clients(keyless.endpoint, wrongSecret(keyless.root));
  for (const call of [
    () => wrong.sts.send(new GetCallerIdentityCommand({})),
    () => wrong.iam.send(new ListUsersCommand({})),
    () => wrong.ec2.send(new DescribeInstancesCommand({})),
  ]) {
    await assert.rejects(call(), (error: S3Mismatch) => {
      assert.match(error.name, /^(SignatureDoesNotMatch|AuthFailure)$/);
      assert.equal(error.StringToSign, undefined, "StringToSign shown");
      assert.equal(error.CanonicalRequest, undefined, "CanonicalRequest shown");
      assert.match(error.message, /^The request signature we calculated does not match/);
      return true;
    });
  }
});

test("the debug log shows the canonical request of a mismatch, but never the session token", async () => {
  const user = await userWithKey(keyless.endpoint, keyless.root, "logged", allow("s3:*"));
  const { Credentials: session } = await clients(keyless.endpoint, user).sts.send(
    new GetSessionTokenCommand({}),
  );
  const credentials: Credentials = {
    accessKeyId: session?.AccessKeyId as string,
    secretAccessKey: session?.SecretAccessKey as string,
    sessionToken: session?.SessionToken as string,
  };
  await assert.rejects(
    clients(keyless.endpoint, wrongSecret(credentials)).s3.send(new ListBucketsCommand({})),
    (error: S3Mismatch) => {
      // S3 itself echoes the token inside CanonicalRequest; that is its reply, not a log line.
      assert.match(String(error.CanonicalRequest), /x-amz-security-token:/);
      return error.name === "SignatureDoesNotMatch";
    },
  );
  const mismatch = keyless.logs.find(
    (line) =>
      line.msg === "signature mismatch" &&
      String(line.canonicalRequest).includes("x-amz-security-token:<redacted>"),
  );
  assert.ok(mismatch, "the mismatch was logged with its canonical request");
  const everything = JSON.stringify(keyless.logs);
  assert.ok(!everything.includes(credentials.sessionToken as string), "a log line holds the token");
  assert.ok(!everything.includes(credentials.secretAccessKey), "a log line holds the secret");
});
