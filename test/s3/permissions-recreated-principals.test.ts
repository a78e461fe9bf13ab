// A bucket policy names an IAM user or role by the unique ID it had when the policy was put, not
// by its ARN. What AWS documents of it, and these tests hold keyless to:
// - "When you save the policy, AWS transforms the ARN to a unique principal ID. … if you delete
//   the role or user, then the relationship is broken. The policy no longer applies, even if you
//   recreate the user or role because it does not match the principal ID stored in the trust
//   policy" (IAM User Guide, "Examples of policies for delegating access"; bucket policies keep
//   principals the same way, as the next point shows).
// - "If an IAM identity is deleted after you update your bucket policy, the bucket policy will
//   show a unique identifier in the principal element instead of an ARN. These unique IDs are
//   never reused" (Amazon S3 User Guide, on the principals of a bucket policy).
// - A policy naming a user or role that does not exist is refused with MalformedPolicy "Invalid
//   principal in policy", a message that does not name the principal (as seen in
//   aws/aws-sdk-net#1317 and ministryofjustice/analytical-platform#4932).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_policy-examples.html#example-delegate-xaccount-rolesapi
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-bucket-user-policy-specifying-principal-intro.html#s3-aws-user-permissions
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DeleteRoleCommand } from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { type Credentials, clients } from "../support/clients.js";
import {
  allow,
  deleteUserWithKey,
  policy,
  role,
  trustAccount,
  userWithId,
  userWithKey,
} from "../support/principals.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

const ACCOUNT = "123456789012";
const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;

let fx: S3Fixture;
before(async () => {
  fx = await startS3();
});
after(() => fx.keyless.stop());

const iam = () => clients(fx.keyless.endpoint, fx.keyless.root).iam;
const s3Of = (credentials: Credentials): S3Client => clients(fx.keyless.endpoint, credentials).s3;

async function bucketWith(label: string, key: string): Promise<string> {
  const bucket = freshBucket(label);
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  return bucket;
}

/** A policy letting the principals read the bucket's objects. */
const readersPolicy = (bucket: string, ...aws: string[]) =>
  policy({
    Effect: "Allow",
    Principal: { AWS: aws.length === 1 ? aws[0] : aws },
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
  });

const putPolicy = (bucket: string, text: string) =>
  fx.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: text }));

/** The AWS principals of the bucket policy's first statement, as GetBucketPolicy shows them. */
async function shownPrincipals(bucket: string): Promise<unknown> {
  const { Policy } = await fx.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
  return JSON.parse(Policy ?? "{}").Statement[0].Principal.AWS;
}

const freshUser = (name: string) => userWithId(fx.keyless.endpoint, fx.keyless.root, name);
const deleteUser = (name: string, credentials: Credentials) =>
  deleteUserWithKey(fx.keyless.endpoint, fx.keyless.root, name, credentials);

const read = async (s3: S3Client, Bucket: string, Key: string) =>
  (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString();

test("a user deleted and made again under the same name is not the user the policy names", async () => {
  const bucket = await bucketWith("ivy", "a.txt");
  const ivyArn = `arn:aws:iam::${ACCOUNT}:user/ivy`;
  const first = await freshUser("ivy");
  await putPolicy(bucket, readersPolicy(bucket, ivyArn));
  assert.equal(await read(s3Of(first.credentials), bucket, "a.txt"), "a.txt");
  assert.equal(await shownPrincipals(bucket), ivyArn, "while ivy exists the policy shows her ARN");

  await deleteUser("ivy", first.credentials);
  assert.equal(await shownPrincipals(bucket), first.id, "once ivy is gone it shows her ID");

  const second = await freshUser("ivy");
  assert.notEqual(second.id, first.id, "IAM gives the new ivy a new unique ID");
  const denied = await rejectsWith(
    s3Of(second.credentials).send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" })),
    "AccessDenied",
    403,
  );
  assert.match(denied.message, /user\/ivy is not authorized to perform: s3:GetObject/);
  assert.equal(await shownPrincipals(bucket), first.id, "the namesake does not bring the ARN back");

  // Putting the policy again names the ivy that exists now.
  await putPolicy(bucket, readersPolicy(bucket, ivyArn));
  assert.equal(await read(s3Of(second.credentials), bucket, "a.txt"), "a.txt");
  assert.equal(await shownPrincipals(bucket), ivyArn);
});

test("a role deleted and made again under the same name is not the role the policy names", async () => {
  const bucket = await bucketWith("reader", "r.txt");
  const asker = await userWithKey(
    fx.keyless.endpoint,
    fx.keyless.root,
    "asker",
    allow("sts:AssumeRole"),
  );
  const makeRole = () =>
    role(fx.keyless.endpoint, fx.keyless.root, "ObjectReader", [trustAccount(ACCOUNT)]);
  const roleArn = await makeRole();
  /** A client of a fresh session of whichever ObjectReader exists now. */
  const session = async () => {
    const { Credentials: c } = await clients(fx.keyless.endpoint, asker).sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "reader" }),
    );
    return s3Of({
      accessKeyId: c?.AccessKeyId as string,
      secretAccessKey: c?.SecretAccessKey as string,
      sessionToken: c?.SessionToken as string,
    });
  };
  await putPolicy(bucket, readersPolicy(bucket, roleArn, ROOT_ARN));
  assert.equal(await read(await session(), bucket, "r.txt"), "r.txt");

  await iam().send(new DeleteRoleCommand({ RoleName: "ObjectReader" }));
  const shown = (await shownPrincipals(bucket)) as string[];
  assert.match(shown[0] ?? "", /^AROA[A-Z2-7]{17}$/, "the deleted role shows as its ID");
  assert.equal(shown[1], ROOT_ARN, "an account principal is kept as written");

  await makeRole();
  await rejectsWith(
    (await session()).send(new GetObjectCommand({ Bucket: bucket, Key: "r.txt" })),
    "AccessDenied",
    403,
  );
});

test("a policy naming a user that was deleted is refused as an invalid principal", async () => {
  const bucket = await bucketWith("ghost", "g.txt");
  const { credentials } = await freshUser("gone-soon");
  await deleteUser("gone-soon", credentials);
  const error = await rejectsWith(
    putPolicy(bucket, readersPolicy(bucket, `arn:aws:iam::${ACCOUNT}:user/gone-soon`)),
    "MalformedPolicy",
    400,
  );
  assert.equal(error.message, "Invalid principal in policy");
});
