// A value test answers: does this one request value match any of the policy's values (OR across
// values)? Families build one at compile time; the block applies set qualifiers and negation.

import type { RequestContext } from "../request-context.js";
import {
  hasVariables,
  parseTemplate,
  piecesText,
  resolvePieces,
  type TemplatePiece,
} from "../variables.js";

export type ValueTest = (requestValue: string, context: RequestContext) => boolean;

/**
 * Builds a test for families whose values are parsed (numbers, dates, addresses...): policy
 * values are parsed once; values with policy variables are resolved and parsed per request. A
 * policy value that does not parse matches nothing.
 */
export function parsedValueTest<P, R>(
  values: readonly string[],
  variables: boolean,
  parsePolicyValue: (text: string) => P | undefined,
  parseRequestValue: (text: string) => R | undefined,
  compare: (request: R, policy: P) => boolean,
): ValueTest {
  const constants: P[] = [];
  const templates: TemplatePiece[][] = [];
  for (const value of values) {
    const pieces = parseTemplate(value, { variables, wildcards: false });
    if (hasVariables(pieces)) templates.push(pieces);
    else {
      const parsed = parsePolicyValue(piecesText(pieces as string[]));
      if (parsed !== undefined) constants.push(parsed);
    }
  }

  return function testParsedValue(requestValue, context) {
    const request = parseRequestValue(requestValue);
    if (request === undefined) return false;
    for (const policy of constants) if (compare(request, policy)) return true;
    for (const template of templates) {
      const resolved = resolvePieces(template, context);
      if (resolved === undefined) continue;
      const policy = parsePolicyValue(piecesText(resolved));
      if (policy !== undefined && compare(request, policy)) return true;
    }
    return false;
  };
}
