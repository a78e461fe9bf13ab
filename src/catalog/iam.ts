// IAM operations → the IAM action they need. Every IAM action is named after its operation;
// the resource is the entity acted on, resolved by the handler (its ARN carries the entity's
// path). An operation missing here is denied, never allowed.
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
] as const;

export type IamOperation = (typeof IAM_OPERATIONS)[number];

export const iamAction = (operation: IamOperation): string => `iam:${operation}`;

export const iamEntityArn = (account: string, type: string, path: string, name: string) =>
  `arn:aws:iam::${account}:${type}${path}${name}`;
