// GetSessionToken: temporary credentials for an IAM user (or the root user) that act as that
// user. They cannot be made from other temporary credentials; root's last at most an hour.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
import { AwsError } from "../../errors/aws-error.js";
import type { RequestContext } from "../../server/context.js";
import type { Params } from "../query/params.js";
import { credentialsShape } from "./credentials-shape.js";

const DEFAULT_SECONDS = 43_200;
const ROOT_MAX_SECONDS = 3600;

export async function getSessionToken(ctx: RequestContext, p: Params) {
  const { caller } = ctx.auth;
  const requested = p.integer("DurationSeconds", 900, 129_600);
  if (caller.type === "AssumedRole" || caller.userSession) {
    throw new AwsError("AccessDenied", "Cannot call GetSessionToken with session credentials");
  }
  // Users need no permission for GetSessionToken, but an explicit deny still stops it: only
  // that denial is the call's to record.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html
  const input = { action: "sts:GetSessionToken", resource: "*" };
  const decision = await ctx.decide(input, { record: false });
  if (decision.decision === "explicitDeny") {
    await ctx.authorize(input);
  }
  const duration = Math.min(
    requested ?? DEFAULT_SECONDS,
    caller.type === "Root" ? ROOT_MAX_SECONDS : Number.POSITIVE_INFINITY,
  );
  const credential = await ctx.model.credential(caller.accessKeyId);
  if (credential?.kind !== "key") throw new AwsError("InvalidClientTokenId");
  const session = await ctx.model.sessions.createForKey(credential.key, duration);
  return { Credentials: credentialsShape(session) };
}
