// The STS Query API.
import { STS_OPERATIONS, type StsOperation } from "../../catalog/sts.js";
import { AwsError } from "../../errors/aws-error.js";
import type { Reply, RequestContext } from "../../server/context.js";
import { queryReply } from "../../server/query-protocol.js";
import { Params } from "../query/params.js";
import { assumeRole } from "./assume-role.js";

const isOperation = (name: string): name is StsOperation => Object.hasOwn(STS_OPERATIONS, name);

export async function handleSts(ctx: RequestContext, params: URLSearchParams): Promise<Reply> {
  const action = params.get("Action");
  if (!action) throw new AwsError("MissingAction", "Missing Action parameter.");
  if (!isOperation(action)) {
    throw new AwsError(
      "InvalidAction",
      `Could not find operation ${action} for version 2011-06-15`,
    );
  }
  const p = new Params(params);
  const result = action === "AssumeRole" ? await assumeRole(ctx, p) : getCallerIdentity(ctx);
  return queryReply("sts", action, result, ctx.requestId);
}

function getCallerIdentity(ctx: RequestContext) {
  const { caller } = ctx.auth;
  return { Arn: caller.arn, UserId: caller.userId, Account: caller.account };
}
