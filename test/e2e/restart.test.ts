// Restarting on the same data dir keeps every user, key, role, policy, profile, instance,
// association, bucket and object: the role path and the user path work again unchanged.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { type Credentials, clients } from "../support/clients.js";
import { startKeyless } from "../support/keyless.js";
import { onInstance } from "../support/processes.js";
import { CONFIG_BODY, S3_READ_POLICY, setUpRolePath } from "../support/walkthrough.js";

test("a restart on the same data dir keeps the role path and the user path working", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "keyless-data-"));
  const first = await startKeyless({ dataDir });
  let instanceId: string;
  let userKey: Credentials;
  try {
    instanceId = await setUpRolePath(first);
    const root = clients(first.endpoint, first.root);
    await root.iam.send(new CreateUserCommand({ UserName: "reader" }));
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: "reader",
        PolicyName: "read",
        PolicyDocument: S3_READ_POLICY,
      }),
    );
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: "reader" }));
    userKey = {
      accessKeyId: AccessKey?.AccessKeyId as string,
      secretAccessKey: AccessKey?.SecretAccessKey as string,
    };
  } finally {
    await first.stop();
  }

  const second = await startKeyless({ dataDir });
  // The first server's clock was moved past the propagation delay; this one starts at real time.
  second.clock.advance(first.app.config.propagationDelayMs);
  try {
    assert.deepEqual(second.root, first.root, "root credentials are generated once per data dir");
    const reader = clients(second.endpoint, userKey);
    const who = await reader.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, "arn:aws:iam::123456789012:user/reader");
    const got = await reader.s3.send(
      new GetObjectCommand({ Bucket: "my-app-bucket", Key: "config.json" }),
    );
    assert.equal(await got.Body?.transformToString(), CONFIG_BODY);

    const finished = await onInstance(second.endpoint, instanceId, [
      process.execPath,
      "test/fixtures/role-app.mjs",
    ]);
    assert.equal(finished.code, 0, finished.stderr);
    const results = JSON.parse(finished.stdout);
    assert.equal(
      results.identity.value?.Arn,
      `arn:aws:sts::123456789012:assumed-role/EC2S3ReadRole/${instanceId}`,
    );
    assert.deepEqual(results.get, { ok: true, value: CONFIG_BODY });
    assert.equal(results.put.name, "AccessDenied");
  } finally {
    await second.stop();
  }
});
