// parsePolicy: JSON text to a ParsedPolicy, validated the way IAM validates, or a problem as
// data. The evaluator trusts what comes out of here.

import { createHash } from "node:crypto";
import type { ParseResult, PolicyKind } from "../types.js";
import { Failure, isObject } from "./failure.js";
import { messages } from "./messages.js";
import type { ParsedPolicy, ParsedStatement, PolicyVersion } from "./parsed.js";
import { type SizeLimit, sizeWithoutWhitespace } from "./size-limit.js";
import { parseStatement } from "./statement.js";

export interface ParseOptions {
  /** The quota for where the document is going (see size-limit.ts); none by default. */
  sizeLimit?: SizeLimit;
}

const VERSIONS: readonly string[] = ["2012-10-17", "2008-10-17"];
const TOP_LEVEL = new Set(["Version", "Id", "Statement"]);

export function parsePolicy(
  text: string,
  kind: PolicyKind,
  options: ParseOptions = {},
): ParseResult<ParsedPolicy> {
  const result = parseDocument(text, kind, options);
  if (result instanceof Failure) return { ok: false, error: result.toProblem() };
  return { ok: true, policy: result };
}

function parseDocument(
  text: string,
  kind: PolicyKind,
  options: ParseOptions,
): ParsedPolicy | Failure {
  const limit = options.sizeLimit;
  if (limit !== undefined && sizeWithoutWhitespace(text) > limit.maxChars) {
    return new Failure(limit.message, limit.code);
  }

  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return new Failure(messages.syntax);
  }
  if (!isObject(document)) return new Failure(messages.syntax);
  for (const element of Object.keys(document)) {
    if (!TOP_LEVEL.has(element)) return new Failure(messages.syntax);
  }

  const version = document.Version;
  if (version !== undefined && (typeof version !== "string" || !VERSIONS.includes(version))) {
    return new Failure(messages.legacyParsing);
  }
  if (document.Id !== undefined && typeof document.Id !== "string") {
    return new Failure(messages.syntax);
  }

  const statements = parseStatements(document.Statement, kind);
  if (statements instanceof Failure) return statements;

  const policy: ParsedPolicy = {
    kind,
    version: version as PolicyVersion | undefined,
    statements,
    hash: createHash("sha256").update(text).digest("hex"),
  };
  if (typeof document.Id === "string") policy.id = document.Id;
  return policy;
}

function parseStatements(raw: unknown, kind: PolicyKind): ParsedStatement[] | Failure {
  if (raw === undefined) return new Failure(messages.missingStatement);
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: ParsedStatement[] = [];
  const sids = new Set<string>();
  for (const item of list) {
    const statement = parseStatement(item, kind);
    if (statement instanceof Failure) return statement;
    if (statement.sid !== undefined && statement.sid !== "") {
      if (sids.has(statement.sid) && kind !== "resource") return new Failure(messages.sidUnique);
      sids.add(statement.sid);
    }
    statements.push(statement);
  }
  return statements;
}
