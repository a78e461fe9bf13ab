// Clock skew: a header-signed request must be within 15 minutes of the server's clock for S3
// and 5 for IAM, STS and EC2; S3 says so with RequestTimeTooSkewed and its time fields. Every
// reply carries the server's Date, from which the SDKs correct their own clock.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html ("Time stamp
// requirement"); https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { type RawRequest, sendRaw, signRaw } from "../support/sign.js";
import { element, errorCode } from "./support.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
});
after(() => keyless.stop());

const MINUTE = 60_000;
const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
const REQUESTS: Record<string, RawRequest> = {
  s3: { method: "GET", path: "/", headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } },
  sts: {
    method: "POST",
    path: "/",
    headers: FORM,
    body: "Action=GetCallerIdentity&Version=2011-06-15",
  },
  iam: { method: "POST", path: "/", headers: FORM, body: "Action=ListUsers&Version=2010-05-08" },
  ec2: {
    method: "POST",
    path: "/",
    headers: FORM,
    body: "Action=DescribeInstances&Version=2016-11-15",
  },
};

async function signedAgo(service: string, offsetMs: number) {
  const signed = await signRaw(
    keyless.endpoint,
    keyless.root,
    service,
    REQUESTS[service] as RawRequest,
    {
      signingDate: new Date(keyless.clock.now() - offsetMs),
    },
  );
  return sendRaw(keyless.endpoint, signed);
}

test("S3 accepts a request signed 14 minutes off and refuses one 16 minutes off, either way", async () => {
  for (const offset of [14 * MINUTE, -14 * MINUTE]) {
    const reply = await signedAgo("s3", offset);
    assert.equal(reply.status, 200, `${offset / MINUTE} min: ${reply.body}`);
  }
  for (const offset of [16 * MINUTE, -16 * MINUTE]) {
    const reply = await signedAgo("s3", offset);
    assert.equal(reply.status, 403);
    assert.equal(errorCode(reply.body), "RequestTimeTooSkewed", reply.body);
  }
});

test("RequestTimeTooSkewed names the request's time, the server's and the 900000 ms allowed", async () => {
  const signingDate = new Date(keyless.clock.now() - 20 * MINUTE);
  const signed = await signRaw(keyless.endpoint, keyless.root, "s3", REQUESTS.s3 as RawRequest, {
    signingDate,
  });
  const reply = await sendRaw(keyless.endpoint, signed);
  assert.equal(element(reply.body, "RequestTime"), signed.headers["x-amz-date"]);
  assert.equal(element(reply.body, "MaxAllowedSkewMilliseconds"), "900000");
  const serverTime = Date.parse(element(reply.body, "ServerTime") ?? "");
  assert.ok(Math.abs(serverTime - keyless.clock.now()) < 2000, `ServerTime ${serverTime}`);
});

for (const service of ["sts", "iam", "ec2"]) {
  test(`${service.toUpperCase()} allows 5 minutes: 4 off is accepted, 6 off is refused with AWS's text`, async () => {
    assert.equal((await signedAgo(service, 4 * MINUTE)).status, 200);
    assert.equal((await signedAgo(service, -4 * MINUTE)).status, 200);
    const late = await signedAgo(service, 6 * MINUTE);
    assert.equal(errorCode(late.body), "SignatureDoesNotMatch", late.body);
    assert.match(late.body, /Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z/);
    assert.doesNotMatch(late.body, /StringToSign|MaxAllowedSkew/, "only the message");
    const early = await signedAgo(service, -6 * MINUTE);
    assert.match(early.body, /Signature not yet current: \d{8}T\d{6}Z is still later than/);
  });
}

test("every reply carries the server's clock in its Date header, errors included", async () => {
  keyless.clock.advance(3 * 60 * MINUTE);
  try {
    for (const reply of [
      await signedAgo("s3", 0),
      await signedAgo("s3", 60 * MINUTE),
      await sendRaw(keyless.endpoint, { method: "GET", target: "/", headers: {}, body: "" }),
    ]) {
      const date = Date.parse(String(reply.headers.date));
      assert.ok(Math.abs(date - keyless.clock.now()) < 2000, `Date ${reply.headers.date}`);
    }
  } finally {
    keyless.clock.reset();
  }
});

test("the JS SDK corrects its clock from the Date of a skew error and then succeeds", async () => {
  keyless.clock.advance(3 * 60 * MINUTE);
  try {
    const common = {
      endpoint: keyless.endpoint,
      region: "us-east-1",
      credentials: { ...keyless.root },
      maxAttempts: 2,
    };
    const s3 = new S3Client({ ...common, forcePathStyle: true });
    await s3.send(new ListBucketsCommand({}));
    const sts = new STSClient(common);
    const who = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, "123456789012");
    const offset = await sts.config.systemClockOffset;
    assert.ok(Math.abs(offset - 3 * 60 * MINUTE) < 5000, `systemClockOffset ${offset}`);
  } finally {
    keyless.clock.reset();
  }
});
