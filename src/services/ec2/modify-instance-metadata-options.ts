// ModifyInstanceMetadataOptions: change how an instance's metadata service answers. On a running
// instance the change is "pending", then "applied" in later DescribeInstances calls; until it is
// applied the metadata service keeps the options it had (see metadataOptionsAt).
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceMetadataOptions.html
import { AwsError } from "../../errors/aws-error.js";
import { metadataOptionsAt } from "../../model/instances.js";
import type { InstanceMetadataOptions, InstanceRecord } from "../../model/types.js";
import type { Reply } from "../../server/context.js";
import { authorizeOperation, type Ec2Call, stopIfDryRun } from "./call.js";
import { PARAM } from "./constants.js";
import {
  metadataAttributeConditions,
  metadataOptionParams,
  metadataOptionsShape,
} from "./metadata-options.js";
import { requiredParam } from "./params.js";
import { ec2Reply } from "./reply.js";
import { checkMetadataTagKeys } from "./tag-params.js";

export async function modifyInstanceMetadataOptions(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const instanceId = requiredParam(params, PARAM.instanceId);
  const change = metadataOptionParams(params, "");
  await authorizeOperation(call, instanceId, metadataAttributeConditions(change));

  const now = ctx.clock.now();
  const delayMs = ctx.config.propagationDelayMs;
  const account = ctx.auth.caller.account;
  const optionsFor = (instance: InstanceRecord) => {
    const asked = { ...metadataOptionsAt(instance, now, delayMs).requested, ...change };
    check(instance, asked);
    return asked;
  };
  optionsFor(await ctx.model.instances.get(account, instanceId));
  stopIfDryRun(call);
  let options: InstanceMetadataOptions | undefined;
  await ctx.model.instances.modify(account, instanceId, (instance) => {
    const { inForce } = metadataOptionsAt(instance, now, delayMs);
    options = optionsFor(instance);
    return {
      ...instance,
      metadataOptions: options,
      previousMetadataOptions: inForce,
      metadataOptionsSince: now,
    };
  });
  return ec2Reply(call.action, ctx.requestId, {
    instanceId,
    instanceMetadataOptions: options && metadataOptionsShape(options, "pending"),
  });
}

function check(instance: InstanceRecord, options: InstanceMetadataOptions): void {
  if (instance.state === "terminated" || instance.state === "shutting-down") {
    throw new AwsError(
      "IncorrectInstanceState",
      `The instance '${instance.instanceId}' is not in a valid state for this operation.`,
    );
  }
  // Turning tags on in metadata fails when a key cannot be a metadata path segment.
  if (options.instanceMetadataTags === "enabled") {
    checkMetadataTagKeys(Object.keys(instance.tags ?? {}));
  }
}
