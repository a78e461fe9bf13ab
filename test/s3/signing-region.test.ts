// A bucket answers only requests signed for its region. A client signs for the region whose
// endpoint it believes it talks to, and S3's endpoint for one region answers a request for a
// bucket of another with 301 PermanentRedirect and the bucket's region in x-amz-bucket-region
// (Amazon S3 API Reference, HeadBucket; the JS SDK's region redirect follows exactly a 301 with
// that header). The SDKs that follow region redirects sign again for that region.
// GetBucketLocation is answered for any region: it is how a client finds one.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { python3 } from "../support/processes.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("in-eu");
before(async () => {
  fx = await startS3();
  await fx.s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
    }),
  );
});
after(() => fx.keyless.stop());

const clientFor = (region: string, followRegionRedirects = false) =>
  new S3Client({
    endpoint: fx.keyless.endpoint,
    region,
    credentials: { ...fx.keyless.root },
    forcePathStyle: true,
    maxAttempts: 1,
    followRegionRedirects,
  });

test("a request signed for another region is 301 PermanentRedirect naming the bucket's region", async () => {
  const error = await rejectsWith(
    fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "body" })),
    "PermanentRedirect",
    301,
  );
  assert.match(error.message, /must be addressed using the specified endpoint/);
  assert.equal((error as { Bucket?: string }).Bucket, bucket);
  const headers = (error as { $response?: { headers: Record<string, string> } }).$response?.headers;
  assert.equal(headers?.["x-amz-bucket-region"], "eu-west-1");
  assert.equal(await fx.keyless.app.model.objects.find(bucket, "k"), undefined, "nothing stored");
});

test("signed for the bucket's region the request is served; GetBucketLocation from any", async () => {
  const eu = clientFor("eu-west-1");
  await eu.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "body" }));
  const got = await eu.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
  assert.equal(await got.Body?.transformToString(), "body");
  const location = await fx.s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
  assert.equal(location.LocationConstraint, "eu-west-1");
});

test("the JS SDK with followRegionRedirects signs again for the region S3 names", async () => {
  const following = clientFor("us-east-1", true);
  const got = await following.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
  assert.equal(await got.Body?.transformToString(), "body");
});

test("a presigned URL signed for another region is redirected too", async () => {
  const url = await getSignedUrl(fx.s3, new GetObjectCommand({ Bucket: bucket, Key: "k" }));
  const response = await fetch(url, { redirect: "manual" });
  const body = await response.text();
  assert.equal(response.status, 301, body);
  assert.match(body, /<Code>PermanentRedirect<\/Code>/);
  assert.equal(response.headers.get("x-amz-bucket-region"), "eu-west-1");
  const eu = await getSignedUrl(
    clientFor("eu-west-1"),
    new GetObjectCommand({ Bucket: bucket, Key: "k" }),
  );
  assert.equal(await (await fetch(eu)).text(), "body");
});

test("boto3 configured for us-east-1 follows the redirect to the bucket's region", async () => {
  const script = [
    "import sys, boto3",
    "s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1')",
    "s3.put_object(Bucket=sys.argv[2], Key='from-boto3', Body=b'redirected')",
    "print(s3.get_object(Bucket=sys.argv[2], Key='from-boto3')['Body'].read().decode())",
  ].join("\n");
  const finished = await python3(["-c", script, fx.keyless.endpoint, bucket], fx.keyless.root);
  assert.equal(finished.code, 0, finished.stderr);
  assert.equal(finished.stdout.trim(), "redirected");
});
