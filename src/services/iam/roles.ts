import { iamEntityArn } from "../../catalog/iam.js";
import { trustPolicyLimit } from "../../policy/index.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { paginate } from "./pagination.js";
import { roleShape } from "./shapes.js";
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
    maxSessionDuration,
    ...(description !== undefined ? { description } : {}),
    ...(boundary !== undefined ? { permissionsBoundaryArn: boundary } : {}),
  });
  return { Role: roleShape(role, true) };
};

export const getRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  await call.allow(await roleArn(call, name));
  return { Role: roleShape(await call.ctx.model.roles.get(call.account, name), true) };
};

export const listRoles: IamHandler = async (call) => {
  const prefix = pathPrefix(call.p);
  // A list action has no resource type: it is asked on "*" (Service Authorization Reference).
  await call.allow("*");
  const roles = await call.ctx.model.roles.list(call.account);
  const page = paginate(
    call.p,
    roles.filter((r) => r.path.startsWith(prefix)),
  );
  return { Roles: members(page.items.map((role) => roleShape(role))), ...page.marker };
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
  await call.ctx.model.roles.updateTrustPolicy(call.account, name, trust);
  return undefined;
};
