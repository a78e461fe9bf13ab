// DescribeInstances: instances grouped by reservation, with the instance profile in effect (see
// inEffect) and the metadata options as the clock makes them.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
import { inEffect } from "../../model/associations.js";
import { metadataOptionsAt } from "../../model/instances.js";
import type { InstanceRecord } from "../../model/types.js";
import type { Reply } from "../../server/context.js";
import { authorizeOperation, type Ec2Call, stopIfDryRun } from "./call.js";
import { FILTER, PARAM } from "./constants.js";
import { pageOf } from "./paging.js";
import { checkFilters, filterMatches, filterParams, listParam } from "./params.js";
import { ec2Reply, items } from "./reply.js";
import { instanceShape, reservationShape } from "./shapes.js";

const KNOWN_FILTERS = [FILTER.instanceId, FILTER.instanceStateName, FILTER.tagKey];

export async function describeInstances(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const ids = listParam(params, PARAM.instanceId);
  const filters = filterParams(params);
  checkFilters(
    new Map([...filters].filter(([name]) => !name.startsWith(FILTER.tagPrefix))),
    KNOWN_FILTERS,
  );
  await authorizeOperation(call);
  stopIfDryRun(call);

  const account = ctx.auth.caller.account;
  const instances =
    ids.length > 0
      ? await Promise.all(ids.map((id) => ctx.model.instances.get(account, id)))
      : await ctx.model.instances.list(account);
  const matching = instances.filter((instance) => matches(instance, filters));
  // Pages count instances, so one reservation's instances may span two pages, as on EC2.
  const { page, nextToken } = pageOf(matching, params, {
    kind: "instances",
    ...(ids.length > 0 ? { idsGiven: "instancesSet" } : {}),
  });

  // The profile shown is the one in effect, as the metadata service hands it out.
  const associations = await ctx.model.associations.list(account);
  const now = ctx.clock.now();
  const reservations = new Map<string, unknown[]>();
  for (const instance of page) {
    const metadata = metadataOptionsAt(instance, now, ctx.config.propagationDelayMs);
    const profile = inEffect(associations, instance.instanceId);
    const shape = instanceShape(instance, profile, metadata);
    const group = reservations.get(instance.reservationId) ?? [];
    group.push(shape);
    reservations.set(instance.reservationId, group);
  }
  const reservationSet = [...reservations].map(([id, shapes]) =>
    reservationShape(account, id, shapes),
  );
  return ec2Reply(call.action, ctx.requestId, {
    reservationSet: items(reservationSet),
    ...(nextToken === undefined ? {} : { nextToken }),
  });
}

/** Filters are AND-ed, the values of one filter OR-ed (API reference, DescribeInstances). */
function matches(instance: InstanceRecord, filters: Map<string, string[]>): boolean {
  const tags = instance.tags ?? {};
  for (const [name, values] of filters) {
    if (name === FILTER.instanceId && !filterMatches(values, instance.instanceId)) return false;
    if (name === FILTER.instanceStateName && !filterMatches(values, instance.state)) return false;
    if (name === FILTER.tagKey && !Object.keys(tags).some((key) => filterMatches(values, key))) {
      return false;
    }
    if (name.startsWith(FILTER.tagPrefix)) {
      const key = name.slice(FILTER.tagPrefix.length);
      if (!Object.hasOwn(tags, key) || !filterMatches(values, tags[key] ?? "")) return false;
    }
  }
  return true;
}
