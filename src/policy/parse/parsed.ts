// The shape of a policy after validation: every element normalised to arrays of strings, so the
// compiler never meets a JSON surprise.

import type { PolicyKind } from "../types.js";

export type PolicyVersion = "2012-10-17" | "2008-10-17";

export interface ParsedPolicy {
  kind: PolicyKind;
  /** undefined when the document has no Version (policy variables are then literal text). */
  version: PolicyVersion | undefined;
  id?: string;
  statements: ParsedStatement[];
  /** sha256 of the document text, hex: the compile cache key. */
  hash: string;
}

export interface ParsedPrincipal {
  /** "Principal": "*" */
  any: boolean;
  AWS: string[];
  Service: string[];
  Federated: string[];
  CanonicalUser: string[];
}

export interface ParsedCondition {
  /** The operator as written, such as "ForAnyValue:StringLikeIfExists". */
  operator: string;
  /** The base operator in canonical spelling, such as "StringLike". */
  base: string;
  qualifier: "ForAllValues" | "ForAnyValue" | undefined;
  ifExists: boolean;
  /** The key as written. */
  key: string;
  values: string[];
}

export interface ParsedStatement {
  sid?: string;
  effect: "Allow" | "Deny";
  principal?: ParsedPrincipal;
  notPrincipal?: ParsedPrincipal;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ParsedCondition[];
}
