// AssumeRole: the caller's own policies and the role's trust policy decide together (the trust
// policy is the role's resource-based policy); across accounts both must allow. Session tags
// need sts:TagSession and a source identity sts:SetSourceIdentity, on both sides as well.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
import { AwsError } from "../../errors/aws-error.js";
import { trustPolicy } from "../../model/trust-policy.js";
import type { RoleRecord, SessionRecord } from "../../model/types.js";
import type { RequestContext } from "../../server/context.js";
import type { Params } from "../query/params.js";
import {
  type AssumeRoleInput,
  packedPolicySize,
  readAssumeRoleInput,
} from "./assume-role-input.js";
import { credentialsShape } from "./credentials-shape.js";

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]+)$/;
/** A role assumed with role credentials is capped at one hour (role chaining). */
const CHAINED_MAX_SECONDS = 3600;

export async function assumeRole(ctx: RequestContext, p: Params) {
  const input = readAssumeRoleInput(p);
  const { caller } = ctx.auth;
  if (caller.type === "Root") {
    throw new AwsError("AccessDenied", "Roles may not be assumed by root accounts.");
  }
  // "The value that is set cannot be changed during the role session" (IAM User Guide, "Monitor
  // and control actions taken with assumed roles"): a chained call may repeat it, not replace it,
  // or a trust policy's sts:SourceIdentity condition would check a value the session never holds.
  // TODO(source-identity-error): AWS's code for the attempt is undocumented; this is a guess.
  const held = caller.session?.sourceIdentity;
  if (held !== undefined && input.sourceIdentity && input.sourceIdentity !== held) {
    throw new AwsError(
      "InvalidParameterValue",
      `The source identity ${held} is set for the calling session and cannot be changed.`,
      { status: 400 },
    );
  }
  const inherited = inheritedFromChain(caller.session, input);
  const match = ROLE_ARN.exec(input.roleArn);
  const role = match
    ? await ctx.model.roles.find(match[1] as string, match[2] as string)
    : undefined;
  const trust = role && trustPolicy(role);
  const context = requestContext(input, inherited.tags);
  const ask = (action: string) =>
    ctx.authorize({
      action,
      resource: input.roleArn,
      context,
      ...(role ? { resourceAccount: role.account } : {}),
      ...(trust ? { resourcePolicy: trust } : {}),
    });
  await ask("sts:AssumeRole");
  if (Object.keys(input.tags).length > 0) await ask("sts:TagSession");
  if (input.sourceIdentity && input.sourceIdentity !== caller.session?.sourceIdentity) {
    await ask("sts:SetSourceIdentity");
  }
  if (!role || role.arn !== input.roleArn) {
    throw new AwsError(
      "AccessDenied",
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.roleArn}`,
    );
  }

  const durationSeconds = checkDuration(input, role, caller.type === "AssumedRole");
  const packed = packedPolicySize(input);
  const sourceIdentity = caller.session?.sourceIdentity ?? input.sourceIdentity;
  const session = await ctx.model.sessions.create({
    role,
    sessionName: input.sessionName,
    durationSeconds,
    ...(input.policy ? { sessionPolicy: input.policy } : {}),
    ...(input.policyArns.length > 0 ? { sessionPolicyArns: input.policyArns } : {}),
    ...(Object.keys(inherited.tags).length > 0 ? { tags: inherited.tags } : {}),
    ...(inherited.transitive.length > 0 ? { transitiveTagKeys: inherited.transitive } : {}),
    ...(sourceIdentity ? { sourceIdentity } : {}),
  });
  return {
    Credentials: credentialsShape(session),
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${input.sessionName}`,
      Arn: `arn:aws:sts::${role.account}:assumed-role/${role.roleName}/${input.sessionName}`,
    },
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
    ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
  };
}

/** The condition keys AssumeRole adds to the request. */
function requestContext(input: AssumeRoleInput, tags: Record<string, string>) {
  const context: Record<string, string | string[]> = { "sts:RoleSessionName": input.sessionName };
  if (input.externalId) context["sts:ExternalId"] = input.externalId;
  if (input.sourceIdentity) context["sts:SourceIdentity"] = input.sourceIdentity;
  for (const [key, value] of Object.entries(tags)) context[`aws:RequestTag/${key}`] = value;
  if (Object.keys(tags).length > 0) context["aws:TagKeys"] = Object.keys(tags);
  if (input.transitiveTagKeys.length > 0)
    context["sts:TransitiveTagKeys"] = input.transitiveTagKeys;
  return context;
}

/**
 * Role chaining carries the caller session's transitive tags into the new session, where they
 * stay transitive; a new tag may not change an inherited one.
 */
function inheritedFromChain(parent: SessionRecord | undefined, input: AssumeRoleInput) {
  const tags: Record<string, string> = {};
  const transitive = new Set(input.transitiveTagKeys);
  for (const key of parent?.transitiveTagKeys ?? []) {
    const value = parent?.tags?.[key];
    if (value === undefined) continue;
    const clash = Object.keys(input.tags).find((k) => k.toLowerCase() === key.toLowerCase());
    if (clash && input.tags[clash] !== value) {
      throw new AwsError(
        "InvalidParameterValue",
        `The session tag ${key} is transitive from the calling session and cannot be changed.`,
        { status: 400 },
      );
    }
    tags[key] = value;
    transitive.add(key);
  }
  return { tags: { ...tags, ...input.tags }, transitive: [...transitive] };
}

function checkDuration(input: AssumeRoleInput, role: RoleRecord, chained: boolean): number {
  const duration = input.durationSeconds ?? 3600;
  if (chained && duration > CHAINED_MAX_SECONDS) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
  return duration;
}
