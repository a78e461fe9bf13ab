// Statements indexed by action, so a request only looks at statements that can name its action.
// Exact actions go in a map; patterns with wildcards go under their service prefix when the prefix
// is literal, else (like "*" or NotAction) in a list checked for every action. The answer for each
// action is remembered, so a policy works out its candidates for an action once.
// Actions are case-insensitive: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html

import { compileGlob, type GlobMatcher, globPieces } from "./glob.js";

export interface IndexedStatement {
  index: number;
  actions: readonly string[] | undefined;
  notActions: readonly string[] | undefined;
}

interface Entry<S> {
  statement: S;
  matches: GlobMatcher;
  negated: boolean;
}

/** Bounds the memo; a policy seeing more distinct actions than this starts over. */
const MEMO_LIMIT = 4096;

export class ActionIndex<S extends IndexedStatement> {
  private readonly exact = new Map<string, S[]>();
  private readonly byService = new Map<string, Entry<S>[]>();
  private readonly everywhere: Entry<S>[] = [];
  private readonly memo = new Map<string, readonly S[]>();

  constructor(statements: readonly S[]) {
    for (const statement of statements) {
      if (statement.notActions !== undefined) {
        const matches = anyOf(statement.notActions);
        this.everywhere.push({ statement, matches, negated: true });
        continue;
      }
      for (const action of new Set((statement.actions ?? []).map((a) => a.toLowerCase()))) {
        this.add(statement, action);
      }
    }
  }

  /** The statements whose Action / NotAction covers a lowercase action, in document order. */
  candidates(lower: string): readonly S[] {
    const known = this.memo.get(lower);
    if (known !== undefined) return known;

    const found = new Set<S>(this.exact.get(lower));
    const service = lower.slice(0, lower.indexOf(":"));
    for (const entry of this.byService.get(service) ?? []) {
      if (entry.matches(lower)) found.add(entry.statement);
    }
    for (const entry of this.everywhere) {
      if (entry.matches(lower) !== entry.negated) found.add(entry.statement);
    }
    const ordered = [...found].sort((a, b) => a.index - b.index);

    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(lower, ordered);
    return ordered;
  }

  private add(statement: S, action: string): void {
    const wild = action.includes("*") || action.includes("?");
    if (!wild) {
      const list = this.exact.get(action) ?? [];
      list.push(statement);
      this.exact.set(action, list);
      return;
    }
    const entry = { statement, matches: compileGlob(globPieces(action)), negated: false };
    const colon = action.indexOf(":");
    const service = colon > 0 ? action.slice(0, colon) : "";
    if (service === "" || service.includes("*") || service.includes("?")) {
      this.everywhere.push(entry);
      return;
    }
    const list = this.byService.get(service) ?? [];
    list.push(entry);
    this.byService.set(service, list);
  }
}

function anyOf(actions: readonly string[]): GlobMatcher {
  const matchers = actions.map((action) => compileGlob(globPieces(action.toLowerCase())));
  return function matchAnyAction(action) {
    return matchers.some((matches) => matches(action));
  };
}
