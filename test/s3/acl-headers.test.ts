// ACLs on bucket creation and object writes. A new AWS bucket has Object Ownership
// BucketOwnerEnforced, so ACLs are disabled: "All S3 PUT requests must either specify the
// bucket-owner-full-control canned ACL or not specify an ACL, or these requests will fail", with
// 400 AccessControlListNotSupported, and a CreateBucket whose ACL "provides access to an external
// AWS account" fails with 400 InvalidBucketAclWithObjectOwnership (Amazon S3 User Guide,
// "Troubleshooting" under Object Ownership). keyless buckets are always so. A canned ACL S3 does
// not know is 400 InvalidArgument naming x-amz-acl (S3's reply as quoted in
// Turistforeningen/node-s3-uploader#44).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { BOTO3_S3_CLIENT, python3 } from "../support/processes.js";
import { freshBucket, objectExists, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("acl-headers");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "source.txt", Body: "source" }));
});
after(() => fx.keyless.stop());

const exists = (Key: string) => objectExists(fx.s3, bucket, Key);

test("PutObject with a public-read ACL is refused, AccessControlListNotSupported", async () => {
  const error = await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "public.txt", Body: "x", ACL: "public-read" }),
    ),
    "AccessControlListNotSupported",
    400,
  );
  assert.equal(error.message, "The bucket does not allow ACLs");
  assert.equal(await exists("public.txt"), false, "no object was written");
});

test("PutObject with the bucket-owner-full-control ACL is stored", async () => {
  await fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "owned.txt",
      Body: "x",
      ACL: "bucket-owner-full-control",
    }),
  );
  assert.equal(await exists("owned.txt"), true);
});

test("the explicit grant of full control to the bucket owner is allowed, any other grant is not", async () => {
  const owner = (await fx.s3.send(new ListBucketsCommand({}))).Owner?.ID;
  assert.match(owner ?? "", /^[0-9a-f]{64}$/);
  await fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "granted.txt",
      Body: "x",
      GrantFullControl: `id="${owner}"`,
    }),
  );
  assert.equal(await exists("granted.txt"), true);

  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "shared.txt",
        Body: "x",
        GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"',
      }),
    ),
    "AccessControlListNotSupported",
    400,
  );
  assert.equal(await exists("shared.txt"), false);
});

test("an ACL S3 does not know is 400 InvalidArgument naming x-amz-acl", async () => {
  const error = await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "typo.txt",
        Body: "x",
        ACL: "privat" as "private",
      }),
    ),
    "InvalidArgument",
    400,
  );
  const fields = error as unknown as { ArgumentName?: string; ArgumentValue?: string };
  assert.equal(fields.ArgumentName, "x-amz-acl");
  assert.equal(fields.ArgumentValue, "privat");
});

test("CreateMultipartUpload and CopyObject refuse an ACL as PutObject does", async () => {
  await rejectsWith(
    fx.s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: "parts.bin", ACL: "private" }),
    ),
    "AccessControlListNotSupported",
    400,
  );
  await rejectsWith(
    fx.s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "copy.txt",
        CopySource: `${bucket}/source.txt`,
        ACL: "public-read",
      }),
    ),
    "AccessControlListNotSupported",
    400,
  );
  assert.equal(await exists("copy.txt"), false);
});

test("CreateBucket with a public ACL or a grant to others is InvalidBucketAclWithObjectOwnership", async () => {
  const named = freshBucket("acl-public");
  await rejectsWith(
    fx.s3.send(new CreateBucketCommand({ Bucket: named, ACL: "public-read" })),
    "InvalidBucketAclWithObjectOwnership",
    400,
  );
  await rejectsWith(
    fx.s3.send(
      new CreateBucketCommand({
        Bucket: named,
        GrantWrite: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"',
      }),
    ),
    "InvalidBucketAclWithObjectOwnership",
    400,
  );
  assert.equal(await fx.keyless.app.model.buckets.find(named), undefined, "no bucket was made");
});

test("CreateBucket with the private ACL is made; other Object Ownership is not implemented", async () => {
  const made = freshBucket("acl-private");
  await fx.s3.send(new CreateBucketCommand({ Bucket: made, ACL: "private" }));
  assert.ok(await fx.keyless.app.model.buckets.find(made), made);

  const writer = freshBucket("acl-writer");
  await rejectsWith(
    fx.s3.send(new CreateBucketCommand({ Bucket: writer, ObjectOwnership: "ObjectWriter" })),
    "NotImplemented",
    501,
  );
  assert.equal(await fx.keyless.app.model.buckets.find(writer), undefined, "no bucket was made");
});

const BOTO3_PUBLIC_UPLOAD = `${BOTO3_S3_CLIENT}
import tempfile
from boto3.exceptions import S3UploadFailedError
with tempfile.NamedTemporaryFile() as f:
    f.write(b"hello")
    f.flush()
    try:
        s3.upload_file(f.name, bucket, "boto3-public.txt", ExtraArgs={"ACL": "public-read"})
        print("uploaded")
    except S3UploadFailedError as error:
        print(error)
`;

test("boto3 upload_file with ExtraArgs ACL public-read fails as it does on AWS", async () => {
  const finished = await python3(
    ["-c", BOTO3_PUBLIC_UPLOAD, fx.keyless.endpoint, bucket],
    fx.keyless.root,
  );
  assert.equal(finished.code, 0, finished.stderr);
  assert.match(finished.stdout, /AccessControlListNotSupported/, finished.stdout);
  assert.equal(await exists("boto3-public.txt"), false);
});
