// The walk-through this project exists for, with the JS SDK v3: an application on an instance
// reads S3 through the instance role, with no key anywhere in its environment.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { cleanEnv, keyless as keylessCli, onInstance } from "../support/processes.js";
import { CONFIG_BODY, setUpRolePath } from "../support/walkthrough.js";

let keyless: TestKeyless;
let instanceId: string;
before(async () => {
  keyless = await startKeyless();
  instanceId = await setUpRolePath(keyless);
});
after(() => keyless.stop());

test("code under keyless exec reads my-app-bucket as the instance role and may not write", async () => {
  const finished = await onInstance(keyless.endpoint, instanceId, [
    process.execPath,
    "test/fixtures/role-app.mjs",
  ]);
  assert.equal(finished.code, 0, finished.stderr);
  const results = JSON.parse(finished.stdout);

  assert.deepEqual(results.identity, {
    ok: true,
    value: {
      Arn: `arn:aws:sts::123456789012:assumed-role/EC2S3ReadRole/${instanceId}`,
      UserId: results.identity.value?.UserId,
      Account: "123456789012",
    },
  });
  assert.match(results.identity.value.UserId, new RegExp(`^AROA[A-Z2-7]{17}:${instanceId}$`));
  assert.match(results.accessKeyId, /^ASIA/, "the SDK should have used a session key from IMDS");
  assert.deepEqual(results.list, { ok: true, value: ["config.json"] });
  assert.deepEqual(results.get, { ok: true, value: CONFIG_BODY });
  assert.equal(results.put.ok, false, "PutObject must be denied");
  assert.equal(results.put.name, "AccessDenied");
  assert.equal(results.put.status, 403);
  assert.match(
    results.put.message,
    new RegExp(
      `assumed-role/EC2S3ReadRole/${instanceId} is not authorized to perform: s3:PutObject`,
    ),
  );
});

test("keyless exec warns loudly when a static key in the environment would win over the role", async () => {
  const finished = await onInstance(
    keyless.endpoint,
    instanceId,
    [process.execPath, "test/fixtures/role-app.mjs"],
    cleanEnv({
      AWS_ACCESS_KEY_ID: keyless.root.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keyless.root.secretAccessKey,
    }),
  );
  assert.match(finished.stderr, /WARNING: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY are set/);
  const results = JSON.parse(finished.stdout);
  assert.equal(results.accessKeyId, keyless.root.accessKeyId, "the SDK should prefer the env key");
});

test("keyless env prints the instance's metadata endpoint with a trailing slash", async () => {
  const finished = await keylessCli(
    ["env", "--instance", instanceId, "--endpoint", keyless.endpoint],
    cleanEnv(),
  );
  assert.equal(finished.code, 0, finished.stderr);
  assert.match(
    finished.stdout,
    /^export AWS_EC2_METADATA_SERVICE_ENDPOINT=http:\/\/127\.0\.0\.1:\d+\/$/m,
  );
  assert.match(finished.stdout, new RegExp(`^export AWS_ENDPOINT_URL=${keyless.endpoint}$`, "m"));
  assert.match(finished.stdout, /^export AWS_REGION=us-east-1$/m);
  assert.match(
    finished.stdout,
    /^export AWS_DEFAULT_REGION=us-east-1$/m,
    "for boto3 1.26 and CLI v1",
  );
});
