// Bucket policies in one account: what they grant on their own, what their Deny takes away from
// identity policies and from the root user, and the request condition keys they can test.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { type Credentials, clients } from "../support/clients.js";
import {
  allow,
  policy,
  role,
  type Statement,
  trustAccount,
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

/** A fresh bucket holding the given keys, each with its own name as content. */
async function bucketWith(label: string, ...keys: string[]): Promise<string> {
  const bucket = freshBucket(label);
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const key of keys) {
    await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  }
  return bucket;
}

const setPolicy = (bucket: string, ...statements: Statement[]) =>
  fx.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(...statements) }));

const s3Of = (credentials: Credentials): S3Client => clients(fx.keyless.endpoint, credentials).s3;

async function user(name: string, ...statements: Statement[]) {
  const credentials = await userWithKey(fx.keyless.endpoint, fx.keyless.root, name, ...statements);
  return { s3: s3Of(credentials), arn: `arn:aws:iam::${ACCOUNT}:user/${name}` };
}

const read = async (s3: S3Client, Bucket: string, Key: string) =>
  (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString();

test("a bucket policy alone grants a user of the same account with no identity policy", async () => {
  const bucket = await bucketWith("granted", "a.txt");
  const ana = await user("ana");
  await rejectsWith(
    ana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" })),
    "AccessDenied",
    403,
  );

  await setPolicy(bucket, {
    Effect: "Allow",
    Principal: { AWS: ana.arn },
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
  });
  assert.equal(await read(ana.s3, bucket, "a.txt"), "a.txt");
  const denied = await rejectsWith(
    ana.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "b.txt", Body: "b" })),
    "AccessDenied",
    403,
  );
  assert.match(denied.message, /user\/ana is not authorized to perform: s3:PutObject/);
});

test("GetBucketPolicy returns the document as put; without one it is NoSuchBucketPolicy", async () => {
  const bucket = await bucketWith("documented");
  await rejectsWith(
    fx.s3.send(new GetBucketPolicyCommand({ Bucket: bucket })),
    "NoSuchBucketPolicy",
    404,
  );

  const document = policy({
    Sid: "ReadersOfTheRoot",
    Effect: "Allow",
    Principal: { AWS: ROOT_ARN },
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
  });
  await fx.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: document }));
  const got = await fx.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
  assert.deepEqual(JSON.parse(got.Policy ?? ""), JSON.parse(document));

  await fx.s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  await fx.s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  await rejectsWith(
    fx.s3.send(new GetBucketPolicyCommand({ Bucket: bucket })),
    "NoSuchBucketPolicy",
    404,
  );
});

test("an explicit Deny in the bucket policy beats an identity Allow and the root user", async () => {
  const bucket = await bucketWith("denied", "secret.txt", "open.txt");
  const bea = await user("bea", allow("s3:*"));
  assert.equal(await read(bea.s3, bucket, "secret.txt"), "secret.txt");

  await setPolicy(bucket, {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/secret.txt`,
  });
  const denied = await rejectsWith(
    bea.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "secret.txt" })),
    "AccessDenied",
    403,
  );
  assert.match(denied.message, /with an explicit deny in a resource-based policy$/);
  const rootDenied = await rejectsWith(
    fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "secret.txt" })),
    "AccessDenied",
    403,
  );
  assert.match(rootDenied.message, /^User: arn:aws:iam::123456789012:root is not authorized/);
  assert.equal(await read(bea.s3, bucket, "open.txt"), "open.txt");
});

test("the owner's root user can still replace a policy that denies it everything", async () => {
  const bucket = await bucketWith("lockout", "a.txt");
  await setPolicy(bucket, {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  });
  await rejectsWith(
    fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" })),
    "AccessDenied",
    403,
  );

  await fx.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
  await fx.s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  assert.equal(await read(fx.s3, bucket, "a.txt"), "a.txt");
});

test("a Deny with NotPrincipal denies everyone but the principals it names", async () => {
  const bucket = await bucketWith("only-cleo", "a.txt");
  const cleo = await user("cleo", allow("s3:GetObject"));
  const dara = await user("dara", allow("s3:GetObject"));
  await setPolicy(bucket, {
    Effect: "Deny",
    NotPrincipal: { AWS: [ROOT_ARN, cleo.arn] },
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
  });

  assert.equal(await read(cleo.s3, bucket, "a.txt"), "a.txt");
  await rejectsWith(
    dara.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" })),
    "AccessDenied",
    403,
  );
});

test("a Deny on aws:SourceIp outside a range denies requests from 127.0.0.1", async () => {
  const bucket = await bucketWith("office-only", "a.txt");
  const eve = await user("eve", allow("s3:GetObject"));
  assert.equal(await read(eve.s3, bucket, "a.txt"), "a.txt");

  await setPolicy(bucket, {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: `arn:aws:s3:::${bucket}/*`,
    Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
  });
  const denied = await rejectsWith(
    eve.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" })),
    "AccessDenied",
    403,
  );
  assert.match(denied.message, /explicit deny in a resource-based policy/);
});

test("a Deny on aws:SecureTransport false denies every request keyless serves over HTTP", async () => {
  const bucket = await bucketWith("tls-only", "a.txt");
  await setPolicy(bucket, {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  });
  await rejectsWith(
    fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" })),
    "AccessDenied",
    403,
  );
});

// "AWS global condition context keys": aws:PrincipalIsAWSService "is present in the request
// context for all signed API requests that use AWS credentials", true only for a service
// principal; aws:UserAgent holds the client's User-Agent header.
test("aws:PrincipalIsAWSService is false on a signed request, so a data-perimeter Deny applies", async () => {
  const bucket = await bucketWith("perimeter", "a.txt");
  await setPolicy(bucket, {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
    Condition: {
      StringNotEquals: { "aws:PrincipalAccount": "999999999999" },
      Bool: { "aws:PrincipalIsAWSService": "false" },
    },
  });
  await rejectsWith(
    fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" })),
    "AccessDenied",
    403,
  );
});

test("aws:UserAgent holds the client's User-Agent header", async () => {
  const bucket = await bucketWith("agents", "a.txt");
  const iris = await user("iris", {
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
    Condition: { StringLike: { "aws:UserAgent": "*aws-sdk-js*" } },
  });
  assert.equal(await read(iris.s3, bucket, "a.txt"), "a.txt");
});

test("s3:prefix in a bucket policy limits what a user may list", async () => {
  const bucket = await bucketWith("homes", "home/finn/a.txt", "home/gus/b.txt");
  const finn = await user("finn");
  await setPolicy(bucket, {
    Effect: "Allow",
    Principal: { AWS: finn.arn },
    Action: "s3:ListBucket",
    Resource: `arn:aws:s3:::${bucket}`,
    Condition: { StringLike: { "s3:prefix": "home/finn/*" } },
  });

  const own = await finn.s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: "home/finn/" }),
  );
  assert.deepEqual(
    own.Contents?.map((object) => object.Key),
    ["home/finn/a.txt"],
  );
  await rejectsWith(
    finn.s3.send(new ListObjectsV2Command({ Bucket: bucket })),
    "AccessDenied",
    403,
  );
  await rejectsWith(
    finn.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "home/gus/" })),
    "AccessDenied",
    403,
  );
});

test("s3:x-amz-acl in a bucket policy requires the canned ACL on PutObject", async () => {
  const bucket = await bucketWith("owner-controlled");
  const gwen = await user("gwen");
  await setPolicy(bucket, {
    Effect: "Allow",
    Principal: { AWS: gwen.arn },
    Action: "s3:PutObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
  });

  await rejectsWith(
    gwen.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "a.txt", Body: "a" })),
    "AccessDenied",
    403,
  );
  await gwen.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "a.txt",
      Body: "a",
      ACL: "bucket-owner-full-control",
    }),
  );
  assert.equal(await read(fx.s3, bucket, "a.txt"), "a");
});

test("a missing key is 403 without s3:ListBucket and 404 once the bucket policy grants it", async () => {
  const bucket = await bucketWith("missing", "a.txt");
  const hana = await user("hana");
  const readObjects = {
    Effect: "Allow",
    Principal: { AWS: hana.arn },
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
  };
  await setPolicy(bucket, readObjects);
  await rejectsWith(
    hana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "nothing" })),
    "AccessDenied",
    403,
  );
  await rejectsWith(
    hana.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "nothing" })),
    undefined,
    403,
  );

  await setPolicy(bucket, readObjects, {
    Effect: "Allow",
    Principal: { AWS: hana.arn },
    Action: "s3:ListBucket",
    Resource: `arn:aws:s3:::${bucket}`,
  });
  await rejectsWith(
    hana.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "nothing" })),
    "NoSuchKey",
    404,
  );
  await rejectsWith(
    hana.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "nothing" })),
    "NotFound",
    404,
  );
});

test("a bucket policy naming a role's ARN grants every session of that role", async () => {
  const bucket = await bucketWith("for-readers", "a.txt");
  const roleArn = await role(fx.keyless.endpoint, fx.keyless.root, "reader", [
    trustAccount(ACCOUNT),
  ]);
  await setPolicy(bucket, {
    Effect: "Allow",
    Principal: { AWS: roleArn },
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${bucket}/*`,
  });

  // The root user may not assume roles; a user allowed to does.
  const ivy = await userWithKey(
    fx.keyless.endpoint,
    fx.keyless.root,
    "ivy",
    allow("sts:AssumeRole", roleArn),
  );
  const { sts } = clients(fx.keyless.endpoint, ivy);
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "night-shift" }),
  );
  const session = s3Of({
    accessKeyId: assumed.Credentials?.AccessKeyId as string,
    secretAccessKey: assumed.Credentials?.SecretAccessKey as string,
    sessionToken: assumed.Credentials?.SessionToken as string,
  });
  assert.equal(await read(session, bucket, "a.txt"), "a.txt");
  const denied = await rejectsWith(
    session.send(new PutObjectCommand({ Bucket: bucket, Key: "b.txt", Body: "b" })),
    "AccessDenied",
    403,
  );
  assert.match(denied.message, /assumed-role\/reader\/night-shift is not authorized/);
});
