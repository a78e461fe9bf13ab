import type { Credential, Model } from "../model/model.js";
import { assumedRoleArn } from "../model/sessions.js";
import type { Caller } from "../model/types.js";

/** The principal behind a credential; undefined when its user no longer exists. */
export async function callerOf(credential: Credential, model: Model): Promise<Caller | undefined> {
  if (credential.kind === "session") {
    const { session } = credential;
    return {
      type: "AssumedRole",
      account: session.account,
      arn: assumedRoleArn(session),
      principalArn: session.roleArn,
      userId: `${session.roleId}:${session.sessionName}`,
      accessKeyId: session.accessKeyId,
      session,
    };
  }
  if (credential.kind === "userSession") {
    const owner = await callerOf({ kind: "key", key: credential.key }, model);
    if (!owner) return undefined;
    const { session } = credential;
    return { ...owner, accessKeyId: session.accessKeyId, userSession: session };
  }
  const { key } = credential;
  if (key.owner.type === "root") {
    const arn = `arn:aws:iam::${key.account}:root`;
    return {
      type: "Root",
      account: key.account,
      arn,
      principalArn: arn,
      userId: key.account,
      accessKeyId: key.accessKeyId,
    };
  }
  const user = await model.keyOwner(key);
  if (!user || user.userId !== key.owner.userId) return undefined;
  return {
    type: "IAMUser",
    account: key.account,
    arn: user.arn,
    principalArn: user.arn,
    userId: user.userId,
    accessKeyId: key.accessKeyId,
    userName: user.userName,
  };
}
