import { isoSeconds } from "../../clock/time-text.js";
import { AwsError } from "../../errors/aws-error.js";
import { members } from "../../server/query-protocol.js";
import type { IamHandler } from "./call.js";
import { accessKeyMetadataShape } from "./shapes.js";
import { userArn, userNameOrCaller } from "./users.js";

const KEY_ID = /^[\w]+$/;

export const createAccessKey: IamHandler = async (call) => {
  const name = userNameOrCaller(call);
  await call.allow(await userArn(call, name));
  const key = await call.ctx.model.users.createAccessKey(call.account, name);
  return {
    AccessKey: {
      UserName: name,
      AccessKeyId: key.accessKeyId,
      Status: key.status,
      SecretAccessKey: key.secretAccessKey,
      CreateDate: isoSeconds(key.createDate),
    },
  };
};

export const listAccessKeys: IamHandler = async (call) => {
  const name = userNameOrCaller(call);
  await call.allow(await userArn(call, name));
  const keys = await call.ctx.model.users.listAccessKeys(call.account, name);
  return {
    UserName: name,
    AccessKeyMetadata: members(keys.map(accessKeyMetadataShape)),
    IsTruncated: false,
  };
};

export const updateAccessKey: IamHandler = async (call) => {
  const name = userNameOrCaller(call);
  const keyId = call.p.name("AccessKeyId", KEY_ID, 16, 128);
  const status = call.p.required("Status");
  if (status !== "Active" && status !== "Inactive") {
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
    );
  }
  await call.allow(await userArn(call, name));
  await call.ctx.model.users.updateAccessKey(call.account, name, keyId, status);
  return undefined;
};

export const deleteAccessKey: IamHandler = async (call) => {
  const name = userNameOrCaller(call);
  const keyId = call.p.name("AccessKeyId", KEY_ID, 16, 128);
  await call.allow(await userArn(call, name));
  await call.ctx.model.users.deleteAccessKey(call.account, name, keyId);
  return undefined;
};
