// A request that names an object version needs that operation's Version action: "If you include
// a versionId in your request header, you must have the s3:GetObjectVersion permission to access
// a specific version of an object. The s3:GetObject permission is not required in this scenario"
// (Amazon S3 API Reference, GetObject); DeleteObject with a versionId takes
// s3:DeleteObjectVersion (DeleteObject). keyless buckets are never versioned, so the one version
// of an object is "null" (Amazon S3 User Guide, "Working with objects in a versioning-suspended
// bucket"), which clients may still name.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { allow, userWithKey } from "../support/principals.js";
import { freshBucket, objectExists, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("versions");
const objects = `arn:aws:s3:::${bucket}/*`;
let plain: S3Client;
let versioned: S3Client;
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const key of ["a.txt", "b.txt", "c.txt", "d.txt"]) {
    await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  }
  const userClient = async (name: string, actions: string[]) =>
    clients(
      fx.keyless.endpoint,
      await userWithKey(fx.keyless.endpoint, fx.keyless.root, name, allow(actions, objects)),
    ).s3;
  plain = await userClient("plain", ["s3:GetObject", "s3:DeleteObject", "s3:PutObject"]);
  versioned = await userClient("versioned", [
    "s3:GetObjectVersion",
    "s3:DeleteObjectVersion",
    "s3:PutObject",
  ]);
});
after(() => fx.keyless.stop());

const exists = (Key: string) => objectExists(fx.s3, bucket, Key);

test("GetObject and HeadObject with a versionId take s3:GetObjectVersion, not s3:GetObject", async () => {
  await rejectsWith(
    plain.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt", VersionId: "null" })),
    "AccessDenied",
    403,
  );
  const got = await versioned.send(
    new GetObjectCommand({ Bucket: bucket, Key: "a.txt", VersionId: "null" }),
  );
  assert.equal(await got.Body?.transformToString(), "a.txt");
  await versioned.send(new HeadObjectCommand({ Bucket: bucket, Key: "a.txt", VersionId: "null" }));
  await rejectsWith(
    versioned.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" })),
    "AccessDenied",
    403,
  );
});

test("DeleteObject with a versionId takes s3:DeleteObjectVersion", async () => {
  await rejectsWith(
    plain.send(new DeleteObjectCommand({ Bucket: bucket, Key: "b.txt", VersionId: "null" })),
    "AccessDenied",
    403,
  );
  assert.equal(await exists("b.txt"), true);
  await versioned.send(
    new DeleteObjectCommand({ Bucket: bucket, Key: "b.txt", VersionId: "null" }),
  );
  assert.equal(await exists("b.txt"), false);
});

test("DeleteObjects weighs each key's VersionId: s3:DeleteObjectVersion for a named version", async () => {
  const asPlain = await plain.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: { Objects: [{ Key: "c.txt", VersionId: "null" }] },
    }),
  );
  assert.deepEqual(
    asPlain.Errors?.map((error) => [error.Key, error.VersionId, error.Code]),
    [["c.txt", "null", "AccessDenied"]],
  );
  const asVersioned = await versioned.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: {
        Objects: [
          { Key: "c.txt", VersionId: "null" },
          { Key: "d.txt", VersionId: "v2" },
        ],
      },
    }),
  );
  assert.deepEqual(
    asVersioned.Deleted?.map((done) => [done.Key, done.VersionId]),
    [["c.txt", "null"]],
  );
  assert.deepEqual(
    asVersioned.Errors?.map((error) => [error.Key, error.Code]),
    [["d.txt", "NoSuchVersion"]],
  );
  assert.equal(await exists("c.txt"), false);
  assert.equal(await exists("d.txt"), true);
});

test("CopyObject from a source versionId takes s3:GetObjectVersion on the source", async () => {
  const copy = (client: S3Client, Key: string) =>
    client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key,
        CopySource: `${bucket}/a.txt?versionId=null`,
      }),
    );
  await copy(versioned, "copied.txt");
  assert.equal(await exists("copied.txt"), true);
  await rejectsWith(copy(plain, "not-copied.txt"), "AccessDenied", 403);
});

test("a versionId that is not one S3 could have issued is InvalidArgument; a well-formed one needs versioning", async () => {
  for (const [VersionId, message] of [
    ["", "Version id cannot be the empty string"],
    ["abc", "Invalid version id specified"],
    ["v5n1PPUjOCMHLyyfq0ayjoZ5RZLfV<>!", "Invalid version id specified"],
  ] as const) {
    const error = await rejectsWith(
      fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt", VersionId })),
      "InvalidArgument",
      400,
    );
    assert.equal(error.message, message, VersionId);
  }
  // Such a version could exist only in a versioned bucket, which keyless does not have yet.
  await rejectsWith(
    fx.s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: "a.txt",
        VersionId: "v5n1PPUjOCMHLyyfq0ayjoZ5RZLfVQKA",
      }),
    ),
    "NotImplemented",
    501,
  );
});
