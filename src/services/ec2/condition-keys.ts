// The condition keys an existing instance brings to the request context of an action on it: its
// tags (aws:ResourceTag/*, ec2:ResourceTag/*) and its own ec2:* keys, read from the model at the
// moment of the request (Service Authorization Reference, Amazon EC2, resource type "instance").
import {
  type ConditionContext,
  instanceConditions,
  metadataConditions,
  resourceTagConditions,
} from "../../catalog/ec2.js";
import { metadataOptionsAt } from "../../model/instances.js";
import type { Ec2Call } from "./call.js";
import { ROOT_DEVICE_TYPE, TENANCY } from "./constants.js";

/**
 * The instance's keys for the call's action. An instance the caller's account does not have adds
 * none: authorization runs on what the request alone says, and the handler then answers
 * InvalidInstanceID.NotFound or .Malformed to a caller who is allowed, in the same order as
 * for an instance that exists.
 */
export async function instanceContext(
  call: Ec2Call,
  instanceId: string,
): Promise<ConditionContext> {
  const { ctx, operation } = call;
  const account = ctx.auth.caller.account;
  const instance = await ctx.model.instances.find(instanceId);
  if (instance === undefined || instance.account !== account) return {};

  const tags = resourceTagConditions(instance.tags ?? {});
  if (operation.instanceKeys === "tags") return tags;

  // The options DescribeInstances reports: a change still pending is the instance's setting.
  const delayMs = ctx.config.propagationDelayMs;
  const { requested } = metadataOptionsAt(instance, ctx.clock.now(), delayMs);
  const association = await ctx.model.associations.current(account, instanceId);
  const own = instanceConditions({
    instanceId,
    instanceType: instance.instanceType,
    availabilityZone: instance.availabilityZone,
    tenancy: TENANCY,
    rootDeviceType: ROOT_DEVICE_TYPE,
    ...(association ? { instanceProfileArn: association.instanceProfileArn } : {}),
  });
  return { ...own, ...metadataConditions(requested), ...tags };
}
