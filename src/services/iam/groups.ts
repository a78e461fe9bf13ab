// Groups and their members. The resource of membership operations is the group, except
// ListGroupsForUser, whose resource is the user (Service Authorization Reference).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html
import { iamEntityArn, listedPathArn } from "../../catalog/iam.js";
import { members } from "../../server/query-protocol.js";
import type { IamHandler } from "./call.js";
import { GROUP, USER } from "./owners.js";
import { paginate } from "./pagination.js";
import { groupShape, userShape } from "./shapes.js";
import { groupName, path, pathPrefix, userName } from "./validation.js";

export const createGroup: IamHandler = async (call) => {
  const name = groupName(call.p);
  const groupPath = path(call.p);
  await call.allow(iamEntityArn(call.account, "group", groupPath, name));
  const group = await call.ctx.model.groups.create(call.account, name, groupPath);
  return { Group: groupShape(group) };
};

export const getGroup: IamHandler = async (call) => {
  const name = groupName(call.p);
  await call.allow(await GROUP.arn(call, name));
  const { groups } = call.ctx.model;
  const group = await groups.get(call.account, name);
  const page = paginate(call.p, await groups.members(call.account, group.groupName));
  return {
    Group: groupShape(group),
    Users: members(page.items.map((user) => userShape(user))),
    ...page.marker,
  };
};

export const listGroups: IamHandler = async (call) => {
  const prefix = pathPrefix(call.p);
  await call.allow(listedPathArn(call.account, "group", prefix));
  const groups = await call.ctx.model.groups.list(call.account);
  const page = paginate(
    call.p,
    groups.filter((group) => group.path.startsWith(prefix)),
  );
  return { Groups: members(page.items.map(groupShape)), ...page.marker };
};

export const deleteGroup: IamHandler = async (call) => {
  const name = groupName(call.p);
  await call.allow(await GROUP.arn(call, name));
  await call.ctx.model.groups.delete(call.account, name);
  return undefined;
};

export const addUserToGroup: IamHandler = async (call) => {
  const group = groupName(call.p);
  const user = userName(call.p);
  await call.allow(await GROUP.arn(call, group));
  await call.ctx.model.groups.addUser(call.account, group, user);
  return undefined;
};

export const removeUserFromGroup: IamHandler = async (call) => {
  const group = groupName(call.p);
  const user = userName(call.p);
  await call.allow(await GROUP.arn(call, group));
  await call.ctx.model.groups.removeUser(call.account, group, user);
  return undefined;
};

export const listGroupsForUser: IamHandler = async (call) => {
  const user = userName(call.p);
  await call.allow(await USER.arn(call, user));
  const record = await call.ctx.model.users.get(call.account, user);
  const groups = await call.ctx.model.groups.groupsOf(call.account, record.userName);
  const page = paginate(call.p, groups);
  return { Groups: members(page.items.map(groupShape)), ...page.marker };
};
