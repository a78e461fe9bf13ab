// The policy engine's public API. Everything here is pure: no I/O, no logging, no clock.

import { createHash } from "node:crypto";
import { compiledFor, compilePolicy } from "./compile.js";
import { compileGlob, globPieces } from "./glob.js";
import { type ParseOptions, parsePolicy } from "./parse/parse-policy.js";
import { sizeWithoutWhitespace } from "./parse/size-limit.js";
import type { AttachedPolicy, ParseResult, PolicyKind, PolicySource } from "./types.js";

export { type AccessDeniedOptions, accessDeniedMessage } from "./access-denied.js";
export { CompiledPolicy, compilePolicy } from "./compile.js";
export { type ContextEntry, type ContextKeyType, contextFromEntries } from "./context-entries.js";
export { evaluate } from "./evaluate.js";
export type { ParseOptions } from "./parse/parse-policy.js";
export { parsePolicy } from "./parse/parse-policy.js";
export type { ParsedPolicy, ParsedStatement } from "./parse/parsed.js";
export {
  groupInlineLimit,
  managedPolicyLimit,
  roleInlineLimit,
  type SizeLimit,
  trustPolicyLimit,
  userInlineLimit,
} from "./parse/size-limit.js";
export { type PrincipalIds, showGonePrincipals, withPrincipalIds } from "./principal-ids.js";
export type * from "./types.js";

/** Parses and compiles in one step. */
export function loadPolicy(
  text: string,
  kind: PolicyKind,
  source: PolicySource,
  options: ParseOptions = {},
): ParseResult<AttachedPolicy> {
  // A document compiled before was valid then; only its size quota depends on where it goes.
  const limit = options.sizeLimit;
  const withinLimit = limit === undefined || sizeWithoutWhitespace(text) <= limit.maxChars;
  const known = withinLimit && compiledFor(kind, createHash("sha256").update(text).digest("hex"));
  if (known) return { ok: true, policy: { source, policy: known } };

  const parsed = parsePolicy(text, kind, options);
  if (!parsed.ok) return parsed;
  return { ok: true, policy: { source, policy: compilePolicy(parsed.policy) } };
}

/** Whether an action pattern ("s3:Get*") covers an action; case-insensitive. */
export function isActionMatch(pattern: string, action: string): boolean {
  return compileGlob(globPieces(pattern.toLowerCase()))(action.toLowerCase());
}

/** Whether a resource pattern (no variables) covers a resource ARN; case-sensitive. */
export function isResourceMatch(pattern: string, resource: string): boolean {
  return compileGlob(globPieces(pattern))(resource);
}
