// What every S3 test file shares: a keyless of its own, the real SDK client of its root user,
// fresh bucket names, and one way to check an error the SDK raised.
import assert from "node:assert/strict";
import { Agent } from "node:http";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type Credentials, clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";

export interface S3Fixture {
  keyless: TestKeyless;
  s3: S3Client;
}

export async function startS3(): Promise<S3Fixture> {
  const keyless = await startKeyless({ logLevel: "info" });
  return { keyless, s3: clients(keyless.endpoint, keyless.root).s3 };
}

/** Whether HeadObject finds the key: for checking that a refused write stored nothing. */
export const objectExists = (s3: S3Client, Bucket: string, Key: string): Promise<boolean> =>
  s3.send(new HeadObjectCommand({ Bucket, Key })).then(
    () => true,
    () => false,
  );

let counter = 0;

/** A bucket name no other test in the process uses. */
export const freshBucket = (label: string): string => `${label}-${process.pid}-${++counter}`;

type SdkError = Error & { $metadata?: { httpStatusCode?: number }; $response?: unknown };

/**
 * Awaits a rejection and checks its error code and HTTP status. A bodiless reply (HEAD) has no
 * code; the SDK names those by status only where the operation models one (NotFound), so pass
 * undefined to check the status alone.
 */
export async function rejectsWith(
  promise: Promise<unknown>,
  name: string | undefined,
  status: number,
): Promise<SdkError> {
  let caught: SdkError | undefined;
  await assert.rejects(promise, (error: SdkError) => {
    caught = error;
    return true;
  });
  const error = caught as SdkError;
  if (name !== undefined) {
    assert.equal(error.name, name, `error name ${error.name} (${error.message})`);
  }
  assert.equal(error.$metadata?.httpStatusCode, status, `HTTP status of ${error.name}`);
  return error;
}

/**
 * A client that addresses buckets virtual-hosted style, as "bucket.s3.localhost:port", with a
 * resolver that sends every such name to the test server (no DNS entry is needed).
 */
export function virtualHostedClient(endpoint: string, credentials: Credentials): S3Client {
  const port = new URL(endpoint).port;
  const agent = new Agent({
    lookup: (_hostname, options, done) => {
      if ((options as { all?: boolean }).all) done(null, [{ address: "127.0.0.1", family: 4 }]);
      else (done as (e: null, a: string, f: number) => void)(null, "127.0.0.1", 4);
    },
  } as ConstructorParameters<typeof Agent>[0]);
  return new S3Client({
    endpoint: `http://s3.localhost:${port}`,
    region: "us-east-1",
    credentials,
    maxAttempts: 1,
    forcePathStyle: false,
    requestHandler: { httpAgent: agent },
  });
}
