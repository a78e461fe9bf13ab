// TerminateInstances: the instance stops serving metadata and loses its instance profile, but
// stays describable as terminated, as on AWS (for about an hour there; for good in keyless).
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TerminateInstances.html
import { AwsError } from "../../errors/aws-error.js";
import type { InstanceState } from "../../model/types.js";
import type { Reply } from "../../server/context.js";
import { authorizeOperation, type Ec2Call, stopIfDryRun } from "./call.js";
import { PARAM } from "./constants.js";
import { listParam } from "./params.js";
import { ec2Reply, items } from "./reply.js";
import { instanceState } from "./shapes.js";

export async function terminateInstances(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const ids = listParam(params, PARAM.instanceId);
  if (ids.length === 0) {
    throw new AwsError("MissingParameter", "The request must contain the parameter InstanceId");
  }
  for (const id of ids) await authorizeOperation(call, id);

  const account = ctx.auth.caller.account;
  const instances = await Promise.all(ids.map((id) => ctx.model.instances.get(account, id)));
  stopIfDryRun(call);
  const changes = [];
  for (const instance of instances) {
    const previous = instance.state;
    if (previous !== "terminated") {
      await ctx.imds.stop(instance.instanceId);
      const association = await ctx.model.associations.current(account, instance.instanceId);
      if (association)
        await ctx.model.associations.disassociate(account, association.associationId);
      await ctx.model.instances.update({ ...instance, state: "terminated", imdsPort: 0 });
    }
    // AWS answers "shutting-down" for a running instance; it reaches "terminated" moments later.
    const current: InstanceState = previous === "terminated" ? "terminated" : "shutting-down";
    changes.push({
      instanceId: instance.instanceId,
      currentState: instanceState(current),
      previousState: instanceState(previous),
    });
  }
  return ec2Reply(call.action, ctx.requestId, { instancesSet: items(changes) });
}
