// IAM operations → the IAM action they need. Every IAM action is named after its operation;
// the resource is the entity acted on, resolved by the handler (its ARN carries the entity's
// path); an operation without a resource type (ListPolicies, ListGroups) is asked on "*". An
// operation missing here is denied, never allowed.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html

export const IAM_OPERATIONS = [
  "CreateUser",
  "GetUser",
  "ListUsers",
  "DeleteUser",
  "CreateAccessKey",
  "ListAccessKeys",
  "UpdateAccessKey",
  "DeleteAccessKey",
  "CreateRole",
  "GetRole",
  "ListRoles",
  "DeleteRole",
  "UpdateAssumeRolePolicy",
  "UpdateRole",
  "UpdateRoleDescription",
  "PutRolePolicy",
  "GetRolePolicy",
  "ListRolePolicies",
  "DeleteRolePolicy",
  "PutUserPolicy",
  "GetUserPolicy",
  "ListUserPolicies",
  "DeleteUserPolicy",
  "CreateInstanceProfile",
  "GetInstanceProfile",
  "ListInstanceProfiles",
  "ListInstanceProfilesForRole",
  "DeleteInstanceProfile",
  "AddRoleToInstanceProfile",
  "RemoveRoleFromInstanceProfile",
  // Customer and AWS managed policies: the resource is the policy.
  "CreatePolicy",
  "GetPolicy",
  "ListPolicies",
  "DeletePolicy",
  "CreatePolicyVersion",
  "GetPolicyVersion",
  "ListPolicyVersions",
  "DeletePolicyVersion",
  "SetDefaultPolicyVersion",
  "ListEntitiesForPolicy",
  // Attaching: the resource is the user, role or group; the policy is iam:PolicyARN.
  "AttachUserPolicy",
  "DetachUserPolicy",
  "ListAttachedUserPolicies",
  "AttachRolePolicy",
  "DetachRolePolicy",
  "ListAttachedRolePolicies",
  "AttachGroupPolicy",
  "DetachGroupPolicy",
  "ListAttachedGroupPolicies",
  // Groups: the resource is the group (ListGroupsForUser: the user).
  "CreateGroup",
  "GetGroup",
  "ListGroups",
  "DeleteGroup",
  "AddUserToGroup",
  "RemoveUserFromGroup",
  "ListGroupsForUser",
  "PutGroupPolicy",
  "GetGroupPolicy",
  "ListGroupPolicies",
  "DeleteGroupPolicy",
  // Permissions boundaries: the resource is the user or role; the boundary is
  // iam:PermissionsBoundary.
  "PutUserPermissionsBoundary",
  "DeleteUserPermissionsBoundary",
  "PutRolePermissionsBoundary",
  "DeleteRolePermissionsBoundary",
  // The policy simulator: custom policies on "*", a principal's on its ARN.
  "SimulateCustomPolicy",
  "SimulatePrincipalPolicy",
] as const;

export type IamOperation = (typeof IAM_OPERATIONS)[number];

export const iamAction = (operation: IamOperation): string => `iam:${operation}`;

export const iamEntityArn = (account: string, type: string, path: string, name: string) =>
  `arn:aws:iam::${account}:${type}${path}${name}`;

/**
 * What ListUsers, ListRoles, ListGroups and ListInstanceProfiles are asked on: the entity type's
 * ARN up to the PathPrefix, `arn:aws:iam::123456789012:role/`. The Service Authorization
 * Reference gives them no resource type, but IAM's AccessDenied for them names this ARN ("…not
 * authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/"), so a
 * policy on `role/*` grants or denies the listing, as on AWS.
 */
export const listedPathArn = (account: string, type: string, pathPrefix: string) =>
  iamEntityArn(account, type, pathPrefix, "");
