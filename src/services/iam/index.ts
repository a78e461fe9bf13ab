// The IAM Query API. Every operation is dispatched through the catalogue, and every handler
// must authorize before it acts: a handler that returns without having asked is a bug, and the
// request fails rather than passing unchecked.
import { IAM_OPERATIONS, type IamOperation, iamAction } from "../../catalog/iam.js";
import { AwsError } from "../../errors/aws-error.js";
import type { Reply, RequestContext } from "../../server/context.js";
import { queryReply } from "../../server/query-protocol.js";
import { Params } from "../query/params.js";
import * as keys from "./access-keys.js";
import type { IamCall, IamHandler } from "./call.js";
import * as policies from "./inline-policies.js";
import * as profiles from "./instance-profiles.js";
import * as roles from "./roles.js";
import * as users from "./users.js";

const HANDLERS: Record<IamOperation, IamHandler> = {
  CreateUser: users.createUser,
  GetUser: users.getUser,
  ListUsers: users.listUsers,
  DeleteUser: users.deleteUser,
  CreateAccessKey: keys.createAccessKey,
  ListAccessKeys: keys.listAccessKeys,
  UpdateAccessKey: keys.updateAccessKey,
  DeleteAccessKey: keys.deleteAccessKey,
  CreateRole: roles.createRole,
  GetRole: roles.getRole,
  ListRoles: roles.listRoles,
  DeleteRole: roles.deleteRole,
  UpdateAssumeRolePolicy: roles.updateAssumeRolePolicy,
  PutRolePolicy: policies.putRolePolicy,
  GetRolePolicy: policies.getRolePolicy,
  ListRolePolicies: policies.listRolePolicies,
  DeleteRolePolicy: policies.deleteRolePolicy,
  PutUserPolicy: policies.putUserPolicy,
  GetUserPolicy: policies.getUserPolicy,
  ListUserPolicies: policies.listUserPolicies,
  DeleteUserPolicy: policies.deleteUserPolicy,
  CreateInstanceProfile: profiles.createInstanceProfile,
  GetInstanceProfile: profiles.getInstanceProfile,
  ListInstanceProfiles: profiles.listInstanceProfiles,
  ListInstanceProfilesForRole: profiles.listInstanceProfilesForRole,
  DeleteInstanceProfile: profiles.deleteInstanceProfile,
  AddRoleToInstanceProfile: profiles.addRoleToInstanceProfile,
  RemoveRoleFromInstanceProfile: profiles.removeRoleFromInstanceProfile,
};

const isOperation = (name: string): name is IamOperation =>
  (IAM_OPERATIONS as readonly string[]).includes(name);

export async function handleIam(ctx: RequestContext, params: URLSearchParams): Promise<Reply> {
  const action = params.get("Action");
  if (!action) throw new AwsError("MissingAction", "Missing Action parameter.");
  if (!isOperation(action)) {
    throw new AwsError(
      "InvalidAction",
      `Could not find operation ${action} for version 2010-05-08`,
    );
  }
  let authorized = false;
  const call: IamCall = {
    ctx,
    p: new Params(params),
    account: ctx.auth.caller.account,
    allow: async (resource) => {
      await ctx.authorize({ action: iamAction(action), resource });
      authorized = true;
    },
  };
  const result = await HANDLERS[action](call);
  if (!authorized) throw new AwsError("InternalError", `${action} did not authorize its request.`);
  return queryReply("iam", action, result, ctx.requestId);
}
