// Reads of the bucket configurations keyless does not store, through the real SDK, as a tool that
// refreshes a bucket (Terraform's aws_s3_bucket) makes them: each answers what S3 answers for a
// bucket where the configuration was never set, and each is authorized with its own action.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetBucketAccelerateConfigurationCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketRequestPaymentCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectAclCommand,
  GetObjectLockConfigurationCommand,
  ListBucketsCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { allow, userWithKey } from "../support/principals.js";
import { BOTO3_S3_CLIENT, python3 } from "../support/processes.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
let ownerId: string;
const bucket = freshBucket("defaults");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "doc.txt", Body: "doc" }));
  ownerId = (await fx.s3.send(new ListBucketsCommand({}))).Owner?.ID ?? "";
});
after(() => fx.keyless.stop());

/** A client of a new user whose only policy allows the given actions. */
async function clientAllowed(userName: string, ...actions: string[]): Promise<S3Client> {
  const statements = actions.length > 0 ? [allow(actions)] : [];
  const key = await userWithKey(fx.keyless.endpoint, fx.keyless.root, userName, ...statements);
  return clients(fx.keyless.endpoint, key).s3;
}

test("a bucket never versioned reads with no Status and no MFADelete", async () => {
  const got = await fx.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  assert.equal(got.$metadata.httpStatusCode, 200);
  assert.equal(got.Status, undefined, `Status ${got.Status}`);
  assert.equal(got.MFADelete, undefined, `MFADelete ${got.MFADelete}`);
});

test("a bucket's ACL is its owner with FULL_CONTROL, the owner being the ListBuckets owner", async () => {
  assert.match(ownerId, /^[0-9a-f]{64}$/, `owner ID ${ownerId}`);
  const got = await fx.s3.send(new GetBucketAclCommand({ Bucket: bucket }));
  assert.equal(got.Owner?.ID, ownerId, `Owner ID ${got.Owner?.ID}`);
  assert.equal(got.Grants?.length, 1, `grants ${JSON.stringify(got.Grants)}`);
  const [grant] = got.Grants ?? [];
  assert.equal(grant?.Permission, "FULL_CONTROL");
  assert.equal(grant?.Grantee?.Type, "CanonicalUser", `Grantee type ${grant?.Grantee?.Type}`);
  assert.equal(grant?.Grantee?.ID, ownerId, `Grantee ID ${grant?.Grantee?.ID}`);
});

test("an object's ACL is the bucket owner's FULL_CONTROL too", async () => {
  const got = await fx.s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: "doc.txt" }));
  assert.equal(got.Owner?.ID, ownerId, `Owner ID ${got.Owner?.ID}`);
  assert.equal(got.Grants?.length, 1, `grants ${JSON.stringify(got.Grants)}`);
  assert.equal(got.Grants?.[0]?.Permission, "FULL_CONTROL");
  assert.equal(got.Grants?.[0]?.Grantee?.ID, ownerId);
});

test("default encryption reads as SSE-S3 (AES256) without a bucket key", async () => {
  const got = await fx.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  const rules = got.ServerSideEncryptionConfiguration?.Rules ?? [];
  assert.equal(rules.length, 1, `rules ${JSON.stringify(rules)}`);
  const [rule] = rules;
  assert.equal(rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm, "AES256");
  assert.equal(rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID, undefined);
  assert.equal(rule?.BucketKeyEnabled, false, `BucketKeyEnabled ${rule?.BucketKeyEnabled}`);
});

test("object ownership reads as BucketOwnerEnforced", async () => {
  const got = await fx.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }));
  const rules = got.OwnershipControls?.Rules ?? [];
  assert.deepEqual(rules, [{ ObjectOwnership: "BucketOwnerEnforced" }]);
});

test("logging, notifications and acceleration read as empty, request payment as BucketOwner", async () => {
  const logging = await fx.s3.send(new GetBucketLoggingCommand({ Bucket: bucket }));
  assert.equal(logging.$metadata.httpStatusCode, 200);
  assert.equal(logging.LoggingEnabled, undefined, "LoggingEnabled");

  const notification = await fx.s3.send(
    new GetBucketNotificationConfigurationCommand({ Bucket: bucket }),
  );
  assert.equal(notification.$metadata.httpStatusCode, 200);
  assert.equal(notification.TopicConfigurations, undefined, "TopicConfigurations");
  assert.equal(notification.QueueConfigurations, undefined, "QueueConfigurations");
  assert.equal(notification.LambdaFunctionConfigurations, undefined, "Lambda configurations");
  assert.equal(notification.EventBridgeConfiguration, undefined, "EventBridgeConfiguration");

  const accelerate = await fx.s3.send(
    new GetBucketAccelerateConfigurationCommand({ Bucket: bucket }),
  );
  assert.equal(accelerate.$metadata.httpStatusCode, 200);
  assert.equal(accelerate.Status, undefined, `accelerate Status ${accelerate.Status}`);

  const payment = await fx.s3.send(new GetBucketRequestPaymentCommand({ Bucket: bucket }));
  assert.equal(payment.Payer, "BucketOwner");
});

test("CORS, lifecycle, website and Object Lock answer 404 with their own codes", async () => {
  const input = { Bucket: bucket };
  const cases: [() => Promise<unknown>, string][] = [
    [() => fx.s3.send(new GetBucketCorsCommand(input)), "NoSuchCORSConfiguration"],
    [
      () => fx.s3.send(new GetBucketLifecycleConfigurationCommand(input)),
      "NoSuchLifecycleConfiguration",
    ],
    [() => fx.s3.send(new GetBucketWebsiteCommand(input)), "NoSuchWebsiteConfiguration"],
    [
      () => fx.s3.send(new GetObjectLockConfigurationCommand(input)),
      "ObjectLockConfigurationNotFoundError",
    ],
  ];
  for (const [send, code] of cases) {
    const error = await rejectsWith(send(), code, 404);
    assert.equal((error as { BucketName?: string }).BucketName, bucket, `${code} BucketName`);
  }
});

test("a missing bucket answers NoSuchBucket, not a default", async () => {
  await rejectsWith(
    fx.s3.send(new GetBucketVersioningCommand({ Bucket: freshBucket("absent") })),
    "NoSuchBucket",
    404,
  );
});

test("each read needs its own action: without it the caller gets AccessDenied", async () => {
  const s3 = await clientAllowed("reads-versioning", "s3:GetBucketVersioning", "s3:GetObject");
  await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  await rejectsWith(
    s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })),
    "AccessDenied",
    403,
  );
  // s3:GetObject does not stand in for s3:GetObjectAcl.
  await rejectsWith(
    s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: "doc.txt" })),
    "AccessDenied",
    403,
  );

  const encryption = await clientAllowed("reads-encryption", "s3:GetEncryptionConfiguration");
  const got = await encryption.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  assert.equal(got.$metadata.httpStatusCode, 200);
});

test("GetObjectAcl of a missing key is NoSuchKey to a caller who may list, else AccessDenied", async () => {
  const lister = await clientAllowed("acl-lister", "s3:GetObjectAcl", "s3:ListBucket");
  const error = await rejectsWith(
    lister.send(new GetObjectAclCommand({ Bucket: bucket, Key: "missing.txt" })),
    "NoSuchKey",
    404,
  );
  assert.equal((error as { Key?: string }).Key, "missing.txt");

  const reader = await clientAllowed("acl-reader", "s3:GetObjectAcl");
  await rejectsWith(
    reader.send(new GetObjectAclCommand({ Bucket: bucket, Key: "missing.txt" })),
    "AccessDenied",
    403,
  );
  const got = await reader.send(new GetObjectAclCommand({ Bucket: bucket, Key: "doc.txt" }));
  assert.equal(got.Grants?.[0]?.Permission, "FULL_CONTROL");
});

const BOTO3_READS = `${BOTO3_S3_CLIENT}
import json
encryption = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]
versioning = s3.get_bucket_versioning(Bucket=bucket)
versioning.pop("ResponseMetadata")
print(json.dumps({"encryption": encryption, "versioning": versioning}))
`;

test("boto3 reads the default encryption and an unset versioning state", async () => {
  const finished = await python3(["-c", BOTO3_READS, fx.keyless.endpoint, bucket], fx.keyless.root);
  assert.equal(finished.code, 0, finished.stderr);
  const result = JSON.parse(finished.stdout) as {
    encryption: { Rules: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: string } }[] };
    versioning: Record<string, unknown>;
  };
  assert.equal(
    result.encryption.Rules[0]?.ApplyServerSideEncryptionByDefault.SSEAlgorithm,
    "AES256",
  );
  assert.deepEqual(result.versioning, {}, `versioning ${JSON.stringify(result.versioning)}`);
});
