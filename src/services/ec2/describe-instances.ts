// DescribeInstances: instances grouped by reservation, with the instance profile shown once the
// association has taken effect.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
import type { AssociationRecord, InstanceRecord } from "../../model/types.js";
import type { Reply } from "../../server/context.js";
import { authorizeOperation, type Ec2Call } from "./call.js";
import { FILTER, PARAM } from "./constants.js";
import { checkFilters, filterParams, listParam } from "./params.js";
import { ec2Reply, items } from "./reply.js";
import { instanceShape, reservationShape } from "./shapes.js";

export async function describeInstances(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const ids = listParam(params, PARAM.instanceId);
  const filters = filterParams(params);
  checkFilters(filters, [FILTER.instanceId, FILTER.instanceStateName]);
  await authorizeOperation(call);

  const account = ctx.auth.caller.account;
  const instances =
    ids.length > 0
      ? await Promise.all(ids.map((id) => ctx.model.instances.get(account, id)))
      : await ctx.model.instances.list(account);
  const matching = instances.filter((instance) => matches(instance, filters));

  const associated = new Map<string, AssociationRecord>();
  for (const association of await ctx.model.associations.list(account)) {
    if (association.state === "associated") associated.set(association.instanceId, association);
  }

  const reservations = new Map<string, unknown[]>();
  for (const instance of matching) {
    const shape = instanceShape(instance, associated.get(instance.instanceId));
    const group = reservations.get(instance.reservationId) ?? [];
    group.push(shape);
    reservations.set(instance.reservationId, group);
  }
  const reservationSet = [...reservations].map(([id, shapes]) =>
    reservationShape(account, id, shapes),
  );
  return ec2Reply(call.action, ctx.requestId, { reservationSet: items(reservationSet) });
}

function matches(instance: InstanceRecord, filters: Map<string, string[]>): boolean {
  const ids = filters.get(FILTER.instanceId);
  if (ids && !ids.includes(instance.instanceId)) return false;
  const states = filters.get(FILTER.instanceStateName);
  if (states && !states.includes(instance.state)) return false;
  return true;
}
