import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("guarded");

before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "public/a.txt", Body: "a" }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "home/carol/c.txt", Body: "c" }));
});
after(() => fx.keyless.stop());

/** A new IAM user holding one inline policy (or none), and an S3 client with its key. */
async function userWith(name: string, statements: object[]): Promise<S3Client> {
  const { iam } = clients(fx.keyless.endpoint, fx.keyless.root);
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (statements.length > 0) {
    await iam.send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: "s3",
        PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
      }),
    );
  }
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return clients(fx.keyless.endpoint, {
    accessKeyId: AccessKey?.AccessKeyId as string,
    secretAccessKey: AccessKey?.SecretAccessKey as string,
  }).s3;
}

const allow = (Action: string | string[], Resource: string, Condition?: object) => ({
  Effect: "Allow",
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});

test("a user without a policy is denied every S3 operation, named in AWS's message", async () => {
  const dave = await userWith("dave", []);
  const denied = await rejectsWith(dave.send(new ListBucketsCommand({})), "AccessDenied", 403);
  assert.match(denied.message, /user\/dave is not authorized to perform: s3:ListAllMyBuckets/);
  await rejectsWith(
    dave.send(new PutObjectCommand({ Bucket: bucket, Key: "x", Body: "x" })),
    "AccessDenied",
    403,
  );
  await rejectsWith(
    dave.send(new DeleteObjectCommand({ Bucket: bucket, Key: "public/a.txt" })),
    "AccessDenied",
    403,
  );
  const refused = await rejectsWith(
    dave.send(new HeadBucketCommand({ Bucket: bucket })),
    undefined,
    403,
  );
  // The region is told all the same, so that a client can find another account's bucket.
  const headers = (refused as { $response?: { headers: Record<string, string> } }).$response
    ?.headers;
  assert.equal(headers?.["x-amz-bucket-region"], "us-east-1");
});

test("a missing bucket is NoSuchBucket even to a caller not allowed; creating one needs the right", async () => {
  // A bucket that does not exist has no owner and no policy to ask: S3 answers 404 NoSuchBucket
  // (elastic/elasticsearch#31782; for anonymous callers aws/aws-sdk-java#1256).
  const erin = await userWith("erin", []);
  await rejectsWith(
    erin.send(new ListObjectsV2Command({ Bucket: freshBucket("nowhere") })),
    "NoSuchBucket",
    404,
  );
  await rejectsWith(
    erin.send(new HeadBucketCommand({ Bucket: freshBucket("nowhere") })),
    undefined,
    404,
  );
  await rejectsWith(
    erin.send(new CreateBucketCommand({ Bucket: freshBucket("not-yours") })),
    "AccessDenied",
    403,
  );
});

test("a missing key is AccessDenied without s3:ListBucket and NoSuchKey with it", async () => {
  const objects = `arn:aws:s3:::${bucket}/*`;
  const alice = await userWith("alice", [allow("s3:GetObject", objects)]);
  const got = await alice.send(new GetObjectCommand({ Bucket: bucket, Key: "public/a.txt" }));
  assert.equal(await got.Body?.transformToString(), "a");
  await rejectsWith(
    alice.send(new GetObjectCommand({ Bucket: bucket, Key: "missing" })),
    "AccessDenied",
    403,
  );
  await rejectsWith(
    alice.send(new HeadObjectCommand({ Bucket: bucket, Key: "missing" })),
    undefined,
    403,
  );

  const bob = await userWith("bob", [
    allow("s3:GetObject", objects),
    allow("s3:ListBucket", `arn:aws:s3:::${bucket}`),
  ]);
  await rejectsWith(
    bob.send(new GetObjectCommand({ Bucket: bucket, Key: "missing" })),
    "NoSuchKey",
    404,
  );
  await rejectsWith(
    bob.send(new HeadObjectCommand({ Bucket: bucket, Key: "missing" })),
    "NotFound",
    404,
  );
});

test("object permissions follow the key in the resource ARN", async () => {
  const frank = await userWith("frank", [
    allow(["s3:GetObject", "s3:PutObject"], `arn:aws:s3:::${bucket}/public/*`),
  ]);
  await frank.send(new PutObjectCommand({ Bucket: bucket, Key: "public/f.txt", Body: "f" }));
  await rejectsWith(
    frank.send(new PutObjectCommand({ Bucket: bucket, Key: "private/f.txt", Body: "f" })),
    "AccessDenied",
    403,
  );
  await rejectsWith(
    frank.send(new GetObjectCommand({ Bucket: bucket, Key: "home/carol/c.txt" })),
    "AccessDenied",
    403,
  );
});

test("s3:prefix in a ListBucket condition limits which prefixes a user may list", async () => {
  const carol = await userWith("carol", [
    allow("s3:ListBucket", `arn:aws:s3:::${bucket}`, {
      StringLike: { "s3:prefix": ["home/carol/*"] },
    }),
  ]);
  const own = await carol.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "home/carol/" }));
  assert.deepEqual(
    own.Contents?.map((o) => o.Key),
    ["home/carol/c.txt"],
  );
  await rejectsWith(carol.send(new ListObjectsV2Command({ Bucket: bucket })), "AccessDenied", 403);
  await rejectsWith(
    carol.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "public/" })),
    "AccessDenied",
    403,
  );
});

test("s3:max-keys in a condition is compared as a number", async () => {
  const gina = await userWith("gina", [
    allow("s3:ListBucket", `arn:aws:s3:::${bucket}`, {
      NumericLessThanEquals: { "s3:max-keys": "10" },
    }),
  ]);
  const page = await gina.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 5 }));
  assert.equal(page.MaxKeys, 5);
  await rejectsWith(
    gina.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 500 })),
    "AccessDenied",
    403,
  );
});
