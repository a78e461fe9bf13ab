import assert from "node:assert/strict";
import { test } from "node:test";
import type { AwsError } from "../../src/errors/aws-error.js";
import { bucketFromHost, parseAddress } from "../../src/services/s3/address.js";

const HOST = "127.0.0.1";

test("a Host naming a bucket before .s3. or .localhost selects virtual-hosted style", () => {
  const cases: [string, string | undefined][] = [
    ["bucket.s3.localhost:4566", "bucket"],
    ["bucket.localhost:4566", "bucket"],
    ["my.dotted.bucket.s3.amazonaws.com", "my.dotted.bucket"],
    ["bucket.s3.us-east-1.amazonaws.com", "bucket"],
    ["bucket.s3-eu-west-1.amazonaws.com", "bucket"],
    ["has.s3.inside.s3.localhost", "has.s3.inside"],
    ["BUCKET.S3.LOCALHOST", "bucket"],
  ];
  for (const [host, bucket] of cases) {
    assert.equal(bucketFromHost(host, HOST), bucket, `bucket of Host ${host}`);
  }
});

test("an IP, localhost, the configured host and the bare S3 endpoint name no bucket", () => {
  const hosts = [
    "127.0.0.1:4566",
    "[::1]:4566",
    "localhost:4566",
    "s3.localhost:4566",
    "s3.amazonaws.com",
    "s3.us-east-1.amazonaws.com",
    "keyless.internal:4566",
  ];
  for (const host of hosts) {
    assert.equal(bucketFromHost(host, HOST), undefined, `bucket of Host ${host}`);
  }
  assert.equal(bucketFromHost("keyless.internal", "keyless.internal"), undefined);
  assert.equal(bucketFromHost("photos.keyless.internal", "keyless.internal"), "photos");
});

test("path-style paths split into bucket and a key decoded exactly once", () => {
  assert.deepEqual(parseAddress("/", undefined), {});
  assert.deepEqual(parseAddress("/bucket", undefined), { bucket: "bucket" });
  assert.deepEqual(parseAddress("/bucket/", undefined), { bucket: "bucket" });
  assert.deepEqual(parseAddress("/bucket/a%2520b+c", undefined), {
    bucket: "bucket",
    key: "a%20b+c",
  });
  assert.deepEqual(parseAddress("/bucket/a//b/../c/./d", undefined), {
    bucket: "bucket",
    key: "a//b/../c/./d",
  });
  assert.deepEqual(parseAddress("/bucket//leading", undefined), {
    bucket: "bucket",
    key: "/leading",
  });
});

test("virtual-hosted paths are all key", () => {
  assert.deepEqual(parseAddress("/", "bucket"), { bucket: "bucket" });
  assert.deepEqual(parseAddress("/bucket/key", "host-bucket"), {
    bucket: "host-bucket",
    key: "bucket/key",
  });
});

test("a key over 1,024 bytes of UTF-8 is KeyTooLongError, and bad escapes InvalidURI", () => {
  assert.equal(parseAddress(`/b/${"k".repeat(1024)}`, undefined).key?.length, 1024);
  assert.throws(
    () => parseAddress(`/b/${"%C3%A9".repeat(513)}`, undefined),
    (error: AwsError) => error.code === "KeyTooLongError",
  );
  assert.throws(
    () => parseAddress("/b/%E0%A4%A", undefined),
    (error: AwsError) => error.code === "InvalidURI",
  );
});
