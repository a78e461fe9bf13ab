// Put/Get/List/Delete of user, role and group inline policies: one implementation, three owners.
import { sizeWithoutWhitespace } from "../../policy/parse/size-limit.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { GROUP, type Owner, ROLE, USER } from "./owners.js";
import { paginate } from "./pagination.js";
import { policyDocument, policyName } from "./validation.js";

/**
 * The quota is on the sum of an owner's inline policies ("the total aggregate policy size … per
 * entity"), white space not counted; a policy put again under its name replaces its old size.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
 */
async function roomLeft(call: IamCall, owner: Owner, name: string, policy: string) {
  const limit = owner.inlineLimit(name);
  const others = await call.ctx.model.inlinePolicies.list(call.account, owner.type, name);
  let used = 0;
  for (const record of others) {
    if (record.policyName !== policy) used += sizeWithoutWhitespace(record.document);
  }
  return { ...limit, maxChars: limit.maxChars - used };
}

function putPolicy(owner: Owner): IamHandler {
  return async function putInlinePolicy(call) {
    const name = owner.name(call);
    const policy = policyName(call.p);
    call.p.required("PolicyDocument");
    await call.allow(await owner.arn(call, name));
    await owner.exists(call, name);
    const limit = await roomLeft(call, owner, name, policy);
    const document = policyDocument(call.p, "PolicyDocument", "identity", limit);
    await call.ctx.model.inlinePolicies.put({
      account: call.account,
      ownerType: owner.type,
      ownerName: name,
      policyName: policy,
      document,
    });
    return undefined;
  };
}

function getPolicy(owner: Owner): IamHandler {
  return async function getInlinePolicy(call) {
    const name = owner.name(call);
    const policy = policyName(call.p);
    await call.allow(await owner.arn(call, name));
    await owner.exists(call, name);
    const record = await call.ctx.model.inlinePolicies.get(call.account, owner.type, name, policy);
    return {
      [owner.field]: name,
      PolicyName: record.policyName,
      PolicyDocument: encodeURIComponent(record.document),
    };
  };
}

function listPolicies(owner: Owner): IamHandler {
  return async function listInlinePolicies(call) {
    const name = owner.name(call);
    await call.allow(await owner.arn(call, name));
    await owner.exists(call, name);
    const records = await call.ctx.model.inlinePolicies.list(call.account, owner.type, name);
    const page = paginate(call.p, records);
    return { PolicyNames: members(page.items.map((r) => r.policyName)), ...page.marker };
  };
}

function deletePolicy(owner: Owner): IamHandler {
  return async function deleteInlinePolicy(call) {
    const name = owner.name(call);
    const policy = policyName(call.p);
    await call.allow(await owner.arn(call, name));
    await owner.exists(call, name);
    await call.ctx.model.inlinePolicies.delete(call.account, owner.type, name, policy);
    return undefined;
  };
}

export const putUserPolicy = putPolicy(USER);
export const getUserPolicy = getPolicy(USER);
export const listUserPolicies = listPolicies(USER);
export const deleteUserPolicy = deletePolicy(USER);
export const putRolePolicy = putPolicy(ROLE);
export const getRolePolicy = getPolicy(ROLE);
export const listRolePolicies = listPolicies(ROLE);
export const deleteRolePolicy = deletePolicy(ROLE);
export const putGroupPolicy = putPolicy(GROUP);
export const getGroupPolicy = getPolicy(GROUP);
export const listGroupPolicies = listPolicies(GROUP);
export const deleteGroupPolicy = deletePolicy(GROUP);
