// One EC2 request on its way through a handler, and the two permission checks handlers make:
// the operation's own action (from the catalog) and iam:PassRole when a role is handed to EC2.
import {
  type ConditionContext,
  type Ec2Operation,
  ec2Resource,
  passRoleToEc2,
  regionCondition,
} from "../../catalog/ec2.js";
import { AwsError } from "../../errors/aws-error.js";
import type { RoleRecord } from "../../model/types.js";
import type { Reply, RequestContext } from "../../server/context.js";
import { instanceContext } from "./condition-keys.js";
import { PARAM } from "./constants.js";

export interface Ec2Call {
  ctx: RequestContext;
  params: URLSearchParams;
  /** The Action parameter, as sent. */
  action: string;
  operation: Ec2Operation;
}

export type Ec2Handler = (call: Ec2Call) => Promise<Reply>;

/**
 * Authorizes the operation's action with ec2:Region; `instanceId` names the instance for
 * instance-scoped ones, whose keys (tags, type, metadata options, …) join the context, and
 * `context` adds the request's own condition keys.
 */
export async function authorizeOperation(
  call: Ec2Call,
  instanceId?: string,
  context: ConditionContext = {},
): Promise<void> {
  const { ctx, operation } = call;
  const region = ctx.config.region;
  const scope = {
    region,
    account: ctx.auth.caller.account,
    ...(instanceId === undefined ? {} : { instanceId }),
  };
  const resourceKeys = instanceId === undefined ? {} : await instanceContext(call, instanceId);
  await ctx.authorize({
    action: operation.action,
    resource: ec2Resource(operation, scope),
    context: { ...regionCondition(region), ...resourceKeys, ...context },
  });
}

/** A profile without a role passes nothing, so it needs no iam:PassRole. */
export async function authorizePassRole(call: Ec2Call, role: RoleRecord | undefined) {
  if (!call.operation.passesRole || role === undefined) return;
  await call.ctx.authorize(passRoleToEc2(role.arn));
}

/**
 * DryRun=true checks the permissions and the request and does nothing: allowed is told as 412
 * DryRunOperation, denied as the UnauthorizedOperation the checks before it already threw (EC2
 * API Reference, "Common query parameters", DryRun). Each handler calls this after its last
 * check, just before it changes anything. A DryRun that is neither true nor false is refused:
 * read as false, it would carry out what the caller meant only to try.
 */
export function stopIfDryRun(call: Ec2Call): void {
  const value = call.params.get(PARAM.dryRun);
  if (value === null || value.toLowerCase() === "false") return;
  if (value.toLowerCase() === "true") throw new AwsError("DryRunOperation");
  throw new AwsError(
    "InvalidParameterValue",
    `Value (${value}) for parameter DryRun is invalid: expected true or false.`,
  );
}
