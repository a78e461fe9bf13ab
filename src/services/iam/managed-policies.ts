// CreatePolicy, GetPolicy, ListPolicies and DeletePolicy: customer managed policies, and the AWS
// managed ones every account can read.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
import { iamEntityArn } from "../../catalog/iam.js";
import { AwsError } from "../../errors/aws-error.js";
import { AWS_ACCOUNT } from "../../model/aws-managed-policies.js";
import { parsePolicyArn } from "../../model/managed-policies.js";
import { managedPolicyLimit } from "../../policy/index.js";
import { members } from "../../server/query-protocol.js";
import type { AllowOptions, IamCall, IamHandler } from "./call.js";
import { paginate } from "./pagination.js";
import { policyShape } from "./shapes.js";
import {
  choice,
  flag,
  policyArn,
  policyDocument,
  policyName,
  policyPath,
  policyPathPrefix,
} from "./validation.js";

/**
 * Who owns the policy an ARN names, for the policy engine. Managed policies have no resource
 * policy, so another account's policy is out of reach; AWS managed policies can be read by every
 * account but changed by none.
 */
export function policyOwner(call: IamCall, arn: string, write: boolean): AllowOptions {
  const account = parsePolicyArn(arn)?.account;
  if (account === undefined || account === call.account) return {};
  if (account === AWS_ACCOUNT && !write) return {};
  return { resourceAccount: account };
}

/** The usage counts of the caller's account, read once per request. */
const usageOf = (call: IamCall) => call.ctx.model.managedPolicies.usage(call.account);

export const createPolicy: IamHandler = async (call) => {
  const name = policyName(call.p);
  const policyPathValue = policyPath(call.p);
  const description = call.p.optional("Description");
  if (description !== undefined && description.length > 1000) {
    throw new AwsError(
      "ValidationError",
      "1 validation error detected: Value at 'description' failed to satisfy constraint: Member " +
        "must have length less than or equal to 1000",
    );
  }
  call.p.required("PolicyDocument");
  await call.allow(iamEntityArn(call.account, "policy", policyPathValue, name));
  const document = policyDocument(call.p, "PolicyDocument", "identity", managedPolicyLimit());
  const policy = await call.ctx.model.managedPolicies.create(call.account, {
    policyName: name,
    path: policyPathValue,
    document,
    ...(description !== undefined ? { description } : {}),
  });
  return { Policy: policyShape(policy, await usageOf(call)) };
};

export const getPolicy: IamHandler = async (call) => {
  const arn = policyArn(call.p);
  await call.allow(arn, policyOwner(call, arn, false));
  const policy = await call.ctx.model.managedPolicies.get(arn);
  return { Policy: policyShape(policy, await usageOf(call), true) };
};

const SCOPES = ["All", "AWS", "Local"] as const;
const USAGE_FILTERS = ["PermissionsPolicy", "PermissionsBoundary"] as const;

export const listPolicies: IamHandler = async (call) => {
  const scope = choice(call.p, "Scope", SCOPES, "All");
  const onlyAttached = flag(call.p, "OnlyAttached");
  const prefix = policyPathPrefix(call.p);
  const usageFilter = call.p.optional("PolicyUsageFilter")
    ? choice(call.p, "PolicyUsageFilter", USAGE_FILTERS, "PermissionsPolicy")
    : undefined;
  // ListPolicies has no resource type in the Service Authorization Reference.
  await call.allow("*");

  const { managedPolicies } = call.ctx.model;
  const local = scope === "AWS" ? [] : await managedPolicies.list(call.account);
  const aws = scope === "Local" ? [] : managedPolicies.listAws();
  const usage = await usageOf(call);
  // OnlyAttached keeps the policies in use; PolicyUsageFilter narrows that to one kind of use.
  const used = (arn: string) =>
    usageFilter === "PermissionsPolicy"
      ? usage.attachmentCount(arn) > 0
      : usageFilter === "PermissionsBoundary"
        ? usage.boundaryCount(arn) > 0
        : usage.inUse(arn);
  const listed = [...local, ...aws].filter(
    (policy) => policy.path.startsWith(prefix) && (!onlyAttached || used(policy.arn)),
  );
  const page = paginate(call.p, listed);
  const shaped = page.items.map((policy) => policyShape(policy, usage));
  return { Policies: members(shaped), ...page.marker };
};

export const deletePolicy: IamHandler = async (call) => {
  const arn = policyArn(call.p);
  await call.allow(arn, policyOwner(call, arn, true));
  await call.ctx.model.managedPolicies.delete(call.account, arn);
  return undefined;
};
