// The real AWS SDK, pointed at a benchmark's keyless (or at a bare baseline, which ignores the
// signature).
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { REGION } from "./processes.js";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

// The SDK warns once per process that its 2027 releases need Node 22; keyless targets Node 20,
// and the warning would only break up the benchmark's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// A copy of the credentials: the SDK marks the object it is given with where they came from.
const common = (endpoint: string, credentials: Credentials) => ({
  endpoint,
  region: REGION,
  credentials: { ...credentials },
  maxAttempts: 1,
});

export const s3Client = (endpoint: string, credentials: Credentials): S3Client =>
  new S3Client({ ...common(endpoint, credentials), forcePathStyle: true });

export const iamClient = (endpoint: string, credentials: Credentials): IAMClient =>
  new IAMClient(common(endpoint, credentials));
