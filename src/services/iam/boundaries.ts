// Put/Delete{User,Role}PermissionsBoundary. A boundary is a managed policy (the account's own or
// AWS managed) that caps what the identity policies of a user or role can allow; the policy
// engine receives it as the request's permissionsBoundary.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
import type { IamCall, IamHandler } from "./call.js";
import { type Owner, ROLE, USER } from "./owners.js";
import { policyArn } from "./validation.js";

function setter(call: IamCall, owner: Owner) {
  const { users, roles } = call.ctx.model;
  return owner.type === "user" ? users : roles;
}

function putBoundary(owner: Owner): IamHandler {
  return async function putPermissionsBoundary(call) {
    const name = owner.name(call);
    const arn = policyArn(call.p, "PermissionsBoundary");
    await call.allow(await owner.arn(call, name), {
      context: { "iam:PermissionsBoundary": arn },
    });
    await setter(call, owner).setBoundary(call.account, name, arn);
    return undefined;
  };
}

function deleteBoundary(owner: Owner): IamHandler {
  return async function deletePermissionsBoundary(call) {
    const name = owner.name(call);
    // The boundary being removed is the request's iam:PermissionsBoundary, so that a policy can
    // forbid removing the boundary it relies on.
    const { users, roles } = call.ctx.model;
    const current = (
      owner.type === "user"
        ? await users.find(call.account, name)
        : await roles.find(call.account, name)
    )?.permissionsBoundaryArn;
    await call.allow(
      await owner.arn(call, name),
      current === undefined ? {} : { context: { "iam:PermissionsBoundary": current } },
    );
    await setter(call, owner).setBoundary(call.account, name, undefined);
    return undefined;
  };
}

export const putUserPermissionsBoundary = putBoundary(USER);
export const deleteUserPermissionsBoundary = deleteBoundary(USER);
export const putRolePermissionsBoundary = putBoundary(ROLE);
export const deleteRolePermissionsBoundary = deleteBoundary(ROLE);
