import { passRoleToEc2 } from "../../catalog/ec2.js";
import { iamEntityArn, listedPathArn } from "../../catalog/iam.js";
import type { InstanceProfileRecord, RoleRecord } from "../../model/types.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { paginate } from "./pagination.js";
import { roleArn } from "./roles.js";
import { profileShape } from "./shapes.js";
import { shownRole } from "./trust-principals.js";
import { path, pathPrefix, profileName, roleName } from "./validation.js";

async function profileArn(call: IamCall, name: string): Promise<string> {
  const profile = await call.ctx.model.instanceProfiles.find(call.account, name);
  return profile?.arn ?? iamEntityArn(call.account, "instance-profile", "/", name);
}

async function shape(call: IamCall, profile: InstanceProfileRecord) {
  const roles: RoleRecord[] = [];
  for (const name of profile.roleNames) {
    const role = await call.ctx.model.roles.find(call.account, name);
    if (role) roles.push(await shownRole(call, role));
  }
  return profileShape(profile, roles);
}

export const createInstanceProfile: IamHandler = async (call) => {
  const name = profileName(call.p);
  const profilePath = path(call.p);
  await call.allow(iamEntityArn(call.account, "instance-profile", profilePath, name));
  const profile = await call.ctx.model.instanceProfiles.create(call.account, name, profilePath);
  return { InstanceProfile: await shape(call, profile) };
};

export const getInstanceProfile: IamHandler = async (call) => {
  const name = profileName(call.p);
  await call.allow(await profileArn(call, name));
  const profile = await call.ctx.model.instanceProfiles.get(call.account, name);
  return { InstanceProfile: await shape(call, profile) };
};

export const listInstanceProfiles: IamHandler = async (call) => {
  const prefix = pathPrefix(call.p);
  await call.allow(listedPathArn(call.account, "instance-profile", prefix));
  const all = await call.ctx.model.instanceProfiles.list(call.account);
  const page = paginate(
    call.p,
    all.filter((profile) => profile.path.startsWith(prefix)),
  );
  const shaped = await Promise.all(page.items.map((profile) => shape(call, profile)));
  return { InstanceProfiles: members(shaped), ...page.marker };
};

export const listInstanceProfilesForRole: IamHandler = async (call) => {
  const name = roleName(call.p);
  await call.allow(await roleArn(call, name));
  const role = await call.ctx.model.roles.get(call.account, name);
  const all = await call.ctx.model.instanceProfiles.list(call.account);
  const mine = all.filter((profile) => profile.roleNames.includes(role.roleName));
  const page = paginate(call.p, mine);
  const shaped = await Promise.all(page.items.map((profile) => shape(call, profile)));
  return { InstanceProfiles: members(shaped), ...page.marker };
};

export const deleteInstanceProfile: IamHandler = async (call) => {
  const name = profileName(call.p);
  await call.allow(await profileArn(call, name));
  await call.ctx.model.instanceProfiles.delete(call.account, name);
  return undefined;
};

/**
 * Adding a role to a profile hands it to every instance the profile is associated with, so the
 * caller needs iam:PassRole on the role as well (IAM API Reference, AddRoleToInstanceProfile,
 * which also says what iam:AssociatedResourceArn holds here).
 */
export const addRoleToInstanceProfile: IamHandler = async (call) => {
  const name = profileName(call.p);
  const role = roleName(call.p);
  await call.allow(await profileArn(call, name));
  await call.ctx.authorize(
    passRoleToEc2(await roleArn(call, role), {
      "iam:AssociatedResourceArn": `arn:aws:ec2:*:${call.account}:instance/*`,
    }),
  );
  await call.ctx.model.instanceProfiles.addRole(call.account, name, role);
  return undefined;
};

export const removeRoleFromInstanceProfile: IamHandler = async (call) => {
  const name = profileName(call.p);
  const role = roleName(call.p);
  await call.allow(await profileArn(call, name));
  await call.ctx.model.instanceProfiles.removeRole(call.account, name, role);
  return undefined;
};
