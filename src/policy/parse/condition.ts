// The Condition block: { operator: { key: value or [values] } }.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html

import { readOperator } from "../condition/operators.js";
import { Failure, isObject } from "./failure.js";
import { messages } from "./messages.js";
import type { ParsedCondition } from "./parsed.js";

export function parseCondition(value: unknown): ParsedCondition[] | Failure {
  if (!isObject(value)) return new Failure(messages.conditionShape);

  const conditions: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const name = readOperator(operator);
    if (name === undefined) return new Failure(messages.conditionType(operator));
    if (!isObject(block)) return new Failure(messages.conditionShape);

    for (const [key, raw] of Object.entries(block)) {
      const values = conditionValues(raw);
      if (values === undefined || key === "") return new Failure(messages.conditionShape);
      conditions.push({
        operator,
        base: name.spec.name,
        qualifier: name.qualifier,
        ifExists: name.ifExists,
        key,
        values,
      });
    }
  }
  return conditions;
}

/** Condition values may be strings, numbers or booleans, alone or in an array. */
function conditionValues(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  for (const item of list) {
    if (typeof item === "string") values.push(item);
    else if (typeof item === "number" || typeof item === "boolean") values.push(String(item));
    else return undefined;
  }
  return values;
}
