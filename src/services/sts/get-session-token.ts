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
  // No policy is asked, not even for a deny: "You cannot use policies to control authentication
  // operations", and naming GetSessionToken in a policy "does not affect the user's ability to
  // perform" it (IAM User Guide, "Permissions for GetSessionToken").
  const duration = Math.min(
    requested ?? DEFAULT_SECONDS,
    caller.type === "Root" ? ROOT_MAX_SECONDS : Number.POSITIVE_INFINITY,
  );
  const credential = await ctx.model.credential(caller.accessKeyId);
  if (credential?.kind !== "key") throw new AwsError("InvalidClientTokenId");
  const session = await ctx.model.sessions.createForKey(credential.key, duration);
  return { Credentials: credentialsShape(session) };
}
