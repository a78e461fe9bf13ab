// The condition keys S3 takes from how a request was signed, through the real SDK: s3:authType
// (REST-HEADER or REST-QUERY-STRING), s3:signatureversion, and s3:signatureAge, which "works
// for" presigned URLs and POST only, so a header-signed request has none (Amazon S3 API
// Reference, "Amazon S3 Signature Version 4 Authentication Specific Policy Keys").
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { clients } from "../support/clients.js";
import { allow, userWithKey } from "../support/principals.js";
import { errorCode } from "../support/sign.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
before(async () => {
  fx = await startS3();
});
after(() => fx.keyless.stop());

const TEN_MINUTES_MS = 600_000;

/** A bucket with one object, this bucket policy, and a user allowed to read its objects. */
async function guarded(label: string, statement: Record<string, unknown>) {
  const bucket = freshBucket(label);
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "body" }));
  const objects = `arn:aws:s3:::${bucket}/*`;
  await fx.s3.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Principal: "*", Action: "s3:GetObject", Resource: objects, ...statement }],
      }),
    }),
  );
  const reader = clients(
    fx.keyless.endpoint,
    await userWithKey(fx.keyless.endpoint, fx.keyless.root, `${label}-reader`, {
      ...allow("s3:GetObject", objects),
    }),
  ).s3;
  return { bucket, reader };
}

const get = (s3: S3Client, Bucket: string) => s3.send(new GetObjectCommand({ Bucket, Key: "k" }));
const presignedGet = async (s3: S3Client, Bucket: string) => {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: "k" }), {
    expiresIn: 3600,
  });
  return () => fetch(url);
};

test("s3:authType tells a presigned URL (REST-QUERY-STRING) from an Authorization header", async () => {
  const { bucket, reader } = await guarded("no-presigned", {
    Effect: "Deny",
    Condition: { StringEquals: { "s3:authType": "REST-QUERY-STRING" } },
  });
  await get(reader, bucket);
  const refused = await (await presignedGet(reader, bucket))();
  const body = await refused.text();
  assert.equal(refused.status, 403, body);
  assert.equal(errorCode(body), "AccessDenied");
});

test("s3:signatureAge denies a presigned URL once it is older than the policy allows", async () => {
  const { bucket, reader } = await guarded("young-urls", {
    Effect: "Deny",
    Condition: { NumericGreaterThan: { "s3:signatureAge": String(TEN_MINUTES_MS) } },
  });
  const fetchUrl = await presignedGet(reader, bucket);
  assert.equal((await fetchUrl()).status, 200);
  fx.keyless.clock.advance(TEN_MINUTES_MS + 60_000);
  try {
    // Still within X-Amz-Expires (an hour): the bucket policy is what refuses it.
    const old = await fetchUrl();
    const body = await old.text();
    assert.equal(old.status, 403, body);
    assert.equal(errorCode(body), "AccessDenied");
    assert.match(body, /explicit deny in a resource-based policy/);
  } finally {
    fx.keyless.clock.advance(-(TEN_MINUTES_MS + 60_000));
  }
});

test("a header-signed request has no s3:signatureAge: an allow that needs one does not hold", async () => {
  const bucket = freshBucket("age-allow");
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "body" }));
  const reader = clients(
    fx.keyless.endpoint,
    await userWithKey(fx.keyless.endpoint, fx.keyless.root, "age-allow-reader", {
      ...allow("s3:GetObject", `arn:aws:s3:::${bucket}/*`),
      Condition: { NumericLessThan: { "s3:signatureAge": String(TEN_MINUTES_MS) } },
    }),
  ).s3;
  assert.equal((await (await presignedGet(reader, bucket))()).status, 200);
  await rejectsWith(get(reader, bucket), "AccessDenied", 403);
});

test("s3:signatureversion is AWS4-HMAC-SHA256 for the SDK's signatures, header and query alike", async () => {
  const { bucket, reader } = await guarded("v4-only", {
    Effect: "Deny",
    Condition: { StringNotEquals: { "s3:signatureversion": "AWS4-HMAC-SHA256" } },
  });
  await get(reader, bucket);
  assert.equal((await (await presignedGet(reader, bucket))()).status, 200);
});
