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
