import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { clients } from "../support/clients.js";
import { errorCode, sendRaw, signRaw } from "../support/sign.js";
import { freshBucket, rejectsWith, type S3Fixture, startS3 } from "./fixture.js";

let fx: S3Fixture;
before(async () => {
  fx = await startS3();
});
after(() => fx.keyless.stop());

async function bucketWith(keys: string[]): Promise<string> {
  const bucket = freshBucket("multi-delete");
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const key of keys) {
    await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  }
  return bucket;
}

const remaining = async (bucket: string) =>
  ((await fx.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map(
    (o) => o.Key,
  );

test("DeleteObjects removes every listed key and names each in Deleted", async () => {
  const bucket = await bucketWith(["a", " spaced key ", "b&c", "keep"]);
  const result = await fx.s3.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: {
        Objects: [{ Key: "a" }, { Key: " spaced key " }, { Key: "b&c" }, { Key: "never" }],
      },
    }),
  );
  assert.deepEqual(
    result.Deleted?.map((d) => d.Key),
    ["a", " spaced key ", "b&c", "never"],
  );
  assert.equal(result.Errors, undefined, `Errors ${JSON.stringify(result.Errors)}`);
  assert.deepEqual(await remaining(bucket), ["keep"]);
});

test("in quiet mode DeleteObjects answers only the keys it could not delete", async () => {
  const bucket = await bucketWith(["x", "y"]);
  const result = await fx.s3.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: { Objects: [{ Key: "x" }, { Key: "y" }], Quiet: true },
    }),
  );
  assert.equal(result.Deleted, undefined, `Deleted ${JSON.stringify(result.Deleted)}`);
  assert.deepEqual(await remaining(bucket), []);
});

test("DeleteObjects authorizes each key and reports the denied ones as AccessDenied", async () => {
  const bucket = await bucketWith(["tmp/1", "tmp/2", "keep/1"]);
  const { iam } = clients(fx.keyless.endpoint, fx.keyless.root);
  await iam.send(new CreateUserCommand({ UserName: "cleaner" }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: "cleaner",
      PolicyName: "tmp-only",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "s3:DeleteObject", Resource: `arn:aws:s3:::${bucket}/tmp/*` },
        ],
      }),
    }),
  );
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "cleaner" }));
  const cleaner = clients(fx.keyless.endpoint, {
    accessKeyId: AccessKey?.AccessKeyId as string,
    secretAccessKey: AccessKey?.SecretAccessKey as string,
  }).s3;

  const result = await cleaner.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: { Objects: [{ Key: "tmp/1" }, { Key: "keep/1" }, { Key: "tmp/2" }] },
    }),
  );
  assert.deepEqual(
    result.Deleted?.map((d) => d.Key),
    ["tmp/1", "tmp/2"],
  );
  assert.deepEqual(
    result.Errors?.map((e) => [e.Key, e.Code]),
    [["keep/1", "AccessDenied"]],
  );
  assert.deepEqual(await remaining(bucket), ["keep/1"]);
});

test("DeleteObjects on a missing bucket answers NoSuchBucket", async () => {
  await rejectsWith(
    fx.s3.send(
      new DeleteObjectsCommand({
        Bucket: freshBucket("gone"),
        Delete: { Objects: [{ Key: "k" }] },
      }),
    ),
    "NoSuchBucket",
    404,
  );
});

test("a delete list with a DOCTYPE, an undeclared entity, a Quiet that is not a boolean, or bytes that are not UTF-8 is 400 MalformedXML", async () => {
  const bucket = await bucketWith(["kept"]);
  const bodies = [
    // An external entity, a parameter entity, and an internal one that would expand to "kept".
    '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Delete><Object><Key>&x;</Key></Object></Delete>',
    '<!DOCTYPE d [<!ENTITY % p "x">]><Delete><Object><Key>kept</Key></Object></Delete>',
    '<!DOCTYPE d [<!ENTITY k "kept">]><Delete><Object><Key>&k;</Key></Object></Delete>',
    "<Delete><Object><Key>&kept;</Key></Object></Delete>",
    "<Delete><Object><Key>kept</Key></Object><Quiet>maybe</Quiet></Delete>",
    // Bytes that are not UTF-8, sent with their own correct Content-MD5.
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<Delete/>")]),
  ];
  for (const body of bodies) {
    const signed = await signRaw(fx.keyless.endpoint, fx.keyless.root, "s3", {
      method: "POST",
      path: `/${bucket}`,
      query: { delete: "" },
      headers: { "content-md5": createHash("md5").update(body).digest("base64") },
      body,
    });
    const response = await sendRaw(fx.keyless.endpoint, signed);
    assert.equal(response.status, 400, response.body);
    assert.equal(errorCode(response.body), "MalformedXML", String(body));
  }
  assert.deepEqual(await remaining(bucket), ["kept"]);
});

// curl --data sends application/x-www-form-urlencoded unless told otherwise; S3 reads the body
// as its XML document whatever the Content-Type says.
test("a DeleteObjects body sent with a form content type is still the XML document", async () => {
  const bucket = await bucketWith(["gone", "kept"]);
  const body = "<Delete><Object><Key>gone</Key></Object></Delete>";
  const signed = await signRaw(fx.keyless.endpoint, fx.keyless.root, "s3", {
    method: "POST",
    path: `/${bucket}`,
    query: { delete: "" },
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-md5": createHash("md5").update(body).digest("base64"),
    },
    body,
  });
  const response = await sendRaw(fx.keyless.endpoint, signed);
  assert.equal(response.status, 200, response.body);
  assert.deepEqual(await remaining(bucket), ["kept"]);
});
