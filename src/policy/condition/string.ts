// StringEquals, StringEqualsIgnoreCase and StringLike (and their negations, applied by the block).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String

import { compileGlob, type GlobMatcher } from "../glob.js";
import {
  hasVariables,
  parseTemplate,
  piecesText,
  resolvePieces,
  type TemplatePiece,
} from "../variables.js";
import type { ValueTest } from "./value-test.js";

/** Exact, case-sensitive equality with any value. */
export function stringEqualsTest(values: readonly string[], variables: boolean): ValueTest {
  return textEqualsTest(values, variables, (text) => text);
}

/** Equality ignoring case. */
export function stringEqualsIgnoreCaseTest(
  values: readonly string[],
  variables: boolean,
): ValueTest {
  return textEqualsTest(values, variables, (text) => text.toLowerCase());
}

function textEqualsTest(
  values: readonly string[],
  variables: boolean,
  fold: (text: string) => string,
): ValueTest {
  const constants = new Set<string>();
  const templates: TemplatePiece[][] = [];
  for (const value of values) {
    const pieces = parseTemplate(value, { variables, wildcards: false });
    if (hasVariables(pieces)) templates.push(pieces);
    else constants.add(fold(piecesText(pieces as string[])));
  }

  if (templates.length === 0) {
    return function testStringEquals(requestValue) {
      return constants.has(fold(requestValue));
    };
  }
  return function testStringEqualsWithVariables(requestValue, context) {
    const folded = fold(requestValue);
    if (constants.has(folded)) return true;
    for (const template of templates) {
      const resolved = resolvePieces(template, context);
      if (resolved !== undefined && fold(piecesText(resolved)) === folded) return true;
    }
    return false;
  };
}

/** Case-sensitive match with `*` and `?` wildcards. */
export function stringLikeTest(values: readonly string[], variables: boolean): ValueTest {
  const constants: GlobMatcher[] = [];
  const templates: TemplatePiece[][] = [];
  for (const value of values) {
    const pieces = parseTemplate(value, { variables, wildcards: true });
    if (hasVariables(pieces)) templates.push(pieces);
    else constants.push(compileGlob(pieces as string[]));
  }

  return function testStringLike(requestValue, context) {
    for (const matches of constants) if (matches(requestValue)) return true;
    for (const template of templates) {
      const resolved = resolvePieces(template, context);
      if (resolved !== undefined && compileGlob(resolved)(requestValue)) return true;
    }
    return false;
  };
}
