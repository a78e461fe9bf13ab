// AssumeRole: the caller's own policies and the role's trust policy decide together (the trust
// policy is the role's resource-based policy); across accounts both must allow.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
import { AwsError } from "../../errors/aws-error.js";
import type { RequestContext } from "../../server/context.js";
import { isoSeconds } from "../../server/query-protocol.js";
import type { Params } from "../query/params.js";

const SESSION_NAME = /^[\w+=,.@-]*$/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]+)$/;
/** A role assumed with role credentials is capped at one hour (role chaining). */
const CHAINED_MAX_SECONDS = 3600;

export async function assumeRole(ctx: RequestContext, p: Params) {
  const roleArn = p.name("RoleArn", /^arn:[^\s]+$/, 20, 2048);
  const sessionName = p.name("RoleSessionName", SESSION_NAME, 2, 64);
  const requested = p.integer("DurationSeconds", 900, 43200);

  const match = ROLE_ARN.exec(roleArn);
  const role = match
    ? await ctx.model.roles.find(match[1] as string, match[2] as string)
    : undefined;
  const trust = role && ctx.model.policies.trustPolicy(role);
  await ctx.authorize({
    action: "sts:AssumeRole",
    resource: roleArn,
    ...(role ? { resourceAccount: role.account } : {}),
    ...(trust ? { resourcePolicy: trust } : {}),
  });
  if (!role || role.arn !== roleArn) {
    const { arn } = ctx.auth.caller;
    throw new AwsError(
      "AccessDenied",
      `User: ${arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }

  const chained = ctx.auth.caller.type === "AssumedRole";
  const limit = chained ? CHAINED_MAX_SECONDS : role.maxSessionDuration;
  const duration = requested ?? 3600;
  if (duration > limit) {
    throw new AwsError(
      "ValidationError",
      chained
        ? `The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.`
        : `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
    );
  }
  const session = await ctx.model.sessions.create({ role, sessionName, durationSeconds: duration });
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: isoSeconds(session.expiration),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${role.account}:assumed-role/${role.roleName}/${sessionName}`,
    },
  };
}
