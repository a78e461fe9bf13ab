// A statement's Condition block: AND across operators and keys, OR across a key's values, NOR
// for negated operators; set qualifiers and IfExists decide what a missing key means.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_logic_multiple_context_keys_or_values.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html

import type { ParsedCondition } from "../parse/parsed.js";
import type { RequestContext } from "../request-context.js";
import { arnTest } from "./arn.js";
import { binaryTest, boolTest } from "./bool-binary.js";
import { ipTest } from "./ip.js";
import { dateTest, numericTest } from "./numeric.js";
import { type OperatorSpec, readOperator } from "./operators.js";
import { stringEqualsIgnoreCaseTest, stringEqualsTest, stringLikeTest } from "./string.js";
import type { ValueTest } from "./value-test.js";

export interface ConditionTest {
  /** The key as written in the policy. */
  name: string;
  /** The key lowercased: condition key names are case-insensitive. */
  key: string;
  qualifier: ParsedCondition["qualifier"];
  ifExists: boolean;
  negated: boolean;
  /** For Null: the expected answers to "is the key missing?" (OR across them). */
  nullExpects: boolean[] | undefined;
  matches: ValueTest;
}

export function compileCondition(condition: ParsedCondition, variables: boolean): ConditionTest {
  const operator = readOperator(condition.operator);
  // The parser only lets known operators through.
  const spec = operator?.spec as OperatorSpec;
  const isNull = spec.family === "null";
  return {
    name: condition.key,
    key: condition.key.toLowerCase(),
    qualifier: condition.qualifier,
    ifExists: condition.ifExists,
    negated: spec.negated,
    nullExpects: isNull ? condition.values.map((v) => v.toLowerCase() === "true") : undefined,
    matches: valueTest(spec, condition.values, variables),
  };
}

function valueTest(spec: OperatorSpec, values: readonly string[], variables: boolean): ValueTest {
  switch (spec.family) {
    case "string":
      return stringEqualsTest(values, variables);
    case "stringIgnoreCase":
      return stringEqualsIgnoreCaseTest(values, variables);
    case "stringLike":
      return stringLikeTest(values, variables);
    case "numeric":
      return numericTest(values, variables, spec.comparison);
    case "date":
      return dateTest(values, variables, spec.comparison);
    case "bool":
      return boolTest(values, variables);
    case "binary":
      return binaryTest(values, variables);
    case "ip":
      return ipTest(values, variables);
    case "arn":
      return arnTest(values, variables);
    case "null":
      return noValueTest;
  }
}

function noValueTest(): boolean {
  return false;
}

/** True when every test in the block holds. */
export function conditionsHold(tests: readonly ConditionTest[], context: RequestContext): boolean {
  for (const test of tests) if (!testHolds(test, context)) return false;
  return true;
}

function testHolds(test: ConditionTest, context: RequestContext): boolean {
  const values = context.find(test.name, test.key);
  // An empty set counts as "no value" for Null and for the set qualifiers.
  const missing = values === undefined || values.length === 0;

  if (test.nullExpects !== undefined) return test.nullExpects.includes(missing);

  if (test.qualifier === "ForAllValues") {
    // True when the key is missing or empty: there is no value that fails.
    if (missing) return true;
    for (const value of values) if (valueHolds(test, value, context) === false) return false;
    return true;
  }
  if (test.qualifier === "ForAnyValue") {
    // False for a missing or empty key, IfExists or not (AWS answers "no identity-based policy
    // allows" for ForAnyValue:StringEqualsIfExists on an absent aws:TagKeys).
    if (missing) return false;
    for (const value of values) if (valueHolds(test, value, context)) return true;
    return false;
  }

  // A single-valued operator: a missing key makes a positive operator false and a negated one
  // true, unless IfExists makes the condition hold.
  if (values === undefined) return test.ifExists || test.negated;
  let any = false;
  for (const value of values) {
    if (test.matches(value, context)) {
      any = true;
      break;
    }
  }
  return test.negated ? !any : any;
}

function valueHolds(test: ConditionTest, value: string, context: RequestContext): boolean {
  const matches = test.matches(value, context);
  return test.negated ? !matches : matches;
}
