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

const common = (endpoint: string, credentials: Credentials) => ({
  endpoint,
  region: "us-east-1",
  // A copy: the SDK marks the object it is given with where the credentials came from.
  credentials: { ...credentials },
  maxAttempts: 1,
});

export const clients = (endpoint: string, credentials: Credentials) => ({
  iam: new IAMClient(common(endpoint, credentials)),
  sts: new STSClient(common(endpoint, credentials)),
  ec2: new EC2Client(common(endpoint, credentials)),
  s3: new S3Client({ ...common(endpoint, credentials), forcePathStyle: true }),
});
