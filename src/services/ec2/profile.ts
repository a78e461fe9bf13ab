// Resolving IamInstanceProfile.Name / IamInstanceProfile.Arn (IamInstanceProfileSpecification)
// to the profile and the role it would hand to EC2, with the messages EC2 answers for a profile
// that does not exist.
import { AwsError } from "../../errors/aws-error.js";
import type { InstanceProfileRecord, RoleRecord } from "../../model/types.js";
import type { RequestContext } from "../../server/context.js";
import { PARAM } from "./constants.js";

export interface ResolvedProfile {
  profile: InstanceProfileRecord;
  /** The profile's role, when it has one (a profile holds at most one). */
  role: RoleRecord | undefined;
}

/** The profile the request names, or undefined when it names none. */
export async function findRequestedProfile(
  ctx: RequestContext,
  params: URLSearchParams,
): Promise<ResolvedProfile | undefined> {
  const name = params.get(PARAM.profileName);
  const arn = params.get(PARAM.profileArn);
  if (name === null && arn === null) return undefined;

  const account = ctx.auth.caller.account;
  const profile =
    arn !== null
      ? await byArn(ctx, account, arn)
      : await ctx.model.instanceProfiles.find(account, name ?? "");
  if (!profile) throw invalid(arn !== null ? "arn" : "name", arn ?? name ?? "");

  const roleName = profile.roleNames[0];
  const role = roleName === undefined ? undefined : await ctx.model.roles.find(account, roleName);
  return { profile, role };
}

/**
 * The ARN of the profile the request names, for the condition keys authorization reads before
 * the handler resolves the profile. A profile that does not exist gives no ARN rather than an
 * error here, so that a caller without permission still learns only that.
 */
export async function requestedProfileArn(
  ctx: RequestContext,
  params: URLSearchParams,
): Promise<string | undefined> {
  try {
    return (await findRequestedProfile(ctx, params))?.profile.arn;
  } catch (error) {
    if (error instanceof AwsError) return undefined;
    throw error;
  }
}

export async function requestedProfile(
  ctx: RequestContext,
  params: URLSearchParams,
): Promise<ResolvedProfile> {
  const found = await findRequestedProfile(ctx, params);
  if (!found) {
    throw new AwsError(
      "MissingParameter",
      `The request must contain the parameter ${PARAM.profileName} or ${PARAM.profileArn}`,
    );
  }
  return found;
}

async function byArn(ctx: RequestContext, account: string, arn: string) {
  const name = arn.split("/").pop() ?? "";
  const profile = await ctx.model.instanceProfiles.find(account, name);
  return profile?.arn === arn ? profile : undefined;
}

function invalid(kind: "name" | "arn", value: string): AwsError {
  const what = kind === "name" ? "name" : "ARN";
  return new AwsError(
    "InvalidParameterValue",
    `Value (${value}) for parameter iamInstanceProfile.${kind} is invalid. ` +
      `Invalid IAM Instance Profile ${what}`,
  );
}
