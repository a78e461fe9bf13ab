// A bucket in one account and a caller from another: the caller's identity policy and the bucket
// policy must both allow, and only the bucket owner's account manages the bucket policy.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, policy, type Statement, userWithKey } from "../support/principals.js";
import { freshBucket, rejectsWith } from "./fixture.js";

const OWNER = "111111111111";
const OTHER = "222222222222";

let keyless: TestKeyless;
let owner: S3Client;
before(async () => {
  keyless = await startKeyless({ accounts: [OWNER, OTHER], logLevel: "info" });
  owner = clients(keyless.endpoint, rootOf(OWNER)).s3;
});
after(() => keyless.stop());

function rootOf(account: string) {
  const root = keyless.roots.get(account);
  if (root === undefined) throw new Error(`no root credentials for ${account}`);
  return root;
}

/** A user of the other account, with an S3 client. */
async function outsider(name: string, ...statements: Statement[]) {
  const key = await userWithKey(keyless.endpoint, rootOf(OTHER), name, ...statements);
  return { s3: clients(keyless.endpoint, key).s3, arn: `arn:aws:iam::${OTHER}:user/${name}` };
}

/** A bucket of the owner holding a.txt, with a policy of the given statements if any. */
async function sharedBucket(label: string, statements: (bucket: string) => Statement[] = () => []) {
  const bucket = freshBucket(label);
  await owner.send(new CreateBucketCommand({ Bucket: bucket }));
  await owner.send(new PutObjectCommand({ Bucket: bucket, Key: "a.txt", Body: "a" }));
  const granted = statements(bucket);
  if (granted.length > 0) {
    const document = policy(...granted);
    await owner.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: document }));
  }
  return bucket;
}

const grant = (principal: string, action: string, resource: string): Statement => ({
  Effect: "Allow",
  Principal: { AWS: principal },
  Action: action,
  Resource: resource,
});

const readA = (s3: S3Client, Bucket: string) =>
  s3.send(new GetObjectCommand({ Bucket, Key: "a.txt" }));

test("an identity policy alone does not reach a bucket of another account", async () => {
  const bucket = await sharedBucket("identity-only");
  const jo = await outsider("jo", allow("s3:GetObject", `arn:aws:s3:::${bucket}/*`));
  const denied = await rejectsWith(readA(jo.s3, bucket), "AccessDenied", 403);
  // S3 explains a denial only to callers of the bucket owner's account.
  assert.equal(denied.message, "Access Denied");
});

test("a bucket policy alone does not reach a caller of another account", async () => {
  const kai = await outsider("kai");
  const bucket = await sharedBucket("policy-only", (name) => [
    grant(kai.arn, "s3:GetObject", `arn:aws:s3:::${name}/*`),
  ]);
  await rejectsWith(readA(kai.s3, bucket), "AccessDenied", 403);
});

test("the identity policy and the bucket policy together grant across accounts", async () => {
  const lee = await outsider("lee", allow("s3:GetObject"));
  const bucket = await sharedBucket("both", (name) => [
    grant(lee.arn, "s3:GetObject", `arn:aws:s3:::${name}/*`),
  ]);
  const got = await readA(lee.s3, bucket);
  assert.equal(await got.Body?.transformToString(), "a");
  await rejectsWith(
    lee.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "b.txt", Body: "b" })),
    "AccessDenied",
    403,
  );
});

test("a bucket policy naming the other account delegates to that account's policies", async () => {
  const mo = await outsider("mo", allow("s3:GetObject"));
  const ned = await outsider("ned");
  const bucket = await sharedBucket("delegated", (name) => [
    grant(OTHER, "s3:GetObject", `arn:aws:s3:::${name}/*`),
  ]);
  const got = await readA(mo.s3, bucket);
  assert.equal(await got.Body?.transformToString(), "a");
  await rejectsWith(readA(ned.s3, bucket), "AccessDenied", 403);
});

test("a caller of another account allowed PutBucketPolicy still gets MethodNotAllowed", async () => {
  const ola = await outsider("ola", allow("s3:PutBucketPolicy"));
  const bucket = await sharedBucket("not-theirs", (name) => [
    grant(ola.arn, "s3:PutBucketPolicy", `arn:aws:s3:::${name}`),
  ]);
  const document = policy(grant(ola.arn, "s3:GetObject", `arn:aws:s3:::${bucket}/*`));
  await rejectsWith(
    ola.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: document })),
    "MethodNotAllowed",
    405,
  );
});

test("RestrictPublicBuckets also cuts off an account a public policy names", async () => {
  const pia = await outsider("pia", allow("s3:GetObject"));
  const bucket = freshBucket("restricted");
  await owner.send(new CreateBucketCommand({ Bucket: bucket }));
  await owner.send(new PutObjectCommand({ Bucket: bucket, Key: "a.txt", Body: "a" }));
  await owner.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
  const objects = `arn:aws:s3:::${bucket}/*`;
  const document = policy(grant(OTHER, "s3:GetObject", objects), {
    Effect: "Allow",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: objects,
  });
  await owner.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: document }));
  assert.equal(await (await readA(pia.s3, bucket)).Body?.transformToString(), "a");

  // "Amazon S3 blocks public and cross-account access derived from any public ... bucket
  // policy, including non-public delegation to specific accounts."
  await owner.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: { RestrictPublicBuckets: true },
    }),
  );
  await rejectsWith(readA(pia.s3, bucket), "AccessDenied", 403);
  const own = await readA(owner, bucket);
  assert.equal(await own.Body?.transformToString(), "a");
});

test("a bucket name another account holds answers BucketAlreadyExists, not AccessDenied", async () => {
  // Bucket names are global; the caller asks for a bucket of its own, so the taken name is the
  // answer (Amazon S3 API Reference, CreateBucket errors: BucketAlreadyExists, 409).
  const bucket = await sharedBucket("taken");
  const other = clients(keyless.endpoint, rootOf(OTHER)).s3;
  const error = await rejectsWith(
    other.send(new CreateBucketCommand({ Bucket: bucket })),
    "BucketAlreadyExists",
    409,
  );
  assert.equal((error as { BucketName?: string }).BucketName, bucket);
  // A user of the other account without s3:CreateBucket is refused before the name is checked.
  const { s3 } = await outsider("no-create", allow("s3:ListAllMyBuckets"));
  await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: bucket })), "AccessDenied", 403);
});
