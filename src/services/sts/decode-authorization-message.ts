import { MESSAGE_KEY, openMessage } from "../../authz/encoded-message.js";
import { AwsError } from "../../errors/aws-error.js";
import type { RequestContext } from "../../server/context.js";
import type { Params } from "../query/params.js";

/** The decision behind an encoded authorization failure message, for those allowed to read it. */
export async function decodeAuthorizationMessage(ctx: RequestContext, p: Params) {
  const encoded = p.name("EncodedMessage", /^\S+$/, 1, 10240);
  await ctx.authorize({ action: "sts:DecodeAuthorizationMessage", resource: "*" });
  const decoded = openMessage(await ctx.model.meta.secret(MESSAGE_KEY), encoded);
  if (decoded === undefined) {
    throw new AwsError("InvalidAuthorizationMessageException", "The encoded message is not valid.");
  }
  return { DecodedMessage: decoded };
}
