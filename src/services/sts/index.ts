// The STS Query API.

import { STS_OPERATIONS, type StsOperation } from "../../catalog/sts.js";
import { AwsError } from "../../errors/aws-error.js";
import type { Reply, RequestContext } from "../../server/context.js";
import { API_VERSION, unknownOperation } from "../../server/detect-service.js";
import { queryReply } from "../../server/query-protocol.js";
import { Params } from "../query/params.js";
import { assumeRole } from "./assume-role.js";
import { decodeAuthorizationMessage } from "./decode-authorization-message.js";
import { getAccessKeyInfo } from "./get-access-key-info.js";
import { getSessionToken } from "./get-session-token.js";

type StsHandler = (ctx: RequestContext, p: Params) => Promise<Record<string, unknown>>;

const HANDLERS: Record<StsOperation, StsHandler> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
  GetAccessKeyInfo: getAccessKeyInfo,
  DecodeAuthorizationMessage: decodeAuthorizationMessage,
};

const isOperation = (name: string): name is StsOperation => Object.hasOwn(STS_OPERATIONS, name);

export async function handleSts(ctx: RequestContext, params: URLSearchParams): Promise<Reply> {
  const action = params.get("Action");
  if (!action) throw new AwsError("MissingAction", "Missing Action parameter.");
  const version = params.get("Version");
  if (!isOperation(action) || (version !== null && version !== API_VERSION.sts)) {
    throw unknownOperation("sts", action, version);
  }
  // GetSessionToken credentials may call only AssumeRole and GetCallerIdentity.
  if (ctx.auth.caller.userSession && action !== "AssumeRole" && action !== "GetCallerIdentity") {
    throw new AwsError("AccessDenied", `Cannot call ${action} with session credentials`);
  }
  const result = await HANDLERS[action](ctx, new Params(params));
  return queryReply("sts", action, result, ctx.requestId);
}

async function getCallerIdentity(ctx: RequestContext) {
  const { caller } = ctx.auth;
  return { UserId: caller.userId, Account: caller.account, Arn: caller.arn };
}
