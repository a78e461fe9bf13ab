import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  type CreateBucketCommandInput,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
before(async () => {
  fx = await startS3();
});
after(() => fx.keyless.stop());

test("a created bucket is listed, answers HeadBucket and is gone after DeleteBucket", async () => {
  const bucket = freshBucket("lifecycle");
  const created = await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  assert.equal(created.Location, `/${bucket}`, `Location ${created.Location}`);

  const listed = await fx.s3.send(new ListBucketsCommand({}));
  const entry = listed.Buckets?.find((b) => b.Name === bucket);
  assert.ok(entry, `ListBuckets names ${listed.Buckets?.map((b) => b.Name).join(", ")}`);
  assert.ok(entry.CreationDate instanceof Date, `CreationDate ${entry.CreationDate}`);
  assert.equal(entry.BucketRegion, "us-east-1");
  assert.match(listed.Owner?.ID ?? "", /^[0-9a-f]{64}$/, `Owner ID ${listed.Owner?.ID}`);

  const head = await fx.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  assert.equal(head.BucketRegion, "us-east-1", `x-amz-bucket-region ${head.BucketRegion}`);

  const deleted = await fx.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  assert.equal(deleted.$metadata.httpStatusCode, 204);
  await rejectsWith(fx.s3.send(new HeadBucketCommand({ Bucket: bucket })), "NotFound", 404);
});

test("the canonical owner id is the same on every listing of one account", async () => {
  const first = await fx.s3.send(new ListBucketsCommand({}));
  const second = await fx.s3.send(new ListBucketsCommand({}));
  assert.equal(first.Owner?.ID, second.Owner?.ID, `owner ${second.Owner?.ID}`);
});

test("creating a bucket the caller already owns answers BucketAlreadyOwnedByYou outside us-east-1", async () => {
  // Amazon S3 API Reference, Error responses, BucketAlreadyOwnedByYou: returned "in all AWS
  // Regions except in the North Virginia Region".
  const bucket = freshBucket("twice");
  const elsewhere: CreateBucketCommandInput = {
    Bucket: bucket,
    CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
  };
  await fx.s3.send(new CreateBucketCommand(elsewhere));
  const error = await rejectsWith(
    fx.s3.send(new CreateBucketCommand(elsewhere)),
    "BucketAlreadyOwnedByYou",
    409,
  );
  assert.equal((error as { BucketName?: string }).BucketName, bucket);
  // Asked of us-east-1 for us-east-1, a bucket that lives elsewhere is still a conflict.
  await rejectsWith(
    fx.s3.send(new CreateBucketCommand({ Bucket: bucket })),
    "BucketAlreadyOwnedByYou",
    409,
  );
});

test("re-creating an owned bucket in us-east-1 answers 200 and changes nothing", async () => {
  // "For legacy compatibility, if you re-create an existing bucket that you already own in the
  // North Virginia Region, Amazon S3 returns 200 OK" (same reference).
  const bucket = freshBucket("legacy");
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "kept.txt", Body: "kept" }));
  const again = await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  assert.equal(again.$metadata.httpStatusCode, 200);
  const listed = await fx.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  assert.deepEqual(
    listed.Contents?.map((object) => object.Key),
    ["kept.txt"],
  );
});

test("bucket names that break S3's naming rules answer InvalidBucketName", async () => {
  for (const name of ["ab", "Upper-case", "two..dots", "192.168.5.4", "-dash", "xn--bucket"]) {
    await rejectsWith(
      fx.s3.send(new CreateBucketCommand({ Bucket: name })),
      "InvalidBucketName",
      400,
    );
  }
  await rejectsWith(
    fx.s3.send(new CreateBucketCommand({ Bucket: "a".repeat(64) })),
    "InvalidBucketName",
    400,
  );
});

test("a bucket holding an object cannot be deleted until the object is", async () => {
  const bucket = freshBucket("not-empty");
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));

  await rejectsWith(fx.s3.send(new DeleteBucketCommand({ Bucket: bucket })), "BucketNotEmpty", 409);

  await fx.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k" }));
  await fx.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
});

test("operations on a bucket that does not exist answer NoSuchBucket", async () => {
  const bucket = freshBucket("missing");
  await rejectsWith(fx.s3.send(new DeleteBucketCommand({ Bucket: bucket })), "NoSuchBucket", 404);
  await rejectsWith(
    fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" })),
    "NoSuchBucket",
    404,
  );
  await rejectsWith(
    fx.s3.send(new GetBucketLocationCommand({ Bucket: bucket })),
    "NoSuchBucket",
    404,
  );
});

test("GetBucketLocation answers an empty LocationConstraint for us-east-1", async () => {
  const bucket = freshBucket("location");
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const location = await fx.s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
  assert.equal(location.LocationConstraint, undefined, `constraint ${location.LocationConstraint}`);
});

test("a LocationConstraint sent to us-east-1 creates the bucket in that region", async () => {
  const bucket = freshBucket("eu");
  await fx.s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
    }),
  );
  const location = await fx.s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
  assert.equal(location.LocationConstraint, "eu-west-1");
});

test("naming us-east-1 as a LocationConstraint answers InvalidLocationConstraint", async () => {
  await rejectsWith(
    fx.s3.send(
      new CreateBucketCommand({
        Bucket: freshBucket("us-east"),
        // The SDK models no "us-east-1" constraint, since S3 refuses it; sent anyway on purpose.
        CreateBucketConfiguration: { LocationConstraint: "us-east-1" as BucketLocationConstraint },
      }),
    ),
    "InvalidLocationConstraint",
    400,
  );
});

test("a LocationConstraint naming no region, a misspelt one say, is InvalidLocationConstraint", async () => {
  const bucket = freshBucket("nowhere");
  await rejectsWith(
    fx.s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        CreateBucketConfiguration: { LocationConstraint: "eu-wset-1" as BucketLocationConstraint },
      }),
    ),
    "InvalidLocationConstraint",
    400,
  );
  assert.equal(await fx.keyless.app.model.buckets.find(bucket), undefined, "no bucket was made");
});

test("ListBuckets pages by max-buckets and filters by prefix", async () => {
  const names = ["paged-a", "paged-b", "paged-c"].map((label) => freshBucket(label));
  for (const name of names) await fx.s3.send(new CreateBucketCommand({ Bucket: name }));

  const seen: string[] = [];
  let token: string | undefined;
  do {
    const page = await fx.s3.send(
      new ListBucketsCommand({
        Prefix: "paged-",
        MaxBuckets: 2,
        ...(token === undefined ? {} : { ContinuationToken: token }),
      }),
    );
    assert.ok((page.Buckets?.length ?? 0) <= 2, `page of ${page.Buckets?.length} buckets`);
    seen.push(...(page.Buckets ?? []).map((b) => b.Name as string));
    token = page.ContinuationToken;
  } while (token !== undefined);
  assert.deepEqual(seen, names);
});
