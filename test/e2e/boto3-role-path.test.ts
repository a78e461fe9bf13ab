// The role path with Debian's boto3 (/usr/bin/python3): its credential chain finds IMDS.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { onInstance } from "../support/processes.js";
import { CONFIG_BODY, setUpRolePath } from "../support/walkthrough.js";

let keyless: TestKeyless;
let instanceId: string;
before(async () => {
  keyless = await startKeyless();
  instanceId = await setUpRolePath(keyless);
});
after(() => keyless.stop());

test("boto3 on the instance gets the role from IMDS, reads my-app-bucket and may not write", async () => {
  const finished = await onInstance(keyless.endpoint, instanceId, [
    "/usr/bin/python3",
    "test/fixtures/role_app.py",
  ]);
  assert.equal(finished.code, 0, finished.stderr);
  const results = JSON.parse(finished.stdout);
  assert.equal(results.method, "iam-role", "boto3 should have found the instance role");
  assert.deepEqual(results.identity, {
    ok: true,
    value: `arn:aws:sts::123456789012:assumed-role/EC2S3ReadRole/${instanceId}`,
  });
  assert.deepEqual(results.list, { ok: true, value: ["config.json"] });
  assert.deepEqual(results.get, { ok: true, value: CONFIG_BODY });
  assert.deepEqual(results.put, { ok: false, code: "AccessDenied", status: 403 });
});
