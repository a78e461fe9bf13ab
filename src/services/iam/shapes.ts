// IAM records as the IAM API returns them. Policy documents go out URL-encoded, as AWS sends
// them (the SDKs and the CLI decode them).
import type {
  AccessKeyRecord,
  InstanceProfileRecord,
  RoleRecord,
  UserRecord,
} from "../../model/types.js";
import { isoSeconds, members } from "../../server/query-protocol.js";

export const userShape = (user: UserRecord) => ({
  Path: user.path,
  UserName: user.userName,
  UserId: user.userId,
  Arn: user.arn,
  CreateDate: isoSeconds(user.createDate),
});

export const roleShape = (role: RoleRecord) => ({
  Path: role.path,
  RoleName: role.roleName,
  RoleId: role.roleId,
  Arn: role.arn,
  CreateDate: isoSeconds(role.createDate),
  AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
  ...(role.description !== undefined ? { Description: role.description } : {}),
  MaxSessionDuration: role.maxSessionDuration,
});

export const profileShape = (profile: InstanceProfileRecord, roles: readonly RoleRecord[]) => ({
  Path: profile.path,
  InstanceProfileName: profile.instanceProfileName,
  InstanceProfileId: profile.instanceProfileId,
  Arn: profile.arn,
  CreateDate: isoSeconds(profile.createDate),
  Roles: members(roles.map(roleShape)),
});

export const accessKeyMetadataShape = (key: AccessKeyRecord) => ({
  UserName: key.owner.type === "user" ? key.owner.userName : "",
  AccessKeyId: key.accessKeyId,
  Status: key.status,
  CreateDate: isoSeconds(key.createDate),
});
