// GetAccessKeyInfo: the account an access key belongs to, for any key keyless issued.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html
import { AwsError } from "../../errors/aws-error.js";
import type { RequestContext } from "../../server/context.js";
import type { Params } from "../query/params.js";

export async function getAccessKeyInfo(ctx: RequestContext, p: Params) {
  const accessKeyId = p.name("AccessKeyId", /^[\w]+$/, 16, 128);
  await ctx.authorize({ action: "sts:GetAccessKeyInfo", resource: "*" });
  const credential = await ctx.model.credential(accessKeyId);
  if (!credential) {
    throw new AwsError(
      "InvalidParameterValue",
      `The access key ID ${accessKeyId} was not issued by this keyless.`,
      { status: 400 },
    );
  }
  return {
    Account: credential.kind === "key" ? credential.key.account : credential.session.account,
  };
}
