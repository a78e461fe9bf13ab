// The IAM Query API. Every operation is dispatched through the catalogue, and every handler
// must authorize before it acts: a handler that returns without having asked is a bug, and the
// request fails rather than passing unchecked.
import { IAM_OPERATIONS, type IamOperation, iamAction } from "../../catalog/iam.js";
import { AwsError } from "../../errors/aws-error.js";
import type { Reply, RequestContext } from "../../server/context.js";
import { API_VERSION, unknownOperation } from "../../server/detect-service.js";
import { queryReply } from "../../server/query-protocol.js";
import { Params } from "../query/params.js";
import * as keys from "./access-keys.js";
import * as attached from "./attached-policies.js";
import * as boundaries from "./boundaries.js";
import type { IamCall, IamHandler } from "./call.js";
import * as entities from "./entities-for-policy.js";
import * as groups from "./groups.js";
import * as policies from "./inline-policies.js";
import * as profiles from "./instance-profiles.js";
import * as managed from "./managed-policies.js";
import * as versions from "./policy-versions.js";
import * as roles from "./roles.js";
import * as simulator from "./simulate.js";
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
  UpdateRole: roles.updateRole,
  UpdateRoleDescription: roles.updateRoleDescription,
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
  CreatePolicy: managed.createPolicy,
  GetPolicy: managed.getPolicy,
  ListPolicies: managed.listPolicies,
  DeletePolicy: managed.deletePolicy,
  CreatePolicyVersion: versions.createPolicyVersion,
  GetPolicyVersion: versions.getPolicyVersion,
  ListPolicyVersions: versions.listPolicyVersions,
  DeletePolicyVersion: versions.deletePolicyVersion,
  SetDefaultPolicyVersion: versions.setDefaultPolicyVersion,
  ListEntitiesForPolicy: entities.listEntitiesForPolicy,
  AttachUserPolicy: attached.attachUserPolicy,
  DetachUserPolicy: attached.detachUserPolicy,
  ListAttachedUserPolicies: attached.listAttachedUserPolicies,
  AttachRolePolicy: attached.attachRolePolicy,
  DetachRolePolicy: attached.detachRolePolicy,
  ListAttachedRolePolicies: attached.listAttachedRolePolicies,
  AttachGroupPolicy: attached.attachGroupPolicy,
  DetachGroupPolicy: attached.detachGroupPolicy,
  ListAttachedGroupPolicies: attached.listAttachedGroupPolicies,
  CreateGroup: groups.createGroup,
  GetGroup: groups.getGroup,
  ListGroups: groups.listGroups,
  DeleteGroup: groups.deleteGroup,
  AddUserToGroup: groups.addUserToGroup,
  RemoveUserFromGroup: groups.removeUserFromGroup,
  ListGroupsForUser: groups.listGroupsForUser,
  PutGroupPolicy: policies.putGroupPolicy,
  GetGroupPolicy: policies.getGroupPolicy,
  ListGroupPolicies: policies.listGroupPolicies,
  DeleteGroupPolicy: policies.deleteGroupPolicy,
  PutUserPermissionsBoundary: boundaries.putUserPermissionsBoundary,
  DeleteUserPermissionsBoundary: boundaries.deleteUserPermissionsBoundary,
  PutRolePermissionsBoundary: boundaries.putRolePermissionsBoundary,
  DeleteRolePermissionsBoundary: boundaries.deleteRolePermissionsBoundary,
  SimulateCustomPolicy: simulator.simulateCustomPolicy,
  SimulatePrincipalPolicy: simulator.simulatePrincipalPolicy,
};

const isOperation = (name: string): name is IamOperation =>
  (IAM_OPERATIONS as readonly string[]).includes(name);

export async function handleIam(ctx: RequestContext, params: URLSearchParams): Promise<Reply> {
  const action = params.get("Action");
  if (!action) throw new AwsError("MissingAction", "Missing Action parameter.");
  const version = params.get("Version");
  if (!isOperation(action) || (version !== null && version !== API_VERSION.iam)) {
    throw unknownOperation("iam", action, version);
  }
  // GetSessionToken credentials without MFA may not call IAM at all; AWS answers as if the
  // token were invalid. https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
  if (ctx.auth.caller.userSession) throw new AwsError("InvalidClientTokenId");
  let authorized = false;
  const call: IamCall = {
    ctx,
    p: new Params(params),
    account: ctx.auth.caller.account,
    allow: async (resource, options = {}) => {
      await ctx.authorize({ action: iamAction(action), resource, ...options });
      authorized = true;
      // After the caller is known to be allowed, as AWS answers AccessDenied first; before
      // the handler changes anything.
      refuseTags(action, params);
    },
  };
  const result = await HANDLERS[action](call);
  if (!authorized) throw new AwsError("InternalError", `${action} did not authorize its request.`);
  return queryReply("iam", action, result, ctx.requestId);
}

/**
 * TODO(iam-tags): keyless keeps no IAM tags yet. A Create* call that brings Tags is refused
 * rather than carried out without them, since iam:TagUser would go unchecked, aws:RequestTag
 * conditions could never apply and aws:PrincipalTag would never come from the entity.
 */
function refuseTags(action: string, params: URLSearchParams): void {
  if (![...params.keys()].some((name) => name.startsWith("Tags.member."))) return;
  throw new AwsError(
    "InvalidInput",
    `keyless does not keep IAM tags yet: call ${action} without Tags (README, "Not yet").`,
  );
}
