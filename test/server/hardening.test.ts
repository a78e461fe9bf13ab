// What a hostile or broken client meets: no crash, no half-written state, an AWS error it can act
// on, and no secret in the logs.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PutUserPolicyCommand } from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { GetAccessKeyInfoCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { clients, wrongSecret } from "../support/clients.js";
import { postClock } from "../support/clock-api.js";
import { startKeyless } from "../support/keyless.js";
import { userWithKey } from "../support/principals.js";
import { errorCode, sendRaw, signRaw } from "../support/sign.js";

test("a clock move out of range is refused and the server keeps answering", async () => {
  const keyless = await startKeyless();
  try {
    const body = JSON.stringify({ advance: "9999999999h" });
    const moved = await postClock(keyless.endpoint, keyless.root, body);
    assert.equal(moved.status, 400, await moved.clone().text());
    assert.match(
      ((await moved.json()) as { message: string }).message,
      /from 2000-01-01 to 2199-12-31/,
    );
    const health = await fetch(new URL("/_keyless/health", keyless.endpoint));
    assert.equal(health.status, 200);
  } finally {
    await keyless.stop();
  }
});

test("a clock change with any bad part is a 400 that changes nothing, whatever JSON it is", async () => {
  const keyless = await startKeyless();
  try {
    const url = new URL("/_keyless/clock", keyless.endpoint);
    const post = (body: string) => postClock(keyless.endpoint, keyless.root, body);
    const bodies: [string, RegExp][] = [
      ['{"set":"2030-01-01T00:00:00Z","advance":"bogus"}', /"bogus" is not a duration/],
      ["null", /is a JSON object/],
      ["[1]", /is a JSON object/],
      ['{"advance":5}', /"advance" takes a string/],
      ['{"set":5}', /"set" takes a string/],
      ['{"freeze":"no"}', /"freeze" takes a boolean/],
      ['{"freeze":true,"advance":5}', /"advance" takes a string/],
      ['{"reset":true,"set":"2030-01-01T00:00:00Z"}', /cannot be combined/],
      ['{"travel":"2h"}', /"travel" is not a clock change/],
      ['{"constructor":"x"}', /"constructor" is not a clock change/],
      ['{"set":"2027"}', /"2027" is not an ISO 8601 time/],
      ['{"set":"Jan 1 2030"}', /is not an ISO 8601 time/],
      ['{"set":"2030-01-01T00:00:00"}', /is not an ISO 8601 time/],
    ];
    for (const [body, message] of bodies) {
      const refused = await post(body);
      assert.equal(refused.status, 400, body);
      assert.match(((await refused.json()) as { message: string }).message, message, body);
    }
    const reading = (await (await fetch(url)).json()) as { offsetMs: number; frozen: boolean };
    assert.ok(Math.abs(reading.offsetMs) < 60_000, `offset ${reading.offsetMs} ms`);
    assert.equal(reading.frozen, false);

    const put = await fetch(url, { method: "PUT", body: '{"advance":"1h"}' });
    assert.equal(put.status, 405);

    const moved = await post('{"set":"2030-01-01T00:00:00Z","advance":"2h","freeze":true}');
    assert.equal(moved.status, 200);
    assert.equal(((await moved.json()) as { now: string }).now, "2030-01-01T02:00:00.000Z");
  } finally {
    await keyless.stop();
  }
});

test("a header section over node's limit is S3's 400 RequestHeaderSectionTooLarge, and the server keeps answering", async () => {
  const keyless = await startKeyless();
  try {
    const { s3 } = clients(keyless.endpoint, keyless.root);
    await s3.send(new CreateBucketCommand({ Bucket: "headers" }));
    await assert.rejects(
      s3.send(
        new PutObjectCommand({
          Bucket: "headers",
          Key: "k",
          Body: "x",
          Metadata: { big: "a".repeat(20_000) },
        }),
      ),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, "RequestHeaderSectionTooLarge", error.message);
        assert.equal(error.$metadata?.httpStatusCode, 400);
        return true;
      },
    );
    const health = await fetch(new URL("/_keyless/health", keyless.endpoint));
    assert.equal(health.status, 200);
  } finally {
    await keyless.stop();
  }
});

test("a denied PUT that expects 100-continue gets its 403 before sending the body", async () => {
  const keyless = await startKeyless();
  try {
    await clients(keyless.endpoint, keyless.root).s3.send(
      new CreateBucketCommand({ Bucket: "guarded" }),
    );
    const nobody = await userWithKey(keyless.endpoint, keyless.root, "nobody");
    const signed = await signRaw(keyless.endpoint, nobody, "s3", {
      method: "PUT",
      path: "/guarded/big.bin",
      headers: {
        "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
        "content-length": "5000000",
        expect: "100-continue",
      },
    });
    const url = new URL(keyless.endpoint);
    const outcome = await new Promise<string>((resolve, reject) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        method: "PUT",
        path: signed.target,
        headers: signed.headers,
      });
      req.on("continue", () => resolve("continue"));
      req.on("response", (res) => resolve(`response ${res.statusCode}`));
      req.on("error", reject);
      req.flushHeaders();
    });
    assert.equal(outcome, "response 403");
  } finally {
    await keyless.stop();
  }
});

test("a form body over 1 MiB is refused with 413 and the connection stays usable", async () => {
  const keyless = await startKeyless();
  try {
    const body = `Action=ListUsers&Version=2010-05-08&Padding=${"x".repeat(2 * 1024 * 1024)}`;
    const signed = await signRaw(keyless.endpoint, keyless.root, "iam", {
      method: "POST",
      path: "/",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body,
    });
    const response = await sendRaw(keyless.endpoint, signed);
    assert.equal(response.status, 413, response.body.slice(0, 300));
    assert.equal(errorCode(response.body), "ValidationError");
    const health = await fetch(new URL("/_keyless/health", keyless.endpoint));
    assert.equal(health.status, 200);
  } finally {
    await keyless.stop();
  }
});

test("a policy document longer than 131,072 characters is a ValidationError, whitespace included", async () => {
  const keyless = await startKeyless();
  try {
    await userWithKey(keyless.endpoint, keyless.root, "padded");
    const document = `{"Version":"2012-10-17",${" ".repeat(140_000)}"Statement":[]}`;
    await assert.rejects(
      clients(keyless.endpoint, keyless.root).iam.send(
        new PutUserPolicyCommand({ UserName: "padded", PolicyName: "p", PolicyDocument: document }),
      ),
      (error: Error) => {
        assert.equal(error.name, "ValidationError");
        assert.match(error.message, /less than or equal to 131072/);
        return true;
      },
    );
  } finally {
    await keyless.stop();
  }
});

test("an S3 body of unknown length is MissingContentLength", async () => {
  const keyless = await startKeyless();
  try {
    await clients(keyless.endpoint, keyless.root).s3.send(
      new CreateBucketCommand({ Bucket: "lengths" }),
    );
    const signed = await signRaw(keyless.endpoint, keyless.root, "s3", {
      method: "PUT",
      path: "/lengths/k",
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "transfer-encoding": "chunked" },
      body: "hello",
    });
    const response = await sendRaw(keyless.endpoint, signed);
    assert.equal(response.status, 411, response.body);
    assert.equal(errorCode(response.body), "MissingContentLength");
  } finally {
    await keyless.stop();
  }
});

test("uploads left half-written by a killed process are swept at the next start", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "keyless-sweep-"));
  const first = await startKeyless({ dataDir });
  await first.stop();
  mkdirSync(join(dataDir, "objects", "tmp"), { recursive: true });
  writeFileSync(join(dataDir, "objects", "tmp", "abandoned.part"), "half an object");
  const second = await startKeyless({ dataDir });
  try {
    const left = readdirSync(join(dataDir, "objects")).includes("tmp")
      ? readdirSync(join(dataDir, "objects", "tmp"))
      : [];
    assert.deepEqual(left, [], "partial uploads survived the restart");
  } finally {
    await second.stop();
  }
});

test("a session token never reaches the log, even at debug level with a bad signature", async () => {
  const keyless = await startKeyless({ logLevel: "debug" });
  try {
    // A real session's key and token, so the token is accepted and the signature is what fails.
    const { Credentials: session } = await clients(keyless.endpoint, keyless.root).sts.send(
      new GetSessionTokenCommand({}),
    );
    const token = session?.SessionToken as string;
    const forged = wrongSecret({
      accessKeyId: session?.AccessKeyId as string,
      secretAccessKey: session?.SecretAccessKey as string,
      sessionToken: token,
    });
    const signed = await signRaw(keyless.endpoint, forged, "s3", {
      method: "GET",
      path: "/",
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    });
    const response = await sendRaw(keyless.endpoint, signed);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
    assert.ok(!response.body.includes(token), "the token was echoed in the error document");
    // S3 also lists what it signed as hex bytes: those must not spell the token out either.
    const spelled = [...response.body.matchAll(/<\w+Bytes>([0-9a-f ]*)</g)].map((bytes) =>
      Buffer.from((bytes[1] ?? "").replaceAll(" ", ""), "hex").toString("utf8"),
    );
    assert.equal(spelled.length, 2, "StringToSignBytes and CanonicalRequestBytes");
    for (const text of spelled) assert.ok(!text.includes(token), "the token was spelled in hex");
    const mismatch = keyless.logs.find((line) => line.msg === "signature mismatch");
    assert.match(String(mismatch?.canonicalRequest), /x-amz-security-token:<redacted>/);
    const logged = JSON.stringify(keyless.logs);
    assert.ok(!logged.includes(token), "the session token was logged");
    for (const secret of [session?.SecretAccessKey as string, keyless.root.secretAccessKey]) {
      assert.ok(!logged.includes(secret), "a secret key was logged");
    }
  } finally {
    await keyless.stop();
  }
});

test("a session token given where an access key id belongs is not quoted back, logged or trailed", async () => {
  const keyless = await startKeyless();
  try {
    const sts = clients(keyless.endpoint, keyless.root).sts;
    const { Credentials: session } = await sts.send(new GetSessionTokenCommand({}));
    const token = session?.SessionToken as string;
    const refused = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: token })).then(
      () => assert.fail("GetAccessKeyInfo took a session token as a key id"),
      (error: Error) => error,
    );
    assert.equal(refused.name, "ValidationError");
    assert.match(refused.message, /Value '<redacted>' at 'accessKeyId'/);
    const trail = await (await fetch(`${keyless.endpoint}/_keyless/trail?limit=1000`)).text();
    assert.ok(trail.includes("ValidationError"), "the refused call is in the trail");
    assert.ok(!trail.includes(token), "the session token is in the trail");
    assert.ok(!JSON.stringify(keyless.logs).includes(token), "the session token was logged");
  } finally {
    await keyless.stop();
  }
});

test("an x-amz-* header added after signing is refused with HeadersNotSigned, and nothing is stored", async () => {
  const keyless = await startKeyless();
  try {
    const s3 = clients(keyless.endpoint, keyless.root).s3;
    await s3.send(new CreateBucketCommand({ Bucket: "signed-only" }));
    const signed = await signRaw(keyless.endpoint, keyless.root, "s3", {
      method: "PUT",
      path: "/signed-only/k",
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      body: "data",
    });
    const injected = { ...signed, headers: { ...signed.headers, "x-amz-meta-injected": "yes" } };
    const response = await sendRaw(keyless.endpoint, injected);
    assert.equal(response.status, 403, response.body);
    assert.match(response.body, /<HeadersNotSigned>x-amz-meta-injected<\/HeadersNotSigned>/);
    await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: "signed-only", Key: "k" })));
  } finally {
    await keyless.stop();
  }
});

test("a client that hangs up in the middle of a download is not logged as an internal error", async () => {
  const keyless = await startKeyless();
  try {
    const { s3 } = clients(keyless.endpoint, keyless.root);
    await s3.send(new CreateBucketCommand({ Bucket: "downloads" }));
    await s3.send(
      new PutObjectCommand({ Bucket: "downloads", Key: "big", Body: Buffer.alloc(8 << 20, 1) }),
    );
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: "downloads", Key: "big" }));
    await new Promise<void>((resolve, reject) => {
      const req = request(url, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => undefined);
      req.on("close", resolve);
      req.end();
      setTimeout(() => reject(new Error("no data came")), 10_000).unref();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const internal = keyless.logs.filter((line) => line.msg === "internal error");
    assert.deepEqual(internal, [], "a hang-up logged as our fault");
  } finally {
    await keyless.stop();
  }
});
