// Reading the EC2 Query protocol's flattened parameters: lists are `Name.1`, `Name.2`, …, and
// filters are `Filter.N.Name` with `Filter.N.Value.M` (API reference, "Query parameters").
import { AwsError } from "../../errors/aws-error.js";
import { PARAM } from "./constants.js";

/** The values of `prefix.1`, `prefix.2`, … in index order. */
export function listParam(params: URLSearchParams, prefix: string): string[] {
  const pattern = new RegExp(`^${escapeDots(prefix)}\\.(\\d+)$`);
  const found: [number, string][] = [];
  for (const [name, value] of params) {
    const match = pattern.exec(name);
    if (match) found.push([Number(match[1]), value]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/** Filters by name; several filters with one name are merged, as their values are OR-ed. */
export function filterParams(params: URLSearchParams): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  const prefix = PARAM.filter;
  for (const index of listIndexes(params, prefix)) {
    const name = params.get(`${prefix}.${index}.Name`);
    if (name === null) continue;
    const values = listParam(params, `${prefix}.${index}.Value`);
    filters.set(name, [...(filters.get(name) ?? []), ...values]);
  }
  return filters;
}

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === "") {
    throw new AwsError("MissingParameter", `The request must contain the parameter ${name}`);
  }
  return value;
}

export function intParam(params: URLSearchParams, name: string, fallback: number): number {
  const text = params.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw new AwsError("InvalidParameterValue", `Invalid value '${text}' for ${name}`);
  }
  return value;
}

/**
 * Whether a filter's values admit `actual`, case-sensitively (Amazon EC2 API Reference, Filter).
 * In a value, "* specifies that zero or more characters must match, and ? specifies that exactly
 * one character must match. Use a backslash to escape special characters" (EC2's Filter
 * documentation as the AWS SDK for .NET carries it, with the example `\*amazon\?\\` for the
 * literal `*amazon?\`).
 */
export function filterMatches(values: readonly string[], actual: string): boolean {
  return values.some((value) => wildcardPattern(value).test(actual));
}

function wildcardPattern(value: string): RegExp {
  let source = "";
  for (let at = 0; at < value.length; at++) {
    const char = value[at] as string;
    if (char === "\\" && at + 1 < value.length) source += escapeRegExp(value[++at] as string);
    else if (char === "*") source += "[\\s\\S]*";
    else if (char === "?") source += "[\\s\\S]";
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Refuses filters keyless does not evaluate, so that a typo does not silently match all. */
export function checkFilters(filters: Map<string, string[]>, known: readonly string[]): void {
  for (const name of filters.keys()) {
    if (!known.includes(name)) {
      throw new AwsError("InvalidParameterValue", `The filter '${name}' is invalid`);
    }
  }
}

/** The distinct N of `prefix.N.…` members (structure lists), in index order. */
export function listIndexes(params: URLSearchParams, prefix: string): number[] {
  const pattern = new RegExp(`^${escapeDots(prefix)}\\.(\\d+)\\.`);
  const indexes = new Set<number>();
  for (const name of params.keys()) {
    const match = pattern.exec(name);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

const escapeDots = (prefix: string): string => prefix.replaceAll(".", "\\.");
