// The users, roles and groups that policies attach to, as the IAM API names them: one
// description per kind so that inline and attached policies share one implementation.
import { iamEntityArn } from "../../catalog/iam.js";
import type { PolicyOwnerType } from "../../model/types.js";
import {
  groupInlineLimit,
  roleInlineLimit,
  type SizeLimit,
  userInlineLimit,
} from "../../policy/index.js";
import type { IamCall } from "./call.js";
import { groupName, roleName, userName } from "./validation.js";

export interface Owner {
  type: PolicyOwnerType;
  field: "UserName" | "RoleName" | "GroupName";
  /** The owner's name parameter, validated. */
  name(call: IamCall): string;
  /** The owner's ARN (with its path), or the one it would have under "/" when it does not exist. */
  arn(call: IamCall, name: string): Promise<string>;
  /** Throws NoSuchEntity when the owner does not exist. */
  exists(call: IamCall, name: string): Promise<unknown>;
  /** The aggregate size quota of the owner's inline policies. */
  inlineLimit(name: string): SizeLimit;
}

export const USER: Owner = {
  type: "user",
  field: "UserName",
  name: (call) => userName(call.p),
  arn: async (call, name) => {
    const user = await call.ctx.model.users.find(call.account, name);
    return user?.arn ?? iamEntityArn(call.account, "user", "/", name);
  },
  exists: (call, name) => call.ctx.model.users.get(call.account, name),
  inlineLimit: userInlineLimit,
};

export const ROLE: Owner = {
  type: "role",
  field: "RoleName",
  name: (call) => roleName(call.p),
  arn: async (call, name) => {
    const role = await call.ctx.model.roles.find(call.account, name);
    return role?.arn ?? iamEntityArn(call.account, "role", "/", name);
  },
  exists: (call, name) => call.ctx.model.roles.get(call.account, name),
  inlineLimit: roleInlineLimit,
};

export const GROUP: Owner = {
  type: "group",
  field: "GroupName",
  name: (call) => groupName(call.p),
  arn: async (call, name) => {
    const group = await call.ctx.model.groups.find(call.account, name);
    return group?.arn ?? iamEntityArn(call.account, "group", "/", name);
  },
  exists: (call, name) => call.ctx.model.groups.get(call.account, name),
  inlineLimit: groupInlineLimit,
};
