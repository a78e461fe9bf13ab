// Numeric and Date operators compare numbers: a date is milliseconds since the epoch, written in
// the policy or the request as ISO 8601 or as epoch seconds.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date

import type { Comparison } from "./operators.js";
import { parsedValueTest, type ValueTest } from "./value-test.js";

const COMPARE: Record<Comparison, (request: number, policy: number) => boolean> = {
  eq: (request, policy) => request === policy,
  lt: (request, policy) => request < policy,
  lte: (request, policy) => request <= policy,
  gt: (request, policy) => request > policy,
  gte: (request, policy) => request >= policy,
};

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const EPOCH_SECONDS = /^\s*-?\d+(\.\d+)?\s*$/;

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export function numericTest(
  values: readonly string[],
  variables: boolean,
  comparison: Comparison,
): ValueTest {
  return parsedValueTest(values, variables, parseNumber, parseNumber, COMPARE[comparison]);
}

export function dateTest(
  values: readonly string[],
  variables: boolean,
  comparison: Comparison,
): ValueTest {
  return parsedValueTest(values, variables, parseDate, parseDate, COMPARE[comparison]);
}
