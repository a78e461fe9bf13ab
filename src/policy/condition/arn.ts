// ArnEquals / ArnLike (identical) and their negations. Each of the six colon-delimited parts of
// the ARN is matched on its own, so a `*` never crosses a `:` between parts; the last part (the
// resource) keeps any further colons.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN

import { compileGlob, type GlobMatcher } from "../glob.js";
import { hasVariables, parseTemplate, resolvePieces, type TemplatePiece } from "../variables.js";
import type { ValueTest } from "./value-test.js";

const ARN_PARTS = 6;

/** Splits at the first five colons (outside `${...}`), or undefined for fewer than six parts. */
export function splitArn(text: string, skipVariables = false): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length && parts.length < ARN_PARTS - 1; i++) {
    if (skipVariables && text[i] === "$" && text[i + 1] === "{") {
      const close = text.indexOf("}", i);
      if (close > 0) i = close;
      continue;
    }
    if (text[i] === ":") {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length < ARN_PARTS - 1) return undefined;
  parts.push(text.slice(start));
  return parts;
}

type ArnPattern =
  | { parts: TemplatePiece[][]; constant: GlobMatcher[] | undefined }
  | { whole: TemplatePiece[] };

function compilePattern(value: string, variables: boolean): ArnPattern {
  const parts = splitArn(value, variables);
  // A pattern that is not an ARN (such as "*") is matched against the whole value.
  if (parts === undefined) {
    return { whole: parseTemplate(value, { variables, wildcards: true }) };
  }
  const pieces = parts.map((part) => parseTemplate(part, { variables, wildcards: true }));
  const constant = pieces.some(hasVariables)
    ? undefined
    : pieces.map((part) => compileGlob(part as string[]));
  return { parts: pieces, constant };
}

export function arnTest(values: readonly string[], variables: boolean): ValueTest {
  const patterns = values.map((value) => compilePattern(value, variables));

  return function testArnLike(requestValue, context) {
    const requestParts = splitArn(requestValue);
    for (const pattern of patterns) {
      if ("whole" in pattern) {
        const resolved = resolvePieces(pattern.whole, context);
        if (resolved !== undefined && compileGlob(resolved)(requestValue)) return true;
        continue;
      }
      if (requestParts === undefined) continue;
      let matchers = pattern.constant;
      if (matchers === undefined) {
        const resolved = pattern.parts.map((part) => resolvePieces(part, context));
        if (resolved.some((part) => part === undefined)) continue;
        matchers = resolved.map((part) => compileGlob(part ?? []));
      }
      if (matchers.every((matches, i) => matches(requestParts[i] as string))) return true;
    }
    return false;
  };
}
