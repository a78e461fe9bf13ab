// Shared setup of the IAM tests: documents, a user with a key, and error assertions.
import assert from "node:assert/strict";
import { CreateAccessKeyCommand, CreateUserCommand } from "@aws-sdk/client-iam";
import { type Credentials, clients } from "../support/clients.js";

export const ACCOUNT = "123456789012";

export const policyArnOf = (name: string, path = "/") =>
  `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

export const awsPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/** An identity policy allowing actions on resources (every resource by default). */
export const allow = (action: string | string[], resource: string | string[] = "*") =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: resource }],
  });

export type Clients = ReturnType<typeof clients>;

/** Creates a user (optionally with a boundary) and an access key; returns its clients. */
export async function userWithKey(
  endpoint: string,
  root: Clients,
  userName: string,
  permissionsBoundary?: string,
): Promise<Clients & { credentials: Credentials }> {
  await root.iam.send(
    new CreateUserCommand({
      UserName: userName,
      ...(permissionsBoundary ? { PermissionsBoundary: permissionsBoundary } : {}),
    }),
  );
  const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  const credentials = {
    accessKeyId: AccessKey?.AccessKeyId as string,
    secretAccessKey: AccessKey?.SecretAccessKey as string,
  };
  return { ...clients(endpoint, credentials), credentials };
}

/** Asserts that a call fails with this SDK error name and, when given, a matching message. */
export async function rejects(
  promise: Promise<unknown>,
  name: string,
  message?: RegExp | string,
): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, `error ${error.name}: ${error.message}`);
    if (typeof message === "string") assert.equal(error.message, message, `message`);
    else if (message) assert.match(error.message, message, `message ${error.message}`);
    return true;
  });
}

/** A document of about `size` characters without white space, valid as an identity policy. */
export function documentOfSize(size: number): string {
  const base = allow("s3:ListBucket", "arn:aws:s3:::");
  const padding = size - base.length;
  return allow("s3:ListBucket", `arn:aws:s3:::${"x".repeat(Math.max(0, padding))}`);
}
