// PutBucketPolicy refuses a document S3 would refuse, with S3's MalformedPolicy message, and
// keeps the policy the bucket had.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import { userWithKey } from "../support/principals.js";
import { errorCode, sendRaw, signRaw } from "../support/sign.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

const ROOT = "arn:aws:iam::123456789012:root";
const bucket = freshBucket("strict");
const objects = `arn:aws:s3:::${bucket}/*`;

let fx: S3Fixture;
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await userWithKey(fx.keyless.endpoint, fx.keyless.root, "present");
});
after(() => fx.keyless.stop());

const statement = (fields: Record<string, unknown>) => ({
  Effect: "Allow",
  Principal: { AWS: ROOT },
  Action: "s3:GetObject",
  Resource: objects,
  ...fields,
});

const document = (...statements: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** Puts the text and expects MalformedPolicy with exactly this message. */
async function refused(text: string, message: string): Promise<void> {
  const error = await rejectsWith(
    fx.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: text })),
    "MalformedPolicy",
    400,
  );
  assert.equal(error.message, message, `message for ${text.slice(0, 120)}`);
}

test("a policy that is not a JSON object is refused", async () => {
  await refused("policy.json", "Policies must be valid JSON and the first byte must be '{'");
  await refused('{"Version": "2012-10-17",', "This policy contains invalid Json");
});

test("a resource outside the bucket is an invalid resource", async () => {
  const elsewhere = "arn:aws:s3:::someone-elses-bucket/*";
  await refused(document(statement({ Resource: elsewhere })), "Policy has invalid resource");
  await refused(document(statement({ Resource: "*" })), "Policy has invalid resource");
});

test("a statement without a Principal is refused", async () => {
  const { Principal: _left, ...unnamed } = statement({});
  await refused(document(unnamed), "Missing required field Principal");
});

test("a principal that does not exist, or is not one, is an invalid principal", async () => {
  const ghost = { AWS: "arn:aws:iam::123456789012:user/ghost" };
  await refused(document(statement({ Principal: ghost })), "Invalid principal in policy");
  await refused(
    document(statement({ Principal: { AWS: "ghost" } })),
    "Invalid principal in policy",
  );
  const present = { AWS: "arn:aws:iam::123456789012:user/present" };
  await fx.s3.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: document(statement({ Principal: present })),
    }),
  );
});

test("actions must be S3's and apply to the statement's resources", async () => {
  await refused(document(statement({ Action: "iam:CreateUser" })), "Policy has invalid action");
  await refused(document(statement({ Action: "s3:GetObjekt" })), "Policy has invalid action");
  await refused(
    document(statement({ Action: "s3:ListBucket" })),
    "Action does not apply to any resource(s) in statement",
  );
});

test("a condition key S3 does not know is refused", async () => {
  const condition = { StringEquals: { "s3:no-such-key": "x" } };
  await refused(
    document(statement({ Condition: condition })),
    "Policy has an invalid condition key",
  );
});

test("a policy over 20 KB is refused and the previous policy stays", async () => {
  const kept = document(statement({ Sid: "Kept" }));
  await fx.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: kept }));
  const many = Array.from({ length: 200 }, (_, index) =>
    statement({ Sid: `Statement${index}`, Resource: `${objects.slice(0, -1)}prefix-${index}/*` }),
  );
  await refused(document(...many), "Policy exceeds the maximum allowed document size.");
  const current = await fx.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
  assert.equal(current.Policy, kept);
});

test("a policy body that is not UTF-8 is MalformedPolicy", async () => {
  const signed = await signRaw(fx.keyless.endpoint, fx.keyless.root, "s3", {
    method: "PUT",
    path: `/${bucket}`,
    query: { policy: "" },
    body: Buffer.concat([Buffer.from('{"Version": "2012-10-17", "Id": "'), Buffer.from([0xff])]),
  });
  const response = await sendRaw(fx.keyless.endpoint, signed);
  assert.equal(response.status, 400, response.body);
  assert.equal(errorCode(response.body), "MalformedPolicy");
});
