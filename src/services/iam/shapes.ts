// IAM records as the IAM API returns them. Policy documents go out URL-encoded, as AWS sends
// them (the SDKs and the CLI decode them).

import { isoSeconds } from "../../clock/time-text.js";
import { defaultVersion } from "../../model/managed-policies.js";
import type { PolicyUsage } from "../../model/policy-usage.js";
import type {
  AccessKeyRecord,
  GroupRecord,
  InstanceProfileRecord,
  ManagedPolicyRecord,
  PolicyVersionRecord,
  RoleRecord,
  UserRecord,
} from "../../model/types.js";
import { members } from "../../server/query-protocol.js";

/**
 * GetUser, GetRole, CreateUser and CreateRole show the permissions boundary; the List operations
 * leave it out ("This operation does not return the following attributes … PermissionsBoundary").
 */
const boundary = (arn: string | undefined, shown: boolean) =>
  shown && arn !== undefined
    ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn } }
    : {};

export const userShape = (user: UserRecord, withBoundary = false) => ({
  Path: user.path,
  UserName: user.userName,
  UserId: user.userId,
  Arn: user.arn,
  CreateDate: isoSeconds(user.createDate),
  ...boundary(user.permissionsBoundaryArn, withBoundary),
});

export const roleShape = (role: RoleRecord, withBoundary = false) => ({
  Path: role.path,
  RoleName: role.roleName,
  RoleId: role.roleId,
  Arn: role.arn,
  CreateDate: isoSeconds(role.createDate),
  AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
  ...(role.description !== undefined ? { Description: role.description } : {}),
  MaxSessionDuration: role.maxSessionDuration,
  ...boundary(role.permissionsBoundaryArn, withBoundary),
});

export const groupShape = (group: GroupRecord) => ({
  Path: group.path,
  GroupName: group.groupName,
  GroupId: group.groupId,
  Arn: group.arn,
  CreateDate: isoSeconds(group.createDate),
});

/**
 * A managed policy with its use in the caller's account. GetPolicy adds the description and the
 * tags; CreatePolicy and ListPolicies leave them out.
 */
export const policyShape = (policy: ManagedPolicyRecord, usage: PolicyUsage, detail = false) => ({
  PolicyName: policy.policyName,
  PolicyId: policy.policyId,
  Arn: policy.arn,
  Path: policy.path,
  DefaultVersionId: defaultVersion(policy).versionId,
  AttachmentCount: usage.attachmentCount(policy.arn),
  PermissionsBoundaryUsageCount: usage.boundaryCount(policy.arn),
  IsAttachable: true,
  ...(detail && policy.description !== undefined ? { Description: policy.description } : {}),
  CreateDate: isoSeconds(policy.createDate),
  UpdateDate: isoSeconds(policy.updateDate),
  ...(detail ? { Tags: "" } : {}),
});

/** A policy version; only GetPolicyVersion carries the document, URL-encoded. */
export const versionShape = (
  policy: ManagedPolicyRecord,
  version: PolicyVersionRecord,
  withDocument = false,
) => ({
  ...(withDocument ? { Document: encodeURIComponent(version.document) } : {}),
  VersionId: version.versionId,
  IsDefaultVersion: version.versionId === policy.defaultVersionId,
  CreateDate: isoSeconds(version.createDate),
});

export const profileShape = (profile: InstanceProfileRecord, roles: readonly RoleRecord[]) => ({
  Path: profile.path,
  InstanceProfileName: profile.instanceProfileName,
  InstanceProfileId: profile.instanceProfileId,
  Arn: profile.arn,
  CreateDate: isoSeconds(profile.createDate),
  Roles: members(roles.map((role) => roleShape(role))),
});

export const accessKeyMetadataShape = (key: AccessKeyRecord) => ({
  UserName: key.owner.type === "user" ? key.owner.userName : "",
  AccessKeyId: key.accessKeyId,
  Status: key.status,
  CreateDate: isoSeconds(key.createDate),
});
