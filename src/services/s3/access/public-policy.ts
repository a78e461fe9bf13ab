// Whether a bucket policy is "public", as Block Public Access decides it. "When evaluating a
// bucket policy, Amazon S3 begins by assuming that the policy is public", and a statement is
// non-public only when it grants "only to fixed values (values that don't contain a wildcard or
// an AWS Identity and Access Management Policy Variable)" of a principal or of one of a short list
// of condition keys (Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage",
// "The meaning of public").
import type { ParsedPolicy, ParsedStatement } from "../../../policy/index.js";

type ParsedCondition = ParsedStatement["conditions"][number];

/** The condition keys that narrow "Principal": "*" to callers one can name; lower case. */
const NARROWING_KEYS = new Set([
  "aws:sourceip",
  "aws:sourcearn",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceowner",
  "aws:sourceaccount",
  "aws:principalorgid",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:userid",
  "s3:x-amz-server-side-encryption-aws-kms-key-id",
  "s3:dataaccesspointarn",
  "s3:dataaccesspointaccount",
]);

/**
 * Operators that hold only when the key has one of the values. Negated operators hold for
 * everyone else, and IfExists or ForAllValues ones hold when the key is absent, so none of those
 * narrows anything.
 */
const MATCHING_OPERATORS = new Set([
  "StringEquals",
  "StringEqualsIgnoreCase",
  "StringLike",
  "ArnEquals",
  "ArnLike",
  "IpAddress",
]);

export function isPublicPolicy(policy: ParsedPolicy): boolean {
  return policy.statements.some(isPublicStatement);
}

function isPublicStatement(statement: ParsedStatement): boolean {
  if (statement.effect !== "Allow") return false;
  if (!grantsToAnyone(statement)) return false;
  return !statement.conditions.some(narrows);
}

/**
 * "*" (as Principal or as an AWS principal), any NotPrincipal, and federated identities: "the
 * following example policies are considered public", the first naming graph.facebook.com.
 */
function grantsToAnyone(statement: ParsedStatement): boolean {
  if (statement.notPrincipal !== undefined) return true;
  const principal = statement.principal;
  if (principal === undefined) return true;
  return principal.any || principal.AWS.includes("*") || principal.Federated.length > 0;
}

function narrows(condition: ParsedCondition): boolean {
  if (!NARROWING_KEYS.has(condition.key.toLowerCase())) return false;
  if (!MATCHING_OPERATORS.has(condition.base) || condition.ifExists) return false;
  if (condition.qualifier === "ForAllValues" || condition.values.length === 0) return false;
  const fixed = condition.key.toLowerCase() === "aws:userid" ? isFixedUserId : isFixed;
  if (!condition.values.every(fixed)) return false;
  return condition.base !== "IpAddress" || condition.values.every(isNarrowRange);
}

const isFixed = (value: string): boolean => !/[*?]|\$\{/.test(value);

/**
 * The list reads "aws:userid, outside the pattern 'AROLEID:*'": a role's unique id followed by
 * ":*", every session of one role, still names one principal.
 */
const isFixedUserId = (value: string): boolean =>
  isFixed(value) || /^AROA[A-Z0-9]+:\*$/.test(value);

/**
 * "Bucket policies that grant access conditioned on the aws:SourceIp condition key with very
 * broad IP ranges (for example, 0.0.0.0/1) are evaluated as public. This includes values
 * broader than /8 for IPv4 and /32 for IPv6 (excluding RFC1918 private ranges)." No range
 * broader than /8 fits inside a private one, so the exclusion changes nothing here.
 */
function isNarrowRange(cidr: string): boolean {
  const [address = "", prefix] = cidr.split("/");
  if (prefix === undefined) return true;
  return Number(prefix) >= (address.includes(":") ? 32 : 8);
}
