import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

const READ_BUCKET = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::user-bucket" }],
});

test("a user's AKIA key is denied without a policy and allowed after PutUserPolicy", async () => {
  const root = clients(keyless.endpoint, keyless.root);
  await root.s3.send(new CreateBucketCommand({ Bucket: "user-bucket" }));
  const { User } = await root.iam.send(new CreateUserCommand({ UserName: "alice" }));
  assert.match(User?.UserId ?? "", /^AIDA[A-Z2-7]{17}$/, `user id ${User?.UserId}`);
  assert.equal(User?.Arn, "arn:aws:iam::123456789012:user/alice");

  const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
  assert.match(AccessKey?.AccessKeyId ?? "", /^AKIA[A-Z2-7]{16}$/, `key ${AccessKey?.AccessKeyId}`);
  assert.equal(AccessKey?.SecretAccessKey?.length, 40);
  const alice = clients(keyless.endpoint, {
    accessKeyId: AccessKey?.AccessKeyId as string,
    secretAccessKey: AccessKey?.SecretAccessKey as string,
  });

  const identity = await alice.sts.send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Arn, "arn:aws:iam::123456789012:user/alice");
  assert.equal(identity.UserId, User?.UserId);
  assert.equal(identity.Account, "123456789012");

  await assert.rejects(
    alice.s3.send(new ListObjectsV2Command({ Bucket: "user-bucket" })),
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, "AccessDenied");
      assert.equal(error.$metadata?.httpStatusCode, 403);
      assert.match(error.message, /user\/alice is not authorized to perform: s3:ListBucket/);
      return true;
    },
  );

  await root.iam.send(
    new PutUserPolicyCommand({
      UserName: "alice",
      PolicyName: "read",
      PolicyDocument: READ_BUCKET,
    }),
  );
  const listed = await alice.s3.send(new ListObjectsV2Command({ Bucket: "user-bucket" }));
  assert.equal(listed.KeyCount, 0);
  await assert.rejects(
    alice.s3.send(new PutObjectCommand({ Bucket: "user-bucket", Key: "x", Body: "x" })),
    { name: "AccessDenied" },
  );
});

test("GetUserPolicy returns the document URL-decoded by the SDK, exactly as put", async () => {
  const root = clients(keyless.endpoint, keyless.root);
  await root.iam.send(new CreateUserCommand({ UserName: "bob" }));
  await root.iam.send(
    new PutUserPolicyCommand({ UserName: "bob", PolicyName: "read", PolicyDocument: READ_BUCKET }),
  );
  const got = await root.iam.send(
    new GetUserPolicyCommand({ UserName: "bob", PolicyName: "read" }),
  );
  assert.equal(decodeURIComponent(got.PolicyDocument ?? ""), READ_BUCKET);
});

test("IAM answers AWS's errors for duplicates, missing users and users still in use", async () => {
  const root = clients(keyless.endpoint, keyless.root);
  await root.iam.send(new CreateUserCommand({ UserName: "carol" }));
  await assert.rejects(root.iam.send(new CreateUserCommand({ UserName: "CAROL" })), {
    name: "EntityAlreadyExistsException",
  });
  await assert.rejects(root.iam.send(new GetUserCommand({ UserName: "nobody" })), {
    name: "NoSuchEntityException",
    message: "The user with name nobody cannot be found.",
  });
  await root.iam.send(new CreateAccessKeyCommand({ UserName: "carol" }));
  await assert.rejects(root.iam.send(new DeleteUserCommand({ UserName: "carol" })), {
    name: "DeleteConflictException",
  });
  const keys = await root.iam.send(new ListAccessKeysCommand({ UserName: "carol" }));
  assert.equal(keys.AccessKeyMetadata?.length, 1);
  await assert.rejects(
    root.iam.send(
      new PutUserPolicyCommand({ UserName: "carol", PolicyName: "bad", PolicyDocument: "{" }),
    ),
    { name: "MalformedPolicyDocumentException" },
  );
  // A bucket name where its ARN belongs passes nowhere on AWS, so it does not pass here.
  for (const resource of ["user-bucket", ""]) {
    const document = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resource }],
    });
    await assert.rejects(
      root.iam.send(
        new PutUserPolicyCommand({ UserName: "carol", PolicyName: "p", PolicyDocument: document }),
      ),
      {
        name: "MalformedPolicyDocumentException",
        message: `Resource ${resource} must be in ARN format or "*".`,
      },
    );
  }
});
