// compilePolicy: a ParsedPolicy into matchers, once per document. Evaluation then does no
// parsing and builds no regular expressions.

import { ActionIndex } from "./action-index.js";
import { type ConditionTest, compileCondition } from "./condition/block.js";
import type { ParsedPolicy, ParsedStatement } from "./parse/parsed.js";
import { type CompiledPrincipal, compilePrincipal } from "./principal.js";
import { compileResources, type ResourceMatcher } from "./resource.js";
import type { PolicyKind } from "./types.js";
import { parseTemplate, variableNames } from "./variables.js";

export interface CompiledStatement {
  index: number;
  /** Sid when present, else the zero-based index as text. */
  label: string;
  effect: "Allow" | "Deny";
  actions: readonly string[] | undefined;
  notActions: readonly string[] | undefined;
  /** undefined when the statement has no Resource element (trust policies). */
  resource: ResourceMatcher | undefined;
  notResource: boolean;
  principal: CompiledPrincipal | undefined;
  notPrincipal: CompiledPrincipal | undefined;
  conditions: readonly ConditionTest[];
  /** Context keys the statement reads (conditions and variables), as written and lowercased. */
  keys: readonly { name: string; key: string }[];
}

/** A policy ready for evaluate(). Treat it as opaque outside src/policy. */
export class CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  private readonly index: ActionIndex<CompiledStatement>;

  constructor(
    readonly kind: PolicyKind,
    readonly hash: string,
    statements: readonly CompiledStatement[],
  ) {
    this.statements = statements;
    this.index = new ActionIndex(statements);
  }

  /** Statements whose Action / NotAction covers the lowercase action, in document order. */
  candidates(lowerAction: string): readonly CompiledStatement[] {
    return this.index.candidates(lowerAction);
  }
}

/** Compiled policies by kind and document hash. */
const cache = new Map<string, CompiledPolicy>();
const CACHE_LIMIT = 10_000;

/** The compiled policy for a document already compiled as this kind, if any. */
export function compiledFor(kind: PolicyKind, hash: string): CompiledPolicy | undefined {
  return cache.get(`${kind}:${hash}`);
}

export function compilePolicy(parsed: ParsedPolicy): CompiledPolicy {
  const cacheKey = `${parsed.kind}:${parsed.hash}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;

  // Policy variables exist only in Version 2012-10-17.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
  const variables = parsed.version === "2012-10-17";
  const statements = parsed.statements.map((statement, index) =>
    compileStatement(statement, index, variables),
  );
  const compiled = new CompiledPolicy(parsed.kind, parsed.hash, statements);

  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, compiled);
  return compiled;
}

function compileStatement(
  statement: ParsedStatement,
  index: number,
  variables: boolean,
): CompiledStatement {
  const resources = statement.resource ?? statement.notResource;
  return {
    index,
    label: statement.sid !== undefined && statement.sid !== "" ? statement.sid : String(index),
    effect: statement.effect,
    actions: statement.action,
    notActions: statement.notAction,
    resource: resources === undefined ? undefined : compileResources(resources, variables),
    notResource: statement.notResource !== undefined,
    principal: statement.principal && compilePrincipal(statement.principal),
    notPrincipal: statement.notPrincipal && compilePrincipal(statement.notPrincipal),
    conditions: statement.conditions.map((condition) => compileCondition(condition, variables)),
    keys: referencedKeys(statement, variables),
  };
}

function referencedKeys(
  statement: ParsedStatement,
  variables: boolean,
): { name: string; key: string }[] {
  const keys = new Set<string>();
  for (const condition of statement.conditions) {
    keys.add(condition.key);
    if (!variables) continue;
    for (const value of condition.values) {
      for (const name of variableNames(parseTemplate(value, { variables, wildcards: false }))) {
        keys.add(name);
      }
    }
  }
  if (variables) {
    for (const resource of statement.resource ?? statement.notResource ?? []) {
      for (const name of variableNames(parseTemplate(resource, { variables, wildcards: true }))) {
        keys.add(name);
      }
    }
  }
  return [...keys].map((name) => ({ name, key: name.toLowerCase() }));
}
