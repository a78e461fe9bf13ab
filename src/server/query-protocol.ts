// The Query protocol's success envelope for IAM and STS: <ActionResponse><ActionResult>…
// </ActionResult><ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>.
import type { Reply } from "./context.js";
import { toXml } from "./xml.js";

export const XMLNS = {
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
} as const;

export function queryReply(
  service: keyof typeof XMLNS,
  action: string,
  result: Record<string, unknown> | undefined,
  requestId: string,
): Reply {
  const body = toXml(`${action}Response`, {
    "@_xmlns": XMLNS[service],
    ...(result ? { [`${action}Result`]: result } : {}),
    ResponseMetadata: { RequestId: requestId },
  });
  return { contentType: "text/xml", body };
}

/** A Query list: <Name><member>…</member></Name>. */
export const members = <T>(items: readonly T[]): { member: T[] } | "" =>
  items.length > 0 ? { member: [...items] } : "";

/** AWS's timestamp form in Query responses: ISO 8601 with seconds, UTC. */
