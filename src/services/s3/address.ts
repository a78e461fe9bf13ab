// Which bucket and key a request names. S3 takes the bucket from the Host header
// (virtual-hosted style) or from the first path segment (path style); the key is the rest of
// the path, percent-decoded once and never normalised: "a//b", "./x" and "../y" are keys as
// written (Amazon S3 User Guide, "Virtual hosting of buckets" and "Naming objects").
import { isIP } from "node:net";
import { AwsError } from "../../errors/aws-error.js";
import { MAX_KEY_BYTES } from "./constants.js";

export interface S3Address {
  /** Absent for the service itself (ListBuckets). */
  bucket?: string;
  /** Absent for a bucket; "/bucket/" names the bucket too, as on S3. */
  key?: string;
}

/**
 * The bucket a Host header names, if any: "bucket.s3.localhost:4566", "bucket.localhost",
 * "my.bucket.s3.us-east-1.amazonaws.com" or "bucket.<configured host>". An IP address,
 * "localhost", the configured host and "s3.…" endpoints name no bucket.
 */
export function bucketFromHost(
  host: string | undefined,
  configuredHost: string,
): string | undefined {
  if (!host) return undefined;
  const name = stripPort(host).toLowerCase();
  if (isIP(name) !== 0 || name === "localhost" || name === configuredHost) return undefined;

  // Greedy, so that a bucket whose name holds ".s3." keeps it: the last ".s3." or ".s3-"
  // (legacy "s3-region" endpoints) starts the service endpoint.
  const s3 = /^(.+)\.s3[.-]/.exec(name);
  if (s3) return s3[1];
  // "s3.localhost", "s3.us-east-1.amazonaws.com": the service endpoint itself.
  if (name.startsWith("s3.") || name.startsWith("s3-")) return undefined;
  if (name.endsWith(".localhost")) return name.slice(0, -".localhost".length);
  if (name.endsWith(`.${configuredHost}`)) return name.slice(0, -configuredHost.length - 1);
  return undefined;
}

function stripPort(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

/** Splits the raw path (without its query) into bucket and key. */
export function parseAddress(rawPath: string, hostBucket: string | undefined): S3Address {
  const path = rawPath.split("?", 1)[0] ?? "";
  const rest = path.startsWith("/") ? path.slice(1) : path;

  if (hostBucket !== undefined) return withKey({ bucket: hostBucket }, rest);
  if (rest === "") return {};
  const slash = rest.indexOf("/");
  if (slash === -1) return { bucket: decode(rest) };
  return withKey({ bucket: decode(rest.slice(0, slash)) }, rest.slice(slash + 1));
}

function withKey(address: { bucket: string }, rawKey: string): S3Address {
  if (rawKey === "") return address;
  const key = decode(rawKey);
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) {
    throw new AwsError("KeyTooLongError", undefined, {
      fields: {
        Size: String(Buffer.byteLength(key, "utf8")),
        MaxSizeAllowed: String(MAX_KEY_BYTES),
      },
    });
  }
  return { bucket: address.bucket, key };
}

/** Percent-decoding once; "+" stays a plus sign in a path (it means a space only in a query). */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AwsError("InvalidURI");
  }
}
