import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type Tag,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { allow, userWithKey } from "../support/principals.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("tags");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(() => fx.keyless.stop());

const putTags = (Key: string, TagSet: Tag[]) =>
  fx.s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key, Tagging: { TagSet } }));

const tagsOf = async (Key: string) =>
  (await fx.s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key }))).TagSet;

test("an object's tags are replaced, read and removed without touching its ETag", async () => {
  const put = await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "doc", Body: "d" }));
  assert.deepEqual(await tagsOf("doc"), []);

  await putTags("doc", [
    { Key: "project", Value: "keyless" },
    { Key: "empty value", Value: "" },
  ]);
  assert.deepEqual(await tagsOf("doc"), [
    { Key: "project", Value: "keyless" },
    { Key: "empty value", Value: "" },
  ]);
  const head = await fx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "doc" }));
  assert.equal(head.TagCount, 2, "x-amz-tagging-count");
  assert.equal(head.ETag, put.ETag, "ETag after tagging");

  await putTags("doc", [{ Key: "only", Value: "one" }]);
  assert.deepEqual(await tagsOf("doc"), [{ Key: "only", Value: "one" }]);

  const removed = await fx.s3.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: "doc" }));
  assert.equal(removed.$metadata.httpStatusCode, 204);
  assert.deepEqual(await tagsOf("doc"), []);
  const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "doc" }));
  assert.equal(got.TagCount, undefined, "no x-amz-tagging-count without tags");
});

test("PutObject's x-amz-tagging header tags the new object", async () => {
  await fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "tagged-at-birth",
      Body: "x",
      Tagging: "team=blue%20sky&code=a%2Bb",
    }),
  );
  assert.deepEqual(await tagsOf("tagged-at-birth"), [
    { Key: "team", Value: "blue sky" },
    { Key: "code", Value: "a+b" },
  ]);
  const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "tagged-at-birth" }));
  assert.equal(got.TagCount, 2);
});

test("tagging a missing object is NoSuchKey", async () => {
  await rejectsWith(putTags("never-written", [{ Key: "a", Value: "b" }]), "NoSuchKey", 404);
  await rejectsWith(
    fx.s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: "never-written" })),
    "NoSuchKey",
    404,
  );
});

test("tag sets that break S3's rules answer BadRequest or InvalidTag", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "rules", Body: "r" }));
  const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
  const tooMany = await rejectsWith(putTags("rules", eleven), "BadRequest", 400);
  assert.match(tooMany.message, /cannot be greater than 10/);

  const cases: [Tag[], RegExp][] = [
    [[{ Key: "k".repeat(129), Value: "v" }], /TagKey you have provided is too long/],
    [[{ Key: "k", Value: "v".repeat(257) }], /TagValue you have provided is too long/],
    [
      [
        { Key: "same", Value: "1" },
        { Key: "same", Value: "2" },
      ],
      /multiple Tags with the same key/,
    ],
    [[{ Key: "aws:reserved", Value: "v" }], /System tags/],
    [[{ Key: "bad*char", Value: "v" }], /TagKey you have provided is invalid/],
  ];
  for (const [tags, message] of cases) {
    const error = await rejectsWith(putTags("rules", tags), "InvalidTag", 400);
    assert.match(error.message, message);
  }
  // 128 and 256 characters are within the limits, counted in characters rather than bytes.
  await putTags("rules", [{ Key: "é".repeat(128), Value: "ü".repeat(256) }]);

  await rejectsWith(
    fx.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "dup-header", Body: "x", Tagging: "a=1&a=2" }),
    ),
    "InvalidArgument",
    400,
  );
});

test("a bucket's tags are put, read and deleted; none at all is NoSuchTagSet", async () => {
  await rejectsWith(
    fx.s3.send(new GetBucketTaggingCommand({ Bucket: bucket })),
    "NoSuchTagSet",
    404,
  );
  const put = await fx.s3.send(
    new PutBucketTaggingCommand({
      Bucket: bucket,
      Tagging: { TagSet: [{ Key: "cost-centre", Value: "42" }] },
    }),
  );
  assert.equal(put.$metadata.httpStatusCode, 204);
  const got = await fx.s3.send(new GetBucketTaggingCommand({ Bucket: bucket }));
  assert.deepEqual(got.TagSet, [{ Key: "cost-centre", Value: "42" }]);

  await fx.s3.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
  await rejectsWith(
    fx.s3.send(new GetBucketTaggingCommand({ Bucket: bucket })),
    "NoSuchTagSet",
    404,
  );
});

test("s3:ExistingObjectTag lets a policy allow reading tagged objects only", async () => {
  await fx.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "public.txt", Body: "p", Tagging: "class=public" }),
  );
  await fx.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "secret.txt", Body: "s", Tagging: "class=secret" }),
  );
  const reader = clients(
    fx.keyless.endpoint,
    await userWithKey(fx.keyless.endpoint, fx.keyless.root, "tag-reader", {
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectTagging"],
      Resource: `arn:aws:s3:::${bucket}/*`,
      Condition: { StringEquals: { "s3:ExistingObjectTag/class": "public" } },
    }),
  ).s3;

  const got = await reader.send(new GetObjectCommand({ Bucket: bucket, Key: "public.txt" }));
  assert.equal(await got.Body?.transformToString(), "p");
  await reader.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: "public.txt" }));
  await rejectsWith(
    reader.send(new GetObjectCommand({ Bucket: bucket, Key: "secret.txt" })),
    "AccessDenied",
    403,
  );
  await rejectsWith(
    reader.send(new HeadObjectCommand({ Bucket: bucket, Key: "secret.txt" })),
    undefined,
    403,
  );
});

test("s3:RequestObjectTag limits the tags a writer may set; tags need s3:PutObjectTagging", async () => {
  const writer = clients(
    fx.keyless.endpoint,
    await userWithKey(fx.keyless.endpoint, fx.keyless.root, "tag-writer", {
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:PutObjectTagging"],
      Resource: `arn:aws:s3:::${bucket}/*`,
      Condition: { StringEquals: { "s3:RequestObjectTag/team": "blue" } },
    }),
  ).s3;
  await writer.send(
    new PutObjectCommand({ Bucket: bucket, Key: "blue.txt", Body: "b", Tagging: "team=blue" }),
  );
  await rejectsWith(
    writer.send(
      new PutObjectCommand({ Bucket: bucket, Key: "red.txt", Body: "r", Tagging: "team=red" }),
    ),
    "AccessDenied",
    403,
  );
  await writer.send(
    new PutObjectTaggingCommand({
      Bucket: bucket,
      Key: "blue.txt",
      Tagging: { TagSet: [{ Key: "team", Value: "blue" }] },
    }),
  );

  const untagged = clients(
    fx.keyless.endpoint,
    await userWithKey(
      fx.keyless.endpoint,
      fx.keyless.root,
      "plain-writer",
      allow("s3:PutObject", `arn:aws:s3:::${bucket}/*`),
    ),
  ).s3;
  await untagged.send(new PutObjectCommand({ Bucket: bucket, Key: "plain.txt", Body: "p" }));
  const denied = await rejectsWith(
    untagged.send(
      new PutObjectCommand({ Bucket: bucket, Key: "plain.txt", Body: "p", Tagging: "a=b" }),
    ),
    "AccessDenied",
    403,
  );
  assert.match(denied.message, /s3:PutObjectTagging/);
});
