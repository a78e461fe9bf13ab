import { iamEntityArn } from "../../catalog/iam.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { paginate } from "./pagination.js";
import { roleShape } from "./shapes.js";
import { path, policyDocument, roleName } from "./validation.js";

export async function roleArn(call: IamCall, name: string): Promise<string> {
  const role = await call.ctx.model.roles.find(call.account, name);
  return role?.arn ?? iamEntityArn(call.account, "role", "/", name);
}

export const createRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  const rolePath = path(call.p);
  const trust = policyDocument(call.p, "AssumeRolePolicyDocument", "trust");
  const maxSessionDuration = call.p.integer("MaxSessionDuration", 3600, 43200) ?? 3600;
  const description = call.p.optional("Description");
  await call.allow(iamEntityArn(call.account, "role", rolePath, name));
  const role = await call.ctx.model.roles.create(call.account, {
    roleName: name,
    path: rolePath,
    assumeRolePolicyDocument: trust,
    maxSessionDuration,
    ...(description !== undefined ? { description } : {}),
  });
  return { Role: roleShape(role) };
};

export const getRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  await call.allow(await roleArn(call, name));
  return { Role: roleShape(await call.ctx.model.roles.get(call.account, name)) };
};

export const listRoles: IamHandler = async (call) => {
  const prefix = call.p.optional("PathPrefix") ?? "/";
  await call.allow(iamEntityArn(call.account, "role", prefix, ""));
  const roles = await call.ctx.model.roles.list(call.account);
  const page = paginate(
    call.p,
    roles.filter((r) => r.path.startsWith(prefix)),
  );
  return { Roles: members(page.items.map(roleShape)), ...page.marker };
};

export const deleteRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  await call.allow(await roleArn(call, name));
  await call.ctx.model.roles.delete(call.account, name);
  return undefined;
};

export const updateAssumeRolePolicy: IamHandler = async (call) => {
  const name = roleName(call.p);
  const trust = policyDocument(call.p, "PolicyDocument", "trust");
  await call.allow(await roleArn(call, name));
  await call.ctx.model.roles.updateTrustPolicy(call.account, name, trust);
  return undefined;
};
