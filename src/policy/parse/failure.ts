// A parse step returns either its value or a Failure; nothing in the parser throws.

import type { PolicyProblem } from "../types.js";

export class Failure {
  constructor(
    readonly message: string,
    readonly code: PolicyProblem["code"] = "MalformedPolicyDocument",
  ) {}

  toProblem(): PolicyProblem {
    return { code: this.code, message: this.message };
  }
}

export function isFailure(value: unknown): value is Failure {
  return value instanceof Failure;
}

/** A JSON string or array of strings as an array; a Failure for any other shape. */
export function stringList(value: unknown, failure: Failure): string[] | Failure {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return failure;
  for (const item of value) if (typeof item !== "string") return failure;
  return value as string[];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
