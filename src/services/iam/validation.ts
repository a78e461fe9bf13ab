// IAM's parameter shapes, from the IAM API reference.
import { AwsError } from "../../errors/aws-error.js";
import { type ParsedPolicy, parsePolicy } from "../../policy/index.js";
import type { PolicyKind } from "../../policy/types.js";
import type { Params } from "../query/params.js";

const ENTITY_NAME = /^[\w+=,.@-]+$/;
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;

export const userName = (p: Params, field = "UserName") => p.name(field, ENTITY_NAME, 1, 64);
export const roleName = (p: Params, field = "RoleName") => p.name(field, ENTITY_NAME, 1, 64);
export const profileName = (p: Params) => p.name("InstanceProfileName", ENTITY_NAME, 1, 128);
export const policyName = (p: Params) => p.name("PolicyName", ENTITY_NAME, 1, 128);
export const path = (p: Params) => p.name("Path", PATH, 1, 512, true) || "/";

/** The policy document parameter, parsed as IAM would: MalformedPolicyDocument when not. */
export function policyDocument(p: Params, field: string, kind: PolicyKind): string {
  const text = p.required(field);
  const parsed = parsePolicy(text, kind);
  if (!parsed.ok) throw new AwsError("MalformedPolicyDocument", parsed.error.message);
  return text;
}

export type { ParsedPolicy };
