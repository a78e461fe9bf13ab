// The reference interpreter's Condition logic: written plainly from the AWS condition docs, with
// no compilation, sharing no code with src/policy.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

import { BlockList, isIPv4, isIPv6 } from "node:net";

export type Lookup = (key: string) => string[] | undefined;

/** Turns text into a regex source: `*` and `?` wildcards (when wild), `${...}` variables. */
export function patternSource(
  text: string,
  wild: boolean,
  variables: boolean,
  lookup: Lookup,
): string | undefined {
  let source = "";
  let i = 0;
  while (i < text.length) {
    const end = text.indexOf("}", i);
    if (variables && text.startsWith("${", i) && end > 0) {
      const inner = text.slice(i + 2, end);
      let literal: string | undefined;
      if (inner === "*" || inner === "?" || inner === "$") literal = inner;
      else {
        const withDefault = inner.match(/^\s*(.*?)\s*,\s*'(.*)'\s*$/);
        const name = (withDefault ? withDefault[1] : inner.trim()) ?? "";
        const values = lookup(name);
        literal = values?.length === 1 ? values[0] : withDefault?.[2];
      }
      if (literal === undefined) return undefined;
      source += escapeRegex(literal);
      i = end + 1;
      continue;
    }
    const ch = text[i] as string;
    if (wild && ch === "*") source += "[\\s\\S]*";
    else if (wild && ch === "?") source += "[\\s\\S]";
    else source += escapeRegex(ch);
    i++;
  }
  return source;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

export function wildMatch(
  pattern: string,
  value: string,
  variables: boolean,
  lookup: Lookup,
  flags = "",
): boolean {
  const source = patternSource(pattern, true, variables, lookup);
  return source !== undefined && new RegExp(`^${source}$`, flags).test(value);
}

function substitute(text: string, variables: boolean, lookup: Lookup): string | undefined {
  const source = patternSource(text, false, variables, lookup);
  if (source === undefined) return undefined;
  return source.replace(/\\(.)/g, "$1");
}

function toNumber(text: string): number {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
}

function toDate(text: string): number {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) * 1000 : Date.parse(text);
}

function compare(kind: string, a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (kind.endsWith("LessThanEquals")) return a <= b;
  if (kind.endsWith("LessThan")) return a < b;
  if (kind.endsWith("GreaterThanEquals")) return a >= b;
  if (kind.endsWith("GreaterThan")) return a > b;
  return a === b;
}

function ipIn(value: string, range: string): boolean {
  const [address, prefix] = range.split("/");
  if (address === undefined) return false;
  const type = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : undefined;
  const valueType = isIPv4(value) ? "ipv4" : isIPv6(value) ? "ipv6" : undefined;
  if (type === undefined || type !== valueType) return false;
  const list = new BlockList();
  list.addSubnet(
    address,
    prefix === undefined ? (type === "ipv4" ? 32 : 128) : Number(prefix),
    type,
  );
  return list.check(value, type);
}

function arnMatch(pattern: string, value: string, variables: boolean, lookup: Lookup): boolean {
  const split = (text: string) => {
    const parts = text.split(":");
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  // Variables are substituted before splitting (the random cases keep colons out of values).
  const resolved = substitute(pattern.replace(/\$\{([*?])\}/g, "\uE000$1"), variables, lookup);
  if (resolved === undefined) return false;
  const patternParts = split(resolved);
  if (patternParts === undefined) return wildMatch(pattern, value, variables, lookup);
  const valueParts = split(value);
  if (valueParts === undefined) return false;
  return patternParts.every((part, i) => {
    const source = part
      .split(/(\uE000[*?])/)
      .map((bit) =>
        bit.startsWith("\uE000")
          ? escapeRegex(bit.slice(1))
          : patternSource(bit, true, false, lookup),
      )
      .join("");
    return new RegExp(`^${source}$`).test(valueParts[i] as string);
  });
}

/** Does one request value match one policy value under a (non-negated) base operator? */
function matchOne(
  base: string,
  policyValue: string,
  value: string,
  variables: boolean,
  lookup: Lookup,
): boolean {
  if (base === "StringLike") return wildMatch(policyValue, value, variables, lookup);
  if (base === "ArnLike" || base === "ArnEquals")
    return arnMatch(policyValue, value, variables, lookup);
  const resolved = substitute(policyValue, variables, lookup);
  if (resolved === undefined) return false;
  if (base === "StringEquals") return resolved === value;
  if (base === "StringEqualsIgnoreCase") return resolved.toLowerCase() === value.toLowerCase();
  if (base.startsWith("Numeric")) return compare(base, toNumber(value), toNumber(resolved));
  if (base.startsWith("Date")) return compare(base, toDate(value), toDate(resolved));
  if (base === "Bool") {
    const a = value.toLowerCase();
    return (a === "true" || a === "false") && a === resolved.toLowerCase();
  }
  if (base === "BinaryEquals") {
    return Buffer.from(value, "base64").equals(Buffer.from(resolved, "base64"));
  }
  if (base === "IpAddress") return ipIn(value, resolved);
  throw new Error(`reference does not know ${base}`);
}

const NEGATIONS: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  NumericNotEquals: "NumericEquals",
  DateNotEquals: "DateEquals",
  NotIpAddress: "IpAddress",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
};

/** Evaluates a whole Condition element. */
export function conditionHolds(
  condition: Record<string, Record<string, unknown>>,
  variables: boolean,
  lookup: Lookup,
): boolean {
  for (const [written, block] of Object.entries(condition)) {
    const parts = /^(ForAllValues:|ForAnyValue:)?(.*?)(IfExists)?$/.exec(
      written,
    ) as RegExpExecArray;
    const qualifier = parts[1];
    const operator = parts[2] as string;
    const ifExists = parts[3] !== undefined;
    const positive = NEGATIONS[operator] ?? operator;
    const negated = positive !== operator;

    for (const [key, raw] of Object.entries(block)) {
      const policyValues = (Array.isArray(raw) ? raw : [raw]).map(String);
      const values = lookup(key);
      const absent = values === undefined || values.length === 0;
      if (operator === "Null") {
        if (!policyValues.some((v) => (v.toLowerCase() === "true") === absent)) return false;
        continue;
      }
      const test = (value: string) => {
        const any = policyValues.some((p) => matchOne(positive, p, value, variables, lookup));
        return negated ? !any : any;
      };
      let holds: boolean;
      if (qualifier === "ForAllValues:") holds = absent || (values ?? []).every(test);
      else if (qualifier === "ForAnyValue:") holds = !absent && (values ?? []).some(test);
      else if (values === undefined) holds = ifExists || negated;
      else {
        const any = values.some((value) =>
          policyValues.some((p) => matchOne(positive, p, value, variables, lookup)),
        );
        holds = negated ? !any : any;
      }
      if (!holds) return false;
    }
  }
  return true;
}
