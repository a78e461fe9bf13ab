// Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}` and the escapes
// `${*}`, `${?}`, `${$}`. Only policies with "Version": "2012-10-17" substitute variables; under
// 2008-10-17 or with no Version the text is literal.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html

import { type GlobPiece, ONE, STAR } from "./glob.js";
import type { RequestContext } from "./request-context.js";

export interface Variable {
  /** The key as written, for missingContextValues. */
  name: string;
  /** The key lowercased, for lookups. */
  key: string;
  fallback: string | undefined;
}

export type TemplatePiece = GlobPiece | Variable;

export interface TemplateOptions {
  /** Whether `${...}` is a variable (Version 2012-10-17) or literal text. */
  variables: boolean;
  /** Whether bare `*` and `?` are wildcards (Resource, StringLike) or literal text. */
  wildcards: boolean;
}

const ESCAPES: Record<string, string> = { "*": "*", "?": "?", $: "$" };

/** Splits text into literal text, wildcards and variables. */
export function parseTemplate(text: string, options: TemplateOptions): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let literal = "";
  const flush = () => {
    if (literal !== "") pieces.push(literal);
    literal = "";
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (options.variables && ch === "$" && text[i + 1] === "{") {
      const close = text.indexOf("}", i + 2);
      if (close > 0) {
        const inner = text.slice(i + 2, close);
        const escaped = ESCAPES[inner];
        if (escaped !== undefined) literal += escaped;
        else {
          flush();
          pieces.push(parseVariable(inner));
        }
        i = close;
        continue;
      }
    }
    if (options.wildcards && (ch === "*" || ch === "?")) {
      flush();
      pieces.push(ch === "*" ? STAR : ONE);
      continue;
    }
    literal += ch;
  }
  flush();
  return pieces;
}

function parseVariable(inner: string): Variable {
  // `${key, 'default value'}`: the default is single-quoted after a comma.
  const match = /^\s*([^,]*?)\s*,\s*'([^']*)'\s*$/.exec(inner);
  const name = match ? (match[1] as string) : inner.trim();
  return { name, key: name.toLowerCase(), fallback: match ? match[2] : undefined };
}

export function isVariable(piece: TemplatePiece): piece is Variable {
  return typeof piece === "object";
}

export function hasVariables(pieces: readonly TemplatePiece[]): boolean {
  return pieces.some(isVariable);
}

/** The variables' keys a template reads, for missingContextValues. */
export function variableNames(pieces: readonly TemplatePiece[]): string[] {
  return pieces.filter(isVariable).map((variable) => variable.name);
}

/**
 * The value a variable stands for: a single-valued context key, else the default. A variable with
 * no value makes the whole entry match nothing, so callers get undefined.
 */
export function resolveVariable(variable: Variable, context: RequestContext): string | undefined {
  const values = context.find(variable.name, variable.key);
  if (values !== undefined && values.length === 1) return values[0];
  return variable.fallback;
}

/** Replaces every variable by its value (as literal text), or undefined if one has no value. */
export function resolvePieces(
  pieces: readonly TemplatePiece[],
  context: RequestContext,
): GlobPiece[] | undefined {
  const resolved: GlobPiece[] = [];
  for (const piece of pieces) {
    if (!isVariable(piece)) {
      resolved.push(piece);
      continue;
    }
    const value = resolveVariable(piece, context);
    if (value === undefined) return undefined;
    resolved.push(value);
  }
  return resolved;
}

/** The literal text of pieces without wildcards (used when wildcards are off). */
export function piecesText(pieces: readonly GlobPiece[]): string {
  let text = "";
  for (const piece of pieces) {
    if (piece === STAR) text += "*";
    else if (piece === ONE) text += "?";
    else text += piece;
  }
  return text;
}
