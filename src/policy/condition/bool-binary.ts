// Bool compares "true"/"false" (case-insensitively); BinaryEquals compares bytes written as
// base-64 in both the policy and the request.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals

import { parsedValueTest, type ValueTest } from "./value-test.js";

function parseBool(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base-64 text in canonical form (so padding and line breaks do not matter). */
function parseBinary(text: string): string | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!BASE64.test(compact)) return undefined;
  return Buffer.from(compact, "base64").toString("base64");
}

export function boolTest(values: readonly string[], variables: boolean): ValueTest {
  return parsedValueTest(values, variables, parseBool, parseBool, (a, b) => a === b);
}

export function binaryTest(values: readonly string[], variables: boolean): ValueTest {
  return parsedValueTest(values, variables, parseBinary, parseBinary, (a, b) => a === b);
}
