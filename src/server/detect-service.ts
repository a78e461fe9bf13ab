// Which AWS service a request is for. A signed request names it in its credential scope; an
// unsigned Query request names its API version; anything else is S3.
import { AwsError } from "../errors/aws-error.js";
import type { ServiceName } from "./context.js";

/** The one API version each Query service answers (its API Reference's). */
export const API_VERSION = { iam: "2010-05-08", sts: "2011-06-15", ec2: "2016-11-15" } as const;

const QUERY_VERSIONS: Record<string, ServiceName> = Object.fromEntries(
  Object.entries(API_VERSION).map(([service, version]) => [version, service as ServiceName]),
);

/**
 * IAM and STS look an operation up by action and version, so another version finds none:
 * "Could not find operation X for version Y" (InvalidAction). Without a Version parameter the
 * operation is looked up in the current version.
 */
export function unknownOperation(service: "iam" | "sts", action: string, version: string | null) {
  return new AwsError(
    "InvalidAction",
    `Could not find operation ${action} for version ${version ?? API_VERSION[service]}`,
  );
}

export const SERVICES: readonly ServiceName[] = ["iam", "sts", "ec2", "s3"];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICES as readonly string[]).includes(name);
}

export function serviceOfVersion(version: string | null): ServiceName {
  return QUERY_VERSIONS[version ?? ""] ?? "iam";
}

/**
 * True when the request's signature is an S3 one: a SigV4 credential scope naming s3, in the
 * Authorization header or X-Amz-Credential, or any SigV2 signature (only S3 takes those here).
 * Read before the body, so that an S3 body sent with a form content type (curl's default for
 * --data) is left for S3 rather than read as a Query request's parameters.
 */
export function signedForS3(authorization: string | undefined, query: URLSearchParams): boolean {
  if (authorization?.startsWith("AWS ")) return true;
  const credential =
    /Credential=([^,\s]+)/.exec(authorization ?? "")?.[1] ?? query.get("X-Amz-Credential");
  if (credential) return credential.split("/")[3] === "s3";
  return query.has("AWSAccessKeyId");
}
