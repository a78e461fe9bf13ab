// Which AWS service a request is for. A signed request names it in its credential scope; an
// unsigned Query request names its API version; anything else is S3.
import type { ServiceName } from "./context.js";

const QUERY_VERSIONS: Record<string, ServiceName> = {
  "2010-05-08": "iam",
  "2011-06-15": "sts",
  "2016-11-15": "ec2",
};

export const SERVICES: readonly ServiceName[] = ["iam", "sts", "ec2", "s3"];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICES as readonly string[]).includes(name);
}

export function serviceOfVersion(version: string | null): ServiceName {
  return QUERY_VERSIONS[version ?? ""] ?? "iam";
}
