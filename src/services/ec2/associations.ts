// Instance profile associations: associate, describe, disassociate, replace. A new association is
// "associating" until the propagation delay has passed on the server clock (see
// src/model/associations.ts); everything here reports the state the clock makes effective.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IamInstanceProfileAssociation.html
import { newInstanceProfileCondition } from "../../catalog/ec2.js";
import { AwsError } from "../../errors/aws-error.js";
import type { AssociationRecord } from "../../model/types.js";
import type { Reply } from "../../server/context.js";
import { authorizeOperation, authorizePassRole, type Ec2Call, stopIfDryRun } from "./call.js";
import { FILTER, PARAM } from "./constants.js";
import { pageOf } from "./paging.js";
import { checkFilters, filterMatches, filterParams, listParam, requiredParam } from "./params.js";
import { requestedProfile, requestedProfileArn } from "./profile.js";
import { ec2Reply, items } from "./reply.js";
import { associationShape } from "./shapes.js";

export async function associateIamInstanceProfile(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const instanceId = requiredParam(params, PARAM.instanceId);
  await authorizeOperation(call, instanceId, await newProfileContext(call));

  const account = ctx.auth.caller.account;
  const instance = await ctx.model.instances.get(account, instanceId);
  const { profile, role } = await requestedProfile(ctx, params);
  await authorizePassRole(call, role);
  if (instance.state !== "running") {
    // EC2's words for it, quoted in Enterprise-CMCS/eAPD#2304 (keyless has no stopped state).
    throw new AwsError(
      "IncorrectInstanceState",
      `The instance '${instanceId}' is not in the 'running' or 'stopped' states.`,
    );
  }
  await ctx.model.associations.refuseSecond(account, instanceId);
  stopIfDryRun(call);
  const association = await ctx.model.associations.associate(account, instanceId, profile);
  return reply(call, association);
}

export async function describeIamInstanceProfileAssociations(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const ids = listParam(params, PARAM.associationId);
  const filters = filterParams(params);
  checkFilters(filters, [FILTER.instanceId, FILTER.state]);
  await authorizeOperation(call);
  stopIfDryRun(call);

  const all = await ctx.model.associations.list(ctx.auth.caller.account);
  for (const id of ids) {
    if (!all.some((a) => a.associationId === id && a.state !== "disassociated")) throw notFound(id);
  }
  const instanceIds = filters.get(FILTER.instanceId);
  const states = filters.get(FILTER.state);
  const shown = all.filter(
    (a) =>
      (ids.length === 0 || ids.includes(a.associationId)) &&
      (instanceIds === undefined || filterMatches(instanceIds, a.instanceId)) &&
      // A finished disassociation is history: listed only when asked for by state.
      (states === undefined ? a.state !== "disassociated" : filterMatches(states, a.state)),
  );
  const { page, nextToken } = pageOf(shown, params, {
    kind: "associations",
    ...(ids.length > 0 ? { idsGiven: PARAM.associationId } : {}),
  });
  return ec2Reply(call.action, ctx.requestId, {
    iamInstanceProfileAssociationSet: items(page.map(associationShape)),
    ...(nextToken === undefined ? {} : { nextToken }),
  });
}

export async function disassociateIamInstanceProfile(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const existing = await liveAssociation(call, requiredParam(params, PARAM.associationId));
  await authorizeOperation(call, existing.instanceId);
  stopIfDryRun(call);

  const account = ctx.auth.caller.account;
  const association = await ctx.model.associations.disassociate(account, existing.associationId);
  return reply(call, association);
}

export async function replaceIamInstanceProfileAssociation(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const existing = await liveAssociation(call, requiredParam(params, PARAM.associationId));
  await authorizeOperation(call, existing.instanceId, await newProfileContext(call));

  const { profile, role } = await requestedProfile(ctx, params);
  await authorizePassRole(call, role);
  stopIfDryRun(call);
  const account = ctx.auth.caller.account;
  const association = await ctx.model.associations.replace(
    account,
    existing.associationId,
    profile,
  );
  return reply(call, association);
}

/** ec2:NewInstanceProfile, when the request names a profile that exists. */
async function newProfileContext(call: Ec2Call) {
  const arn = await requestedProfileArn(call.ctx, call.params);
  return arn === undefined ? {} : newInstanceProfileCondition(arn);
}

/** The association named, so that its instance can be authorized before anything changes. */
async function liveAssociation(call: Ec2Call, associationId: string): Promise<AssociationRecord> {
  const all = await call.ctx.model.associations.list(call.ctx.auth.caller.account);
  const found = all.find((a) => a.associationId === associationId);
  if (!found || found.state === "disassociated") throw notFound(associationId);
  return found;
}

const reply = (call: Ec2Call, association: AssociationRecord): Reply =>
  ec2Reply(call.action, call.ctx.requestId, {
    iamInstanceProfileAssociation: associationShape(association),
  });

const notFound = (associationId: string): AwsError =>
  new AwsError(
    "InvalidAssociationIDNotFound",
    `An association with ID '${associationId}' does not exist.`,
  );
