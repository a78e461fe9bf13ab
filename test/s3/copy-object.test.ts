import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { allow, userWithKey } from "../support/principals.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("copies");
const other = freshBucket("copy-target");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new CreateBucketCommand({ Bucket: other }));
  await fx.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "original.txt",
      Body: "copy me",
      ContentType: "text/plain",
      CacheControl: "max-age=60",
      Metadata: { colour: "green" },
      Tagging: "stage=draft",
    }),
  );
});
after(() => fx.keyless.stop());

const head = (Bucket: string, Key: string) => fx.s3.send(new HeadObjectCommand({ Bucket, Key }));

const text = async (Bucket: string, Key: string) =>
  (await fx.s3.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString();

test("CopyObject copies bytes, type, metadata, system headers and tags", async () => {
  const copied = await fx.s3.send(
    new CopyObjectCommand({ Bucket: other, Key: "copy.txt", CopySource: `${bucket}/original.txt` }),
  );
  const md5 = createHash("md5").update("copy me").digest("hex");
  assert.equal(copied.CopyObjectResult?.ETag, `"${md5}"`, "the copy's ETag is the MD5");
  assert.ok(copied.CopyObjectResult?.LastModified instanceof Date, "LastModified");

  assert.equal(await text(other, "copy.txt"), "copy me");
  const described = await head(other, "copy.txt");
  assert.equal(described.ContentType, "text/plain");
  assert.equal(described.CacheControl, "max-age=60");
  assert.deepEqual(described.Metadata, { colour: "green" });
  const tags = await fx.s3.send(new GetObjectTaggingCommand({ Bucket: other, Key: "copy.txt" }));
  assert.deepEqual(tags.TagSet, [{ Key: "stage", Value: "draft" }]);
});

test("REPLACE takes metadata and tags from the request instead of the source", async () => {
  await fx.s3.send(
    new CopyObjectCommand({
      Bucket: other,
      Key: "replaced.txt",
      CopySource: `/${bucket}/original.txt`,
      MetadataDirective: "REPLACE",
      ContentType: "text/markdown",
      Metadata: { colour: "red" },
      TaggingDirective: "REPLACE",
      Tagging: "stage=final",
    }),
  );
  const described = await head(other, "replaced.txt");
  assert.equal(described.ContentType, "text/markdown");
  assert.deepEqual(described.Metadata, { colour: "red" });
  assert.equal(described.CacheControl, undefined, "system headers are replaced too");
  const tags = await fx.s3.send(
    new GetObjectTaggingCommand({ Bucket: other, Key: "replaced.txt" }),
  );
  assert.deepEqual(tags.TagSet, [{ Key: "stage", Value: "final" }]);
});

test("copying an object onto itself needs REPLACE, as S3 requires", async () => {
  const error = await rejectsWith(
    fx.s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "original.txt",
        CopySource: `${bucket}/original.txt`,
      }),
    ),
    "InvalidRequest",
    400,
  );
  assert.match(error.message, /copy an object to itself without changing/);

  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "in-place", Body: "same" }));
  await fx.s3.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: "in-place",
      CopySource: `${bucket}/in-place`,
      MetadataDirective: "REPLACE",
      Metadata: { revised: "yes" },
    }),
  );
  assert.deepEqual((await head(bucket, "in-place")).Metadata, { revised: "yes" });
  assert.equal(await text(bucket, "in-place"), "same");
});

test("a source key is URL-encoded in x-amz-copy-source", async () => {
  const key = "dir/with space+plus/ünïcødé?.txt";
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "odd name" }));
  await fx.s3.send(
    new CopyObjectCommand({
      Bucket: other,
      Key: "from-odd-name",
      CopySource: encodeURIComponent(`${bucket}/${key}`),
    }),
  );
  assert.equal(await text(other, "from-odd-name"), "odd name");
});

test("a missing source is NoSuchKey, or NoSuchBucket for a missing bucket", async () => {
  await rejectsWith(
    fx.s3.send(new CopyObjectCommand({ Bucket: other, Key: "x", CopySource: `${bucket}/none` })),
    "NoSuchKey",
    404,
  );
  await rejectsWith(
    fx.s3.send(
      new CopyObjectCommand({ Bucket: other, Key: "x", CopySource: `${freshBucket("nope")}/k` }),
    ),
    "NoSuchBucket",
    404,
  );
});

test("x-amz-copy-source-if-match that does not match is PreconditionFailed", async () => {
  await rejectsWith(
    fx.s3.send(
      new CopyObjectCommand({
        Bucket: other,
        Key: "conditional",
        CopySource: `${bucket}/original.txt`,
        CopySourceIfMatch: '"00000000000000000000000000000000"',
      }),
    ),
    "PreconditionFailed",
    412,
  );
});

test("a copy needs s3:GetObject on the source as well as s3:PutObject on the target", async () => {
  const putOnly = clients(
    fx.keyless.endpoint,
    await userWithKey(
      fx.keyless.endpoint,
      fx.keyless.root,
      "copier-put-only",
      allow("s3:PutObject", `arn:aws:s3:::${other}/*`),
    ),
  ).s3;
  const denied = await rejectsWith(
    putOnly.send(
      new CopyObjectCommand({ Bucket: other, Key: "c", CopySource: `${bucket}/original.txt` }),
    ),
    "AccessDenied",
    403,
  );
  assert.match(denied.message, /s3:GetObject on resource: "arn:aws:s3:::[^"]+\/original.txt"/);

  const both = clients(
    fx.keyless.endpoint,
    await userWithKey(
      fx.keyless.endpoint,
      fx.keyless.root,
      "copier-both",
      allow("s3:GetObject", `arn:aws:s3:::${bucket}/*`),
      {
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${other}/*`,
        Condition: { StringLike: { "s3:x-amz-copy-source": `${bucket}/original*` } },
      },
    ),
  ).s3;
  await both.send(
    new CopyObjectCommand({ Bucket: other, Key: "allowed", CopySource: `${bucket}/original.txt` }),
  );
  await rejectsWith(
    both.send(new PutObjectCommand({ Bucket: other, Key: "plain-put", Body: "x" })),
    "AccessDenied",
    403,
  );
});
