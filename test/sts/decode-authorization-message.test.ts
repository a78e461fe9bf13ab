// EC2 denials carry an encoded message that only sts:DecodeAuthorizationMessage can read.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { RunInstancesCommand } from "@aws-sdk/client-ec2";
import { DecodeAuthorizationMessageCommand } from "@aws-sdk/client-sts";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { userWithKey } from "../support/principals.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

test("an EC2 denial decodes to the decision, the principal, the action and the context", async () => {
  const intern = clients(
    keyless.endpoint,
    await userWithKey(keyless.endpoint, keyless.root, "intern"),
  );
  const error = await intern.ec2
    .send(new RunInstancesCommand({ ImageId: "ami-0abcdef1234567890", MinCount: 1, MaxCount: 1 }))
    .then(
      () => assert.fail("RunInstances should have been denied"),
      (e: Error) => e,
    );
  assert.equal(error.name, "UnauthorizedOperation");
  const encoded = /Encoded authorization failure message: (\S+)/.exec(error.message)?.[1];
  assert.ok(encoded, `no encoded message in: ${error.message}`);

  const root = clients(keyless.endpoint, keyless.root);
  const { DecodedMessage } = await root.sts.send(
    new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }),
  );
  const decoded = JSON.parse(DecodedMessage ?? "{}");
  assert.equal(decoded.allowed, false);
  assert.equal(decoded.explicitDeny, false);
  assert.equal(decoded.context.action, "ec2:RunInstances");
  assert.equal(decoded.context.principal.arn, "arn:aws:iam::123456789012:user/intern");
  assert.match(decoded.context.resource, /^arn:aws:ec2:us-east-1:123456789012:instance\//);
  const keys = decoded.context.conditions.items.map((item: { key: string }) => item.key);
  assert.ok(keys.includes("aws:principalarn"), `context keys: ${keys}`);

  await assert.rejects(
    intern.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })),
    {
      name: "AccessDenied",
    },
  );
  const tampered = `${encoded.slice(0, -2)}${encoded.endsWith("A") ? "B" : "A"}A`;
  await assert.rejects(
    root.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: tampered })),
    {
      name: "InvalidAuthorizationMessageException",
    },
  );
});
