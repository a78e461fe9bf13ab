// Resource / NotResource entries: case-sensitive, `*` and `?` wildcards where `*` spans `/` and
// `:`; policy variables resolved per request. An entry whose variable has no value matches
// nothing.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html

import { compileGlob, type GlobMatcher } from "./glob.js";
import type { RequestContext } from "./request-context.js";
import { hasVariables, parseTemplate, resolvePieces, type TemplatePiece } from "./variables.js";

export type ResourceMatcher = (resource: string, context: RequestContext) => boolean;

export function compileResources(patterns: readonly string[], variables: boolean): ResourceMatcher {
  const constants: GlobMatcher[] = [];
  const templates: TemplatePiece[][] = [];
  for (const pattern of patterns) {
    const pieces = parseTemplate(pattern, { variables, wildcards: true });
    if (hasVariables(pieces)) templates.push(pieces);
    else constants.push(compileGlob(pieces as string[]));
  }

  if (templates.length === 0) {
    if (constants.length === 1) return constants[0] as GlobMatcher;
    return function matchResources(resource) {
      for (const matches of constants) if (matches(resource)) return true;
      return false;
    };
  }
  return function matchResourcesWithVariables(resource, context) {
    for (const matches of constants) if (matches(resource)) return true;
    for (const template of templates) {
      const resolved = resolvePieces(template, context);
      if (resolved !== undefined && compileGlob(resolved)(resource)) return true;
    }
    return false;
  };
}
