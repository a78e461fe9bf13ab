// The versions of a managed policy: create (optionally as the default), read, list, delete and
// choose the default. The default version is the one that decides requests.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
import { managedPolicyLimit } from "../../policy/index.js";
import { members } from "../../server/query-protocol.js";
import type { IamHandler } from "./call.js";
import { policyOwner } from "./managed-policies.js";
import { paginate } from "./pagination.js";
import { versionShape } from "./shapes.js";
import { flag, policyArn, policyDocument, versionId } from "./validation.js";

export const createPolicyVersion: IamHandler = async (call) => {
  const arn = policyArn(call.p);
  const setAsDefault = flag(call.p, "SetAsDefault");
  call.p.required("PolicyDocument");
  await call.allow(arn, policyOwner(call, arn, true));
  const document = policyDocument(call.p, "PolicyDocument", "identity", managedPolicyLimit());
  const { managedPolicies } = call.ctx.model;
  const version = await managedPolicies.createVersion(call.account, arn, document, setAsDefault);
  return { PolicyVersion: versionShape(await managedPolicies.get(arn), version) };
};

export const getPolicyVersion: IamHandler = async (call) => {
  const arn = policyArn(call.p);
  const id = versionId(call.p);
  await call.allow(arn, policyOwner(call, arn, false));
  const { managedPolicies } = call.ctx.model;
  const version = await managedPolicies.version(arn, id);
  return { PolicyVersion: versionShape(await managedPolicies.get(arn), version, true) };
};

export const listPolicyVersions: IamHandler = async (call) => {
  const arn = policyArn(call.p);
  await call.allow(arn, policyOwner(call, arn, false));
  const policy = await call.ctx.model.managedPolicies.get(arn);
  // Newest first, as IAM lists them.
  const page = paginate(call.p, [...policy.versions].reverse());
  const shaped = page.items.map((version) => versionShape(policy, version));
  return { Versions: members(shaped), ...page.marker };
};

export const deletePolicyVersion: IamHandler = async (call) => {
  const arn = policyArn(call.p);
  const id = versionId(call.p);
  await call.allow(arn, policyOwner(call, arn, true));
  await call.ctx.model.managedPolicies.deleteVersion(call.account, arn, id);
  return undefined;
};

export const setDefaultPolicyVersion: IamHandler = async (call) => {
  const arn = policyArn(call.p);
  const id = versionId(call.p);
  await call.allow(arn, policyOwner(call, arn, true));
  await call.ctx.model.managedPolicies.setDefaultVersion(call.account, arn, id);
  return undefined;
};
