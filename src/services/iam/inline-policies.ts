// Put/Get/List/Delete of user and role inline policies: one implementation, two owners.
import type { PolicyOwnerType } from "../../model/types.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { roleArn } from "./roles.js";
import { userArn } from "./users.js";
import { policyDocument, policyName, roleName, userName } from "./validation.js";

interface Owner {
  type: PolicyOwnerType;
  field: "UserName" | "RoleName";
  name(call: IamCall): string;
  arn(call: IamCall, name: string): Promise<string>;
  exists(call: IamCall, name: string): Promise<unknown>;
}

const USER: Owner = {
  type: "user",
  field: "UserName",
  name: (call) => userName(call.p),
  arn: userArn,
  exists: (call, name) => call.ctx.model.users.get(call.account, name),
};

const ROLE: Owner = {
  type: "role",
  field: "RoleName",
  name: (call) => roleName(call.p),
  arn: roleArn,
  exists: (call, name) => call.ctx.model.roles.get(call.account, name),
};

function putPolicy(owner: Owner): IamHandler {
  return async function putInlinePolicy(call) {
    const name = owner.name(call);
    const policy = policyName(call.p);
    const document = policyDocument(call.p, "PolicyDocument", "identity");
    await call.allow(await owner.arn(call, name));
    await owner.exists(call, name);
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
    return { PolicyNames: members(records.map((r) => r.policyName)), IsTruncated: false };
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
