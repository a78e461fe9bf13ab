import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Sha256 } from "@aws-crypto/sha256-js";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { SignatureV4 } from "@smithy/signature-v4";
import { errorCode, type RawRequest, sendRaw, signRaw } from "../support/sign.js";
import { freshBucket, type S3Fixture, startS3, virtualHostedClient } from "./fixture.js";

let fx: S3Fixture;
const bucket = freshBucket("addressing");
before(async () => {
  fx = await startS3();
  await fx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
after(() => fx.keyless.stop());

/** A request signed as the SDK would sign it, sent byte for byte as built. */
async function raw(request: RawRequest) {
  const signed = await signRaw(fx.keyless.endpoint, fx.keyless.root, "s3", request);
  return sendRaw(fx.keyless.endpoint, signed);
}

test("a virtual-hosted request names the bucket in the Host header", async () => {
  const hosted = virtualHostedClient(fx.keyless.endpoint, fx.keyless.root);
  await hosted.send(new PutObjectCommand({ Bucket: bucket, Key: "via/host name.txt", Body: "v" }));

  const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "via/host name.txt" }));
  assert.equal(await got.Body?.transformToString(), "v", "path-style read of a hosted write");
  const listed = await hosted.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "via/" }));
  assert.deepEqual(
    listed.Contents?.map((o) => o.Key),
    ["via/host name.txt"],
  );
});

test("paths are never normalised: dot segments and double slashes stay in the key", async () => {
  for (const path of ["a//b", "./x", "../y", "c/./d"]) {
    const put = await raw({ method: "PUT", path: `/${bucket}/${path}`, body: path });
    assert.equal(put.status, 200, `PutObject ${path}: ${put.body}`);
  }
  const listed = await fx.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  const keys = listed.Contents?.map((o) => o.Key) ?? [];
  for (const key of ["a//b", "./x", "../y", "c/./d"]) {
    assert.ok(keys.includes(key), `key ${key} among ${keys.join(", ")}`);
  }
});

test("the key is percent-decoded exactly once, and a plus sign stays a plus sign", async () => {
  const put = await raw({ method: "PUT", path: `/${bucket}/100%2525+more%20text`, body: "p" });
  assert.equal(put.status, 200, put.body);
  const got = await fx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: "100%25+more text" }));
  assert.equal(await got.Body?.transformToString(), "p");
});

test("an object uploaded without Content-Type is binary/octet-stream", async () => {
  await raw({ method: "PUT", path: `/${bucket}/untyped`, body: "u" });
  const got = await raw({ method: "GET", path: `/${bucket}/untyped` });
  assert.equal(got.headers["content-type"], "binary/octet-stream");
  assert.equal(got.body, "u");
});

test("listings are XML in S3's namespace with millisecond ISO dates", async () => {
  const got = await raw({ method: "GET", path: `/${bucket}`, query: { "list-type": "2" } });
  assert.equal(got.status, 200);
  assert.equal(got.headers["content-type"], "application/xml");
  assert.match(
    got.body,
    /<ListBucketResult xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/">/,
  );
  assert.match(got.body, /<LastModified>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z<\/LastModified>/);
  assert.match(got.body, /<ETag>&quot;[0-9a-f]{32}&quot;<\/ETag>/);
});

test("errors carry S3's extra fields such as BucketName and Key", async () => {
  const missing = await raw({ method: "GET", path: `/${bucket}/no-such-key` });
  assert.equal(errorCode(missing.body), "NoSuchKey");
  assert.match(missing.body, /<Key>no-such-key<\/Key>/);
  const noBucket = await raw({ method: "GET", path: "/no-such-bucket-here" });
  assert.equal(noBucket.status, 404);
  assert.match(noBucket.body, /<BucketName>no-such-bucket-here<\/BucketName>/);
});

test("an unknown method is MethodNotAllowed, an unserved subresource NotImplemented", async () => {
  const patch = await raw({ method: "PATCH", path: `/${bucket}/k` });
  assert.equal(patch.status, 405, patch.body);
  assert.equal(errorCode(patch.body), "MethodNotAllowed");
  assert.match(patch.body, /<ResourceType>OBJECT<\/ResourceType>/);

  const replication = await raw({ method: "GET", path: `/${bucket}`, query: { replication: "" } });
  assert.equal(replication.status, 501, replication.body);
  assert.equal(errorCode(replication.body), "NotImplemented");
});

test("a malformed percent-encoding in the key answers InvalidURI", async () => {
  const bad = await raw({ method: "GET", path: `/${bucket}/bad%ZZ` });
  assert.equal(bad.status, 400, bad.body);
  assert.equal(errorCode(bad.body), "InvalidURI");
});

test("a 416 names the object's length in Content-Range", async () => {
  await raw({ method: "PUT", path: `/${bucket}/ten`, body: "0123456789" });
  const got = await raw({ method: "GET", path: `/${bucket}/ten`, headers: { range: "bytes=10-" } });
  assert.equal(got.status, 416, got.body);
  assert.equal(errorCode(got.body), "InvalidRange");
  assert.equal(got.headers["content-range"], "bytes */10");
});

test("a presigned GetObject URL reads the object with no Authorization header", async () => {
  await fx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "shared doc.txt", Body: "s" }));
  const url = new URL(fx.keyless.endpoint);
  const signer = new SignatureV4({
    service: "s3",
    region: "us-east-1",
    credentials: fx.keyless.root,
    sha256: Sha256,
    uriEscapePath: false,
  });
  const path = `/${bucket}/shared%20doc.txt`;
  const presigned = await signer.presign(
    {
      method: "GET",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query: { "response-content-type": "text/plain" },
      // As @aws-sdk/s3-request-presigner does: a presigned URL signs no payload.
      headers: { host: url.host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    },
    { expiresIn: 300, unsignableHeaders: new Set(["x-amz-content-sha256"]) },
  );
  const query = new URLSearchParams(presigned.query as Record<string, string>).toString();
  const response = await fetch(`${fx.keyless.endpoint}${path}?${query}`);
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal(response.headers.get("content-type"), "text/plain");
  assert.equal(await response.text(), "s");
});
