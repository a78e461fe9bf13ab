// IAM list pagination: MaxItems (1..1000, default 100) and an opaque Marker.
import { AwsError } from "../../errors/aws-error.js";
import type { Params } from "../query/params.js";

export function paginate<T>(p: Params, items: readonly T[]) {
  const maxItems = p.integer("MaxItems", 1, 1000) ?? 100;
  const marker = p.optional("Marker");
  const start = marker === undefined ? 0 : Number(Buffer.from(marker, "base64url").toString());
  if (!Number.isInteger(start) || start < 0) {
    throw new AwsError("ValidationError", "Invalid Marker: pass the Marker of the previous page.");
  }
  const end = start + maxItems;
  const truncated = end < items.length;
  return {
    items: items.slice(start, end),
    marker: truncated
      ? { IsTruncated: true, Marker: Buffer.from(String(end)).toString("base64url") }
      : { IsTruncated: false },
  };
}
