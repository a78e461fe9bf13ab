// Request context from IAM SimulateCustomPolicy ContextEntries ({key, type, values}), for the
// conformance cases and for IAM's simulation API.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ContextEntry.html

import type { ContextValues } from "./types.js";

export type ContextKeyType =
  | "string"
  | "stringList"
  | "numeric"
  | "numericList"
  | "boolean"
  | "booleanList"
  | "ip"
  | "ipList"
  | "binary"
  | "binaryList"
  | "date"
  | "dateList";

export interface ContextEntry {
  key: string;
  type: ContextKeyType | string;
  values: readonly string[];
}

const IAM_USER = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/;

/**
 * Converts entries into ContextValues. Booleans are lowercased and epoch-second dates become ISO
 * 8601, so the engine sees one spelling. `aws:username` is taken from an IAM user caller ARN (the
 * friendly name, without the path) unless an entry sets it.
 */
export function contextFromEntries(
  entries: readonly ContextEntry[],
  callerArn?: string,
): ContextValues {
  const context = new Map<string, readonly string[]>();
  for (const entry of entries) {
    const type = entry.type.replace(/List$/, "");
    context.set(
      entry.key,
      entry.values.map((value) => normalise(type, value)),
    );
  }

  const user = callerArn === undefined ? undefined : IAM_USER.exec(callerArn);
  const hasUsername = [...context.keys()].some((key) => key.toLowerCase() === "aws:username");
  if (user && !hasUsername) context.set("aws:username", [user[1] as string]);
  return context;
}

function normalise(type: string, value: string): string {
  if (type === "boolean") return value.trim().toLowerCase();
  if (type === "date" && /^\d+$/.test(value.trim())) {
    return new Date(Number(value.trim()) * 1000).toISOString();
  }
  return value;
}
