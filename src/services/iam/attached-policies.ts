// Attach/Detach/ListAttached of managed policies for users, roles and groups: one implementation,
// three owners. The resource is the identity; the policy reaches the engine as iam:PolicyARN.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_policyarn
import { members } from "../../server/query-protocol.js";
import type { IamHandler } from "./call.js";
import { GROUP, type Owner, ROLE, USER } from "./owners.js";
import { paginate } from "./pagination.js";
import { policyArn, policyPathPrefix } from "./validation.js";

function attachPolicy(owner: Owner): IamHandler {
  return async function attachManagedPolicy(call) {
    const name = owner.name(call);
    const arn = policyArn(call.p);
    await call.allow(await owner.arn(call, name), { context: { "iam:PolicyARN": arn } });
    await call.ctx.model.attachments.attach(call.account, owner.type, name, arn);
    return undefined;
  };
}

function detachPolicy(owner: Owner): IamHandler {
  return async function detachManagedPolicy(call) {
    const name = owner.name(call);
    const arn = policyArn(call.p);
    await call.allow(await owner.arn(call, name), { context: { "iam:PolicyARN": arn } });
    await call.ctx.model.attachments.detach(call.account, owner.type, name, arn);
    return undefined;
  };
}

function listAttached(owner: Owner): IamHandler {
  return async function listAttachedPolicies(call) {
    const name = owner.name(call);
    const prefix = policyPathPrefix(call.p);
    await call.allow(await owner.arn(call, name));
    await owner.exists(call, name);
    const { attachments, managedPolicies } = call.ctx.model;
    const attached = [];
    for (const attachment of await attachments.list(call.account, owner.type, name)) {
      const policy = await managedPolicies.find(attachment.policyArn);
      if (policy?.path.startsWith(prefix)) attached.push(policy);
    }
    const page = paginate(call.p, attached);
    const shaped = page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.arn }));
    return { AttachedPolicies: members(shaped), ...page.marker };
  };
}

export const attachUserPolicy = attachPolicy(USER);
export const detachUserPolicy = detachPolicy(USER);
export const listAttachedUserPolicies = listAttached(USER);
export const attachRolePolicy = attachPolicy(ROLE);
export const detachRolePolicy = detachPolicy(ROLE);
export const listAttachedRolePolicies = listAttached(ROLE);
export const attachGroupPolicy = attachPolicy(GROUP);
export const detachGroupPolicy = detachPolicy(GROUP);
export const listAttachedGroupPolicies = listAttached(GROUP);
