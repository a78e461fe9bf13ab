// Presigned URLs (SigV4 query authentication), from the JS SDK's presigner, boto3 and the AWS
// CLI: accepted as made, refused with one byte changed, and held to S3's rules on expiry,
// signed headers and unsigned x-amz-* headers.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { type Credentials, clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, userWithKey } from "../support/principals.js";
import { awsCli, boto3, changeParam, element, errorCode, sendUrl } from "./support.js";

let keyless: TestKeyless;
let s3: S3Client;
const BUCKET = "presigned";
const BODY = "presigned body";
before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
  s3 = clients(keyless.endpoint, keyless.root).s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "object.txt", Body: BODY }));
});
after(() => keyless.stop());

const presignGet = (client: S3Client, key = "object.txt", expiresIn = 900, signingDate?: Date) =>
  getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
    expiresIn,
    ...(signingDate ? { signingDate } : {}),
  });

async function expectRefused(url: string, code: string, what: string) {
  const reply = await sendUrl(url);
  assert.equal(errorCode(reply.body), code, `${what}: ${reply.status} ${reply.body}`);
  return reply;
}

test("a JS SDK presigned GET reads the object, and fails with one byte of it changed", async () => {
  const url = await presignGet(s3);
  const reply = await sendUrl(url);
  assert.equal(reply.status, 200, reply.body);
  assert.equal(reply.body, BODY);

  await expectRefused(changeParam(url, "X-Amz-Signature"), "SignatureDoesNotMatch", "signature");
  await expectRefused(changeParam(url, "X-Amz-Date", 14), "SignatureDoesNotMatch", "date");
  await expectRefused(url.replace("object.txt", "object.txu"), "SignatureDoesNotMatch", "path");
  await expectRefused(`${url}&extra=1`, "SignatureDoesNotMatch", "an added parameter");
});

/** A client for presigning uploads: the URL is made before the body exists, so no checksum. */
const uploadPresigner = () =>
  new S3Client({
    endpoint: keyless.endpoint,
    region: "us-east-1",
    credentials: { ...keyless.root },
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });

test("a JS SDK presigned PUT stores the body it is sent, and fails for another key", async () => {
  const client = uploadPresigner();
  const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: "put.txt" }), {
    expiresIn: 300,
  });
  const reply = await sendUrl(url, { method: "PUT", body: "uploaded" });
  assert.equal(reply.status, 200, reply.body);
  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "put.txt" }));
  assert.equal(await got.Body?.transformToString(), "uploaded");

  const other = url.replace("/put.txt?", "/put.txu?");
  const refused = await sendUrl(other, { method: "PUT", body: "x" });
  assert.equal(errorCode(refused.body), "SignatureDoesNotMatch", refused.body);
});

test("a presigned URL made with session credentials carries its token, which is checked", async () => {
  const user = await userWithKey(keyless.endpoint, keyless.root, "presigner", allow("s3:*"));
  const { Credentials: session } = await clients(keyless.endpoint, user).sts.send(
    new GetSessionTokenCommand({}),
  );
  const credentials: Credentials = {
    accessKeyId: session?.AccessKeyId as string,
    secretAccessKey: session?.SecretAccessKey as string,
    sessionToken: session?.SessionToken as string,
  };
  const url = await presignGet(clients(keyless.endpoint, credentials).s3);
  assert.match(url, /X-Amz-Security-Token=/);
  assert.equal((await sendUrl(url)).status, 200);
  const refused = await sendUrl(changeParam(url, "X-Amz-Security-Token", 20));
  assert.equal(refused.status, 400, refused.body);
  assert.equal(errorCode(refused.body), "InvalidToken");
});

test("X-Amz-Expires over 604800 seconds is AuthorizationQueryParametersError with S3's text", async () => {
  const url = await presignGet(s3, "object.txt", 604_800);
  assert.equal((await sendUrl(url)).status, 200, "a week exactly is allowed");
  const reply = await expectRefused(
    url.replace("X-Amz-Expires=604800", "X-Amz-Expires=604801"),
    "AuthorizationQueryParametersError",
    "X-Amz-Expires=604801",
  );
  assert.equal(reply.status, 400);
  assert.equal(
    element(reply.body, "Message"),
    "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires " +
      "must be less than 604800 seconds",
  );
  const negative = await expectRefused(
    url.replace("X-Amz-Expires=604800", "X-Amz-Expires=-7"),
    "AuthorizationQueryParametersError",
    "X-Amz-Expires=-7",
  );
  assert.equal(element(negative.body, "Message"), "X-Amz-Expires must be non-negative");
});

test("a presigned URL without one of the six X-Amz-* parameters is refused before anything else", async () => {
  const url = await presignGet(s3);
  const reply = await expectRefused(
    url.replace(/&X-Amz-Date=[^&]+/, ""),
    "AuthorizationQueryParametersError",
    "no X-Amz-Date",
  );
  assert.match(element(reply.body, "Message") ?? "", /requires the X-Amz-Algorithm/);
});

test('an expired presigned URL is AccessDenied "Request has expired" with S3\'s time fields', async () => {
  const url = await presignGet(s3, "object.txt", 60);
  const signedAt = new URL(url).searchParams.get("X-Amz-Date") as string;
  keyless.clock.advance(61_000);
  try {
    const reply = await expectRefused(url, "AccessDenied", "an expired URL");
    assert.equal(reply.status, 403);
    assert.equal(element(reply.body, "Message"), "Request has expired");
    assert.equal(element(reply.body, "X-Amz-Expires"), "60");
    const expires = Date.parse(element(reply.body, "Expires") ?? "");
    const signed = Date.parse(
      signedAt.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"),
    );
    assert.equal(expires - signed, 60_000, `Expires ${element(reply.body, "Expires")}`);
    assert.match(element(reply.body, "ServerTime") ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  } finally {
    keyless.clock.reset();
  }
});

test('a presigned URL dated in the future is "Request is not yet valid" past the allowed skew', async () => {
  const later = await presignGet(s3, "object.txt", 3600, new Date(Date.now() + 20 * 60_000));
  const reply = await expectRefused(later, "AccessDenied", "dated 20 minutes ahead");
  assert.equal(element(reply.body, "Message"), "Request is not yet valid");
  assert.ok(element(reply.body, "ServerTime"), "ServerTime is shown");
  const soon = await presignGet(s3, "object.txt", 3600, new Date(Date.now() + 10 * 60_000));
  assert.equal((await sendUrl(soon)).status, 200, "10 minutes ahead is within the skew");
});

test("a presigned URL is exempt from the clock-skew check: signed an hour ago, valid for two", async () => {
  const url = await presignGet(s3, "object.txt", 7200, new Date(Date.now() - 60 * 60_000));
  const reply = await sendUrl(url);
  assert.equal(reply.status, 200, reply.body);
});

test("a presigned URL that does not sign host is refused with HeadersNotSigned host", async () => {
  const url = await presignGet(s3);
  const reply = await expectRefused(
    url.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-amz-date"),
    "AccessDenied",
    "host unsigned",
  );
  assert.equal(element(reply.body, "HeadersNotSigned"), "host");
});

for (const [header, value] of [
  ["x-amz-acl", "public-read"],
  ["x-amz-server-side-encryption", "AES256"],
  ["x-amz-copy-source", `/${BUCKET}/object.txt`],
  ["x-amz-metadata-directive", "REPLACE"],
  ["x-amz-tagging", "a=b"],
  ["x-amz-meta-owner", "mallory"],
] as const) {
  test(`an unsigned ${header} header on a presigned request is refused, as S3 refuses it`, async () => {
    const client = clients(keyless.endpoint, keyless.root).s3;
    const url = await getSignedUrl(
      client,
      new PutObjectCommand({ Bucket: BUCKET, Key: "guarded.txt" }),
      { expiresIn: 300 },
    );
    const reply = await sendUrl(url, { method: "PUT", headers: { [header]: value }, body: "x" });
    assert.equal(errorCode(reply.body), "AccessDenied", reply.body);
    assert.equal(
      element(reply.body, "Message"),
      "There were headers present in the request which were not signed",
    );
    assert.equal(element(reply.body, "HeadersNotSigned"), header);
  });
}

test("every header a presigned URL signs must be sent, with the value signed", async () => {
  // Made by a client with the default checksum setting, the URL also carries the CRC32 of an
  // empty body, which S3 ignores in a presigned URL: the non-empty body below is stored.
  const url = await getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket: BUCKET, Key: "encrypted.txt", ServerSideEncryption: "AES256" }),
    { expiresIn: 300 },
  );
  assert.match(
    new URL(url).searchParams.get("X-Amz-SignedHeaders") ?? "",
    /x-amz-server-side-encryption/,
  );
  assert.match(url, /x-amz-checksum-crc32=AAAAAA%3D%3D/i, url);
  const without = await sendUrl(url, { method: "PUT", body: "x" });
  assert.equal(errorCode(without.body), "SignatureDoesNotMatch", without.body);
  const wrong = await sendUrl(url, {
    method: "PUT",
    headers: { "x-amz-server-side-encryption": "aws:kms" },
    body: "x",
  });
  assert.equal(errorCode(wrong.body), "SignatureDoesNotMatch", wrong.body);
  const sent = await sendUrl(url, {
    method: "PUT",
    headers: { "x-amz-server-side-encryption": "AES256" },
    body: "x",
  });
  assert.equal(sent.status, 200, sent.body);
});

test("a virtual-hosted presigned URL verifies with the Host header it names, port included", async () => {
  const port = new URL(keyless.endpoint).port;
  const hosted = new S3Client({
    endpoint: `http://s3.localhost:${port}`,
    region: "us-east-1",
    credentials: { ...keyless.root },
    forcePathStyle: false,
  });
  const url = await presignGet(hosted);
  assert.equal(new URL(url).host, `${BUCKET}.s3.localhost:${port}`);
  const reply = await sendUrl(url);
  assert.equal(reply.status, 200, reply.body);
  assert.equal(reply.body, BODY);
  const otherHost = await sendUrl(url, { headers: { host: `${BUCKET}.s3.localhost:1${port}` } });
  assert.equal(errorCode(otherHost.body), "SignatureDoesNotMatch", otherHost.body);
});

test("boto3's presigned URL (SigV4) reads the object, and fails with one byte changed", async () => {
  for (const addressing_style of ["path", "virtual"]) {
    const endpoint =
      addressing_style === "path"
        ? keyless.endpoint
        : `http://s3.localhost:${new URL(keyless.endpoint).port}`;
    const url = (await boto3(keyless.root, {
      action: "presign",
      endpoint,
      addressing_style,
      bucket: BUCKET,
      key: "object.txt",
      expires: 300,
    })) as string;
    assert.match(url, /X-Amz-Algorithm=AWS4-HMAC-SHA256/);
    const reply = await sendUrl(url);
    assert.equal(reply.status, 200, `${addressing_style}: ${reply.body}`);
    assert.equal(reply.body, BODY);
    await expectRefused(changeParam(url, "X-Amz-Signature"), "SignatureDoesNotMatch", url);
  }
});

test("`aws s3 presign` makes a URL that reads the object, and fails with one byte changed", async () => {
  const finished = await awsCli(keyless.endpoint, keyless.root, [
    "s3",
    "presign",
    `s3://${BUCKET}/object.txt`,
    "--expires-in",
    "300",
  ]);
  assert.equal(finished.code, 0, finished.stderr);
  const url = finished.stdout.trim();
  assert.match(url, /X-Amz-Signature=/);
  const reply = await sendUrl(url);
  assert.equal(reply.status, 200, reply.body);
  assert.equal(reply.body, BODY);
  await expectRefused(changeParam(url, "X-Amz-Signature"), "SignatureDoesNotMatch", url);
});

test("a presigned URL is refused when an Authorization header is sent with it", async () => {
  const url = await presignGet(s3);
  const reply = await sendUrl(url, { headers: { authorization: "AWS4-HMAC-SHA256 x" } });
  assert.equal(errorCode(reply.body), "InvalidArgument", reply.body);
  assert.match(element(reply.body, "Message") ?? "", /Only one auth mechanism allowed/);
});

test("HeadObject through a presigned URL works too (the signature covers the method)", async () => {
  const url = await getSignedUrl(s3, new HeadObjectCommand({ Bucket: BUCKET, Key: "object.txt" }));
  assert.equal((await sendUrl(url, { method: "HEAD" })).status, 200);
  const asGet = await sendUrl(url);
  assert.equal(errorCode(asGet.body), "SignatureDoesNotMatch", asGet.body);
});

test("x-amz-meta-* parameters a presigner hoists into the query are stored as metadata", async () => {
  // The JS SDK's presigner moves x-amz-meta-* into the query, and S3 stores them as if they
  // were sent as headers (aws/aws-sdk-js-v3#4694); x-amz-server-side-encryption it signs as a
  // header, which the uploader must then send.
  const url = await getSignedUrl(
    uploadPresigner(),
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: "hoisted.txt",
      Metadata: { project: "keyless" },
      ServerSideEncryption: "AES256",
    }),
    { expiresIn: 900 },
  );
  assert.match(url, /x-amz-meta-project=keyless/, url);
  assert.match(url, /X-Amz-SignedHeaders=host%3Bx-amz-server-side-encryption/, url);
  const sse = { "x-amz-server-side-encryption": "AES256" };
  const put = await fetch(url, { method: "PUT", body: "hoisted", headers: sse });
  assert.equal(put.status, 200, await put.text());
  const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "hoisted.txt" }));
  assert.deepEqual(head.Metadata, { project: "keyless" });
  assert.equal(head.ServerSideEncryption, "AES256");

  // The hoisted values are signed: changing one breaks the signature.
  const changed = url.replace("x-amz-meta-project=keyless", "x-amz-meta-project=other");
  const refused = await sendUrl(changed, { method: "PUT", body: "hoisted", headers: sse });
  assert.equal(errorCode(refused.body), "SignatureDoesNotMatch", refused.body);
});
