// Public buckets: unsigned requests as the anonymous principal, and the Block Public Access
// settings that new buckets start with and that keep a public policy from taking effect.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { policy, type Statement } from "../support/principals.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
before(async () => {
  fx = await startS3();
});
after(() => fx.keyless.stop());

async function bucketWith(label: string, key: string): Promise<string> {
  const bucket = freshBucket(label);
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${key} body` }));
  return bucket;
}

const publicRead = (bucket: string): Statement => ({
  Sid: "PublicRead",
  Effect: "Allow",
  Principal: "*",
  Action: "s3:GetObject",
  Resource: `arn:aws:s3:::${bucket}/*`,
});

const putPolicy = (bucket: string, ...statements: Statement[]) =>
  fx.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(...statements) }));

/** A plain, unsigned request, as a browser or curl sends it. */
const anonymous = (path: string, init?: RequestInit) =>
  fetch(`${fx.keyless.endpoint}${path}`, init);

/** The S3 error code of an XML error reply. */
async function errorCode(reply: Response): Promise<string | undefined> {
  return /<Code>([^<]*)<\/Code>/.exec(await reply.text())?.[1];
}

test("a new bucket blocks all public access until its owner says otherwise", async () => {
  const bucket = freshBucket("fresh");
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const { PublicAccessBlockConfiguration: settings } = await fx.s3.send(
    new GetPublicAccessBlockCommand({ Bucket: bucket }),
  );
  assert.deepEqual(settings, {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  });

  await fx.s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
  await rejectsWith(
    fx.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
    "NoSuchPublicAccessBlockConfiguration",
    404,
  );
});

test("BlockPublicPolicy refuses a public policy and accepts one narrowed to an account", async () => {
  const bucket = await bucketWith("guarded", "a.txt");
  const refused = await rejectsWith(putPolicy(bucket, publicRead(bucket)), "AccessDenied", 403);
  assert.equal(
    refused.message,
    "User: arn:aws:iam::123456789012:root is not authorized to perform: s3:PutBucketPolicy on " +
      `resource: "arn:aws:s3:::${bucket}" because public policies are blocked by the ` +
      "BlockPublicPolicy block public access setting.",
  );

  const narrowed = {
    ...publicRead(bucket),
    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
  };
  await putPolicy(bucket, narrowed);
  const status = await fx.s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }));
  assert.equal(status.PolicyStatus?.IsPublic, false);
});

test("a public bucket policy lets an unsigned GET read an object, and nothing else", async () => {
  const bucket = await bucketWith("website", "index.html");
  await fx.s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
  const before = await anonymous(`/${bucket}/index.html`);
  assert.equal(before.status, 403, "an unsigned GET before the policy");
  assert.equal(await errorCode(before), "AccessDenied");

  await putPolicy(bucket, publicRead(bucket));
  const status = await fx.s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }));
  assert.equal(status.PolicyStatus?.IsPublic, true);
  const page = await anonymous(`/${bucket}/index.html`);
  assert.equal(page.status, 200, "an unsigned GET of a public object");
  assert.equal(await page.text(), "index.html body");

  const missing = await anonymous(`/${bucket}/nowhere.html`);
  assert.equal(missing.status, 403, "an unsigned GET of a missing key without s3:ListBucket");
  const listing = await anonymous(`/${bucket}?list-type=2`);
  assert.equal(listing.status, 403, "an unsigned listing");
  assert.equal(await errorCode(listing), "AccessDenied");
  const upload = await anonymous(`/${bucket}/defaced.html`, { method: "PUT", body: "x" });
  assert.equal(upload.status, 403, "an unsigned PUT");
  assert.equal(await errorCode(upload), "AccessDenied");
  const everything = await anonymous("/");
  assert.equal(everything.status, 403, "an unsigned ListBuckets");
});

test("RestrictPublicBuckets turns anonymous reads of a public bucket back to 403", async () => {
  const bucket = await bucketWith("restricted", "a.txt");
  await fx.s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
  await putPolicy(bucket, publicRead(bucket));
  assert.equal((await anonymous(`/${bucket}/a.txt`)).status, 200);

  await fx.s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: { RestrictPublicBuckets: true },
    }),
  );
  const restricted = await anonymous(`/${bucket}/a.txt`);
  assert.equal(restricted.status, 403, "an unsigned GET under RestrictPublicBuckets");
  assert.equal(await errorCode(restricted), "AccessDenied");
  const { PublicAccessBlockConfiguration: settings } = await fx.s3.send(
    new GetPublicAccessBlockCommand({ Bucket: bucket }),
  );
  assert.equal(settings?.RestrictPublicBuckets, true);
  assert.equal(settings?.BlockPublicPolicy, false);

  await fx.s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
  assert.equal((await anonymous(`/${bucket}/a.txt`)).status, 200);
});

test("an unsigned request to a bucket without a policy is AccessDenied", async () => {
  const bucket = await bucketWith("private", "a.txt");
  const reply = await anonymous(`/${bucket}/a.txt`);
  assert.equal(reply.status, 403);
  assert.equal(await errorCode(reply), "AccessDenied");
});
