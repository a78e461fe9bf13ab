import { iamEntityArn, listedPathArn } from "../../catalog/iam.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { paginate } from "./pagination.js";
import { userShape } from "./shapes.js";
import { boundaryArn, path, pathPrefix, userName } from "./validation.js";

/** The ARN a user has, or would have with the default path when it does not exist. */
export async function userArn(call: IamCall, name: string): Promise<string> {
  const user = await call.ctx.model.users.find(call.account, name);
  return user?.arn ?? iamEntityArn(call.account, "user", "/", name);
}

/** Operations on "the user" default to the calling user when UserName is absent. */
export function userNameOrCaller(call: IamCall): string {
  if (call.p.optional("UserName") !== undefined) return userName(call.p);
  return call.ctx.auth.caller.userName ?? userName(call.p);
}

export const createUser: IamHandler = async (call) => {
  const name = userName(call.p);
  const userPath = path(call.p);
  const boundary = boundaryArn(call.p);
  await call.allow(
    iamEntityArn(call.account, "user", userPath, name),
    boundary === undefined ? {} : { context: { "iam:PermissionsBoundary": boundary } },
  );
  const user = await call.ctx.model.users.create(call.account, name, userPath, boundary);
  return { User: userShape(user, true) };
};

export const getUser: IamHandler = async (call) => {
  const { caller } = call.ctx.auth;
  if (call.p.optional("UserName") === undefined && caller.type === "Root") {
    await call.allow(caller.arn);
    return {
      User: { UserId: caller.account, Arn: caller.arn, CreateDate: "2026-01-01T00:00:00Z" },
    };
  }
  const name = userNameOrCaller(call);
  await call.allow(await userArn(call, name));
  return { User: userShape(await call.ctx.model.users.get(call.account, name), true) };
};

export const listUsers: IamHandler = async (call) => {
  const prefix = pathPrefix(call.p);
  await call.allow(listedPathArn(call.account, "user", prefix));
  const users = await call.ctx.model.users.list(call.account);
  const page = paginate(
    call.p,
    users.filter((u) => u.path.startsWith(prefix)),
  );
  return { Users: members(page.items.map((user) => userShape(user))), ...page.marker };
};

export const deleteUser: IamHandler = async (call) => {
  const name = userName(call.p);
  await call.allow(await userArn(call, name));
  await call.ctx.model.users.delete(call.account, name);
  return undefined;
};
