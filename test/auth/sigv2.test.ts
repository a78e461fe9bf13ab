// S3's Signature Version 2, as older boto3 and awscli presigners and clients still sign:
// query authentication (AWSAccessKeyId, Expires, Signature) and `Authorization: AWS AKID:sig`.
// Each accepted form is refused with one byte changed.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { type Credentials, clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, userWithKey } from "../support/principals.js";
import { boto3, changeParam, element, errorCode, sendUrl } from "./support.js";

let keyless: TestKeyless;
let port: string;
const BUCKET = "sigv2";
const BODY = "signed the old way";
before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
  port = new URL(keyless.endpoint).port;
  const { s3 } = clients(keyless.endpoint, keyless.root);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "object.txt", Body: BODY }));
});
after(() => keyless.stop());

/**
 * A SigV2 query-authenticated URL built by hand from the documentation, independently of
 * keyless: StringToSign = VERB\nContent-MD5\nContent-Type\nExpires\nAmzHeaders+Resource.
 */
function handBuiltUrl(
  credentials: Credentials,
  path: string,
  expires: number,
  subresources = "",
): string {
  const amz = credentials.sessionToken ? `x-amz-security-token:${credentials.sessionToken}\n` : "";
  const toSign = `GET\n\n\n${expires}\n${amz}${path}${subresources ? `?${subresources}` : ""}`;
  const signature = createHmac("sha1", credentials.secretAccessKey).update(toSign).digest("base64");
  const query = new URLSearchParams({
    AWSAccessKeyId: credentials.accessKeyId,
    Expires: String(expires),
    Signature: signature,
  });
  if (credentials.sessionToken) query.set("x-amz-security-token", credentials.sessionToken);
  const sub = subresources ? `${subresources.replaceAll(" ", "%20").replaceAll("/", "%2F")}&` : "";
  return `${keyless.endpoint}${path}?${sub}${query.toString()}`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

test("a hand-built SigV2 URL reads the object, and fails with one byte changed", async () => {
  const url = handBuiltUrl(keyless.root, `/${BUCKET}/object.txt`, inAnHour());
  const reply = await sendUrl(url);
  assert.equal(reply.status, 200, reply.body);
  assert.equal(reply.body, BODY);

  const refused = await sendUrl(changeParam(url, "Signature"));
  assert.equal(errorCode(refused.body), "SignatureDoesNotMatch", refused.body);
  assert.equal(element(refused.body, "AWSAccessKeyId"), keyless.root.accessKeyId);
  assert.match(element(refused.body, "StringToSign") ?? "", /^GET\n\n\n\d+\n\/sigv2\/object.txt$/);
  assert.ok(element(refused.body, "SignatureProvided"), "SignatureProvided is shown");
  assert.match(element(refused.body, "StringToSignBytes") ?? "", /^47 45 54 0a/);
  for (const [what, changed] of [
    ["Expires", changeParam(url, "Expires", 9)],
    ["the path", url.replace("object.txt", "object.txu")],
  ] as const) {
    const reply = await sendUrl(changed);
    assert.equal(errorCode(reply.body), "SignatureDoesNotMatch", `${what}: ${reply.body}`);
  }
  const asHead = await sendUrl(url, { method: "HEAD" });
  assert.equal(asHead.status, 403, "a GET URL used for HEAD: the verb is signed");
});

test("a SigV2 URL signs its sub-resources: response-content-type is honoured and covered", async () => {
  const url = handBuiltUrl(
    keyless.root,
    `/${BUCKET}/object.txt`,
    inAnHour(),
    "response-content-type=text/x-test",
  );
  const reply = await sendUrl(url);
  assert.equal(reply.status, 200, reply.body);
  assert.equal(reply.headers["content-type"], "text/x-test");
  const refused = await sendUrl(url.replace("text%2Fx-test", "text%2Fx-tesu"));
  assert.equal(errorCode(refused.body), "SignatureDoesNotMatch", refused.body);
});

test('an expired SigV2 URL is AccessDenied "Request has expired" with Expires and ServerTime', async () => {
  const expires = Math.floor(Date.now() / 1000) - 5;
  const reply = await sendUrl(handBuiltUrl(keyless.root, `/${BUCKET}/object.txt`, expires));
  assert.equal(reply.status, 403);
  assert.equal(errorCode(reply.body), "AccessDenied");
  assert.equal(element(reply.body, "Message"), "Request has expired");
  assert.equal(
    element(reply.body, "Expires"),
    new Date(expires * 1000).toISOString().replace(".000", ""),
  );
  assert.ok(element(reply.body, "ServerTime"));
});

test('boto3\'s SigV2 presigned URL (signature_version="s3") reads the object, path-style and virtual-hosted', async () => {
  for (const addressing_style of ["path", "virtual"]) {
    const endpoint = addressing_style === "path" ? keyless.endpoint : `http://s3.localhost:${port}`;
    const url = (await boto3(keyless.root, {
      action: "presign",
      endpoint,
      addressing_style,
      signature_version: "s3",
      bucket: BUCKET,
      key: "object.txt",
      expires: 300,
    })) as string;
    assert.match(url, /AWSAccessKeyId=.*Signature=|Signature=.*AWSAccessKeyId=/);
    const reply = await sendUrl(url);
    assert.equal(reply.status, 200, `${addressing_style}: ${reply.body}`);
    assert.equal(reply.body, BODY);
    const refused = await sendUrl(changeParam(url, "Signature"));
    assert.equal(errorCode(refused.body), "SignatureDoesNotMatch", refused.body);
  }
});

test("a SigV2 URL made with session credentials carries x-amz-security-token, which is checked", async () => {
  const user = await userWithKey(keyless.endpoint, keyless.root, "v2-user", allow("s3:*"));
  const { Credentials: session } = await clients(keyless.endpoint, user).sts.send(
    new GetSessionTokenCommand({}),
  );
  const credentials: Credentials = {
    accessKeyId: session?.AccessKeyId as string,
    secretAccessKey: session?.SecretAccessKey as string,
    sessionToken: session?.SessionToken as string,
  };
  for (const url of [
    handBuiltUrl(credentials, `/${BUCKET}/object.txt`, inAnHour()),
    (await boto3(credentials, {
      action: "presign",
      endpoint: keyless.endpoint,
      signature_version: "s3",
      bucket: BUCKET,
      key: "object.txt",
    })) as string,
  ]) {
    assert.match(url, /x-amz-security-token=/);
    const reply = await sendUrl(url);
    assert.equal(reply.status, 200, reply.body);
    const refused = await sendUrl(changeParam(url, "x-amz-security-token", 30));
    assert.equal(errorCode(refused.body), "InvalidToken", refused.body);
  }
});

test("boto3 signing every call with SigV2 (`AWS AKID:signature`) puts, gets and lists", async () => {
  for (const addressing_style of ["path", "virtual"]) {
    const endpoint = addressing_style === "path" ? keyless.endpoint : `http://s3.localhost:${port}`;
    const keys = [`v2-${addressing_style}/plain.txt`, `v2-${addressing_style}/a b+c&d=é.txt`];
    const result = (await boto3(keyless.root, {
      action: "put-get-list",
      endpoint,
      addressing_style,
      signature_version: "s3",
      bucket: BUCKET,
      keys,
    })) as {
      objects: Record<string, { put: { ok: boolean }; get: { ok: boolean; value: string } }>;
      listed: { ok: boolean; value: string[] };
    };
    for (const key of keys) {
      assert.deepEqual(
        result.objects[key]?.get,
        { ok: true, value: key },
        `${addressing_style} ${key}`,
      );
    }
    assert.ok(result.listed.ok, JSON.stringify(result.listed));
    for (const key of keys) assert.ok(result.listed.value.includes(key), `${key} listed`);
  }
});

/** A SigV2-header-signed GET built by hand, with the Date it claims. */
function headerSigned(credentials: Credentials, path: string, date: Date) {
  const httpDate = date.toUTCString();
  const toSign = `GET\n\n\n${httpDate}\n${path}`;
  const signature = createHmac("sha1", credentials.secretAccessKey).update(toSign).digest("base64");
  return { date: httpDate, authorization: `AWS ${credentials.accessKeyId}:${signature}` };
}

test("a SigV2 Authorization header is accepted, and refused with one byte of the signature changed", async () => {
  const path = `/${BUCKET}/object.txt`;
  const headers = headerSigned(keyless.root, path, new Date());
  const reply = await sendUrl(`${keyless.endpoint}${path}`, { headers });
  assert.equal(reply.status, 200, reply.body);
  const auth = headers.authorization;
  const changed = `${auth.slice(0, -3)}${auth.at(-3) === "A" ? "B" : "A"}${auth.slice(-2)}`;
  const refused = await sendUrl(`${keyless.endpoint}${path}`, {
    headers: { ...headers, authorization: changed },
  });
  assert.equal(errorCode(refused.body), "SignatureDoesNotMatch", refused.body);
});

test("a SigV2 Authorization header dated 20 minutes ago is RequestTimeTooSkewed", async () => {
  const path = `/${BUCKET}/object.txt`;
  const headers = headerSigned(keyless.root, path, new Date(Date.now() - 20 * 60_000));
  const reply = await sendUrl(`${keyless.endpoint}${path}`, { headers });
  assert.equal(errorCode(reply.body), "RequestTimeTooSkewed", reply.body);
  assert.equal(element(reply.body, "RequestTime"), headers.date);
  assert.equal(element(reply.body, "MaxAllowedSkewMilliseconds"), "900000");
});

test("an unknown key under SigV2 is InvalidAccessKeyId", async () => {
  const unknown = { accessKeyId: "AKIAZZZZZZZZZZZZZZZZ", secretAccessKey: "x".repeat(40) };
  const reply = await sendUrl(handBuiltUrl(unknown, `/${BUCKET}/object.txt`, inAnHour()));
  assert.equal(errorCode(reply.body), "InvalidAccessKeyId", reply.body);
});

test("SigV2 with session credentials stops working when the session expires: ExpiredToken", async () => {
  const user = await userWithKey(keyless.endpoint, keyless.root, "v2-expiring", allow("s3:*"));
  const { Credentials: session } = await clients(keyless.endpoint, user).sts.send(
    new GetSessionTokenCommand({ DurationSeconds: 900 }),
  );
  const credentials: Credentials = {
    accessKeyId: session?.AccessKeyId as string,
    secretAccessKey: session?.SecretAccessKey as string,
    sessionToken: session?.SessionToken as string,
  };
  keyless.clock.advance(16 * 60_000);
  try {
    const expires = Math.floor(keyless.clock.now() / 1000) + 3600;
    const reply = await sendUrl(handBuiltUrl(credentials, `/${BUCKET}/object.txt`, expires));
    assert.equal(reply.status, 400, reply.body);
    assert.equal(errorCode(reply.body), "ExpiredToken");
  } finally {
    keyless.clock.reset();
  }
});

test('s3:signatureversion is "AWS" under SigV2: a bucket policy requiring SigV4 refuses it', async () => {
  // Amazon S3 API Reference, "Amazon S3 Signature Version 4 Authentication Specific Policy Keys":
  // "AWS" identifies Signature Version 2, "AWS4-HMAC-SHA256" Signature Version 4.
  const bucket = "sigv4-only";
  const { s3 } = clients(keyless.endpoint, keyless.root);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "object.txt", Body: BODY }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "SigV4Only",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: `arn:aws:s3:::${bucket}/*`,
            Condition: { StringNotEquals: { "s3:signatureversion": "AWS4-HMAC-SHA256" } },
          },
        ],
      }),
    }),
  );
  const reader = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "sigv4-only-reader",
    allow("s3:GetObject", `arn:aws:s3:::${bucket}/*`),
  );

  const sigV2 = await sendUrl(handBuiltUrl(reader, `/${bucket}/object.txt`, inAnHour()));
  assert.equal(sigV2.status, 403, sigV2.body);
  assert.equal(errorCode(sigV2.body), "AccessDenied", sigV2.body);
  assert.match(sigV2.body, /explicit deny in a resource-based policy/, sigV2.body);

  const sigV4 = await clients(keyless.endpoint, reader).s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: "object.txt" }),
  );
  assert.equal(await sigV4.Body?.transformToString(), BODY);
});

test("x-amz-meta-* parameters of a SigV2 presigned PUT are signed and stored as metadata", async () => {
  // botocore's HmacV1QueryAuth moves x-amz-* headers into the query, where they are signed among
  // the string to sign's x-amz-* lines; S3 applies them as headers.
  const path = `/${BUCKET}/v2-meta.txt`;
  const expires = inAnHour();
  const toSign = `PUT\n\n\n${expires}\nx-amz-meta-project:keyless\n${path}`;
  const signature = createHmac("sha1", keyless.root.secretAccessKey)
    .update(toSign)
    .digest("base64");
  const query = new URLSearchParams({
    AWSAccessKeyId: keyless.root.accessKeyId,
    Expires: String(expires),
    Signature: signature,
    "x-amz-meta-project": "keyless",
  });
  const url = `${keyless.endpoint}${path}?${query}`;
  const put = await sendUrl(url, { method: "PUT", body: "v2" });
  assert.equal(put.status, 200, put.body);
  const { s3 } = clients(keyless.endpoint, keyless.root);
  const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "v2-meta.txt" }));
  assert.deepEqual(head.Metadata, { project: "keyless" });

  const tampered = await sendUrl(
    url.replace("x-amz-meta-project=keyless", "x-amz-meta-project=other"),
    {
      method: "PUT",
      body: "v2",
    },
  );
  assert.equal(errorCode(tampered.body), "SignatureDoesNotMatch", tampered.body);
});
