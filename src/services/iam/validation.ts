// IAM's parameter shapes, from the IAM API reference.
import { AwsError } from "../../errors/aws-error.js";
import { parsePolicyArn } from "../../model/managed-policies.js";
import { type ParsedPolicy, parsePolicy, type SizeLimit } from "../../policy/index.js";
import type { PolicyKind } from "../../policy/types.js";
import { invalid, type Params } from "../query/params.js";

const ENTITY_NAME = /^[\w+=,.@-]+$/;
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;
/** CreatePolicy's Path and ListPolicies' PathPrefix are narrower than an entity's path. */
const POLICY_PATH = /^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/;
const PATH_PREFIX = /^\/[\u0021-\u007F]*$/;
const VERSION_ID = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;

export const userName = (p: Params, field = "UserName") => p.name(field, ENTITY_NAME, 1, 64);
export const roleName = (p: Params, field = "RoleName") => p.name(field, ENTITY_NAME, 1, 64);
export const groupName = (p: Params) => p.name("GroupName", ENTITY_NAME, 1, 128);
export const profileName = (p: Params) => p.name("InstanceProfileName", ENTITY_NAME, 1, 128);
export const policyName = (p: Params) => p.name("PolicyName", ENTITY_NAME, 1, 128);
export const path = (p: Params) => p.name("Path", PATH, 1, 512, true) || "/";
export const policyPath = (p: Params) => p.name("Path", POLICY_PATH, 1, 512, true) || "/";
export const pathPrefix = (p: Params) => p.name("PathPrefix", PATH_PREFIX, 1, 512, true) || "/";
export const policyPathPrefix = (p: Params) =>
  p.name("PathPrefix", POLICY_PATH, 1, 512, true) || "/";
export const versionId = (p: Params) => p.name("VersionId", VERSION_ID, 2, 128);

/** A policy ARN parameter; InvalidInput when it names no IAM policy. */
export function policyArn(p: Params, field = "PolicyArn"): string {
  const arn = p.name(field, /^[\u0020-\u00FF]+$/, 20, 2048);
  if (!parsePolicyArn(arn)) throw new AwsError("InvalidInput", `ARN ${arn} is not valid.`);
  return arn;
}

/** The PermissionsBoundary parameter of CreateUser and CreateRole, when given. */
export function boundaryArn(p: Params): string | undefined {
  return p.optional("PermissionsBoundary") === undefined
    ? undefined
    : policyArn(p, "PermissionsBoundary");
}

/** A Query-protocol boolean: "true" or "false". */
export function flag(p: Params, field: string): boolean {
  const value = p.optional(field);
  if (value === undefined) return false;
  if (value === "true" || value === "false") return value === "true";
  throw new AwsError(
    "ValidationError",
    `1 validation error detected: Value '${value}' at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must be a boolean`,
  );
}

/** One of the values an enumerated parameter allows, or its default when absent. */
export function choice<T extends string>(p: Params, field: string, values: readonly T[], or: T): T {
  const value = p.optional(field);
  if (value === undefined) return or;
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new AwsError(
    "ValidationError",
    `1 validation error detected: Value '${value}' at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(", ")}]`,
  );
}

/**
 * The policy document parameter, parsed as IAM would: MalformedPolicyDocument when not, and
 * LimitExceeded when it is over the size quota of where it goes.
 */
const MAX_DOCUMENT_CHARACTERS = 131_072;

export function policyDocument(
  p: Params,
  field: string,
  kind: PolicyKind,
  sizeLimit?: SizeLimit,
): string {
  const text = p.required(field);
  // The parameter itself is capped, whitespace included, before any quota on the policy.
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
  if (text.length > MAX_DOCUMENT_CHARACTERS) {
    throw invalid(
      field,
      `${text.slice(0, 20)}…`,
      `Member must have length less than or equal to ${MAX_DOCUMENT_CHARACTERS}`,
    );
  }
  const parsed = parsePolicy(text, kind, sizeLimit ? { sizeLimit } : {});
  if (!parsed.ok) throw new AwsError(parsed.error.code, parsed.error.message);
  return text;
}

export type { ParsedPolicy };
