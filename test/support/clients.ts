// The real AWS SDK for JavaScript v3, pointed at a test keyless.
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * clockOffsetMs makes the SDK sign with the server's (moved) time, as a client on a machine whose
 * clock reads that time would: keyless checks signatures against its own clock.
 */
const common = (endpoint: string, credentials: Credentials, clockOffsetMs = 0) => ({
  endpoint,
  region: "us-east-1",
  systemClockOffset: clockOffsetMs,
  // A copy: the SDK marks the object it is given with where the credentials came from.
  credentials: { ...credentials },
  maxAttempts: 1,
});

/** The same key with a secret that cannot be its own: "#" is not in a secret key's alphabet. */
export const wrongSecret = (credentials: Credentials): Credentials => ({
  ...credentials,
  secretAccessKey: `${credentials.secretAccessKey.slice(0, -1)}#`,
});

export const clients = (endpoint: string, credentials: Credentials, clockOffsetMs = 0) => ({
  iam: new IAMClient(common(endpoint, credentials, clockOffsetMs)),
  sts: new STSClient(common(endpoint, credentials, clockOffsetMs)),
  ec2: new EC2Client(common(endpoint, credentials, clockOffsetMs)),
  s3: new S3Client({ ...common(endpoint, credentials, clockOffsetMs), forcePathStyle: true }),
});
