import { iamEntityArn, listedPathArn } from "../../catalog/iam.js";
import { trustPolicyLimit } from "../../policy/index.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { paginate } from "./pagination.js";
import { roleShape } from "./shapes.js";
import { shownRole, trustPrincipalIds } from "./trust-principals.js";
import { boundaryArn, path, pathPrefix, policyDocument, roleName } from "./validation.js";

export async function roleArn(call: IamCall, name: string): Promise<string> {
  const role = await call.ctx.model.roles.find(call.account, name);
  return role?.arn ?? iamEntityArn(call.account, "role", "/", name);
}

export const createRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  const rolePath = path(call.p);
  const trust = policyDocument(call.p, "AssumeRolePolicyDocument", "trust", trustPolicyLimit());
  const maxSessionDuration = call.p.integer("MaxSessionDuration", 3600, 43200) ?? 3600;
  const description = call.p.optional("Description");
  const boundary = boundaryArn(call.p);
  await call.allow(
    iamEntityArn(call.account, "role", rolePath, name),
    boundary === undefined ? {} : { context: { "iam:PermissionsBoundary": boundary } },
  );
  const role = await call.ctx.model.roles.create(call.account, {
    roleName: name,
    path: rolePath,
    assumeRolePolicyDocument: trust,
    trustPrincipalIds: await trustPrincipalIds(call, trust),
    maxSessionDuration,
    ...(description !== undefined ? { description } : {}),
    ...(boundary !== undefined ? { permissionsBoundaryArn: boundary } : {}),
  });
  return { Role: roleShape(role, true) };
};

export const getRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  await call.allow(await roleArn(call, name));
  const role = await call.ctx.model.roles.get(call.account, name);
  return { Role: roleShape(await shownRole(call, role), true) };
};

export const listRoles: IamHandler = async (call) => {
  const prefix = pathPrefix(call.p);
  await call.allow(listedPathArn(call.account, "role", prefix));
  const roles = await call.ctx.model.roles.list(call.account);
  const page = paginate(
    call.p,
    roles.filter((r) => r.path.startsWith(prefix)),
  );
  const shown = await Promise.all(page.items.map((role) => shownRole(call, role)));
  return { Roles: members(shown.map((role) => roleShape(role))), ...page.marker };
};

export const deleteRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  await call.allow(await roleArn(call, name));
  await call.ctx.model.roles.delete(call.account, name);
  return undefined;
};

export const updateAssumeRolePolicy: IamHandler = async (call) => {
  const name = roleName(call.p);
  const trust = policyDocument(call.p, "PolicyDocument", "trust", trustPolicyLimit());
  await call.allow(await roleArn(call, name));
  const ids = await trustPrincipalIds(call, trust);
  await call.ctx.model.roles.updateTrustPolicy(call.account, name, trust, ids);
  return undefined;
};

/** UpdateRole changes the description and the longest session; it answers nothing. */
export const updateRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  const description = call.p.optional("Description");
  const maxSessionDuration = call.p.integer("MaxSessionDuration", 3600, 43200);
  await call.allow(await roleArn(call, name));
  await call.ctx.model.roles.update(call.account, name, {
    ...(description !== undefined ? { description } : {}),
    ...(maxSessionDuration !== undefined ? { maxSessionDuration } : {}),
  });
  return {};
};

/** UpdateRoleDescription answers with the role as it now is. */
export const updateRoleDescription: IamHandler = async (call) => {
  const name = roleName(call.p);
  const description = call.p.required("Description");
  await call.allow(await roleArn(call, name));
  const role = await call.ctx.model.roles.update(call.account, name, { description });
  return { Role: roleShape(await shownRole(call, role), true) };
};
