import type { Reply } from "../../server/context.js";
import { toXml } from "../../server/xml.js";
import { EC2_CONTENT_TYPE, EC2_XMLNS } from "./constants.js";

/** `<{Action}Response xmlns=…><requestId>…</requestId>…</{Action}Response>`. */
export function ec2Reply(action: string, requestId: string, body: Record<string, unknown>): Reply {
  return {
    contentType: EC2_CONTENT_TYPE,
    body: toXml(`${action}Response`, { "@_xmlns": EC2_XMLNS, requestId, ...body }),
  };
}

/** EC2 lists are wrapper elements holding one `<item>` per entry. */
export const items = (entries: readonly unknown[]): { item: readonly unknown[] } => ({
  item: entries,
});
