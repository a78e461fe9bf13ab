// One EC2 request on its way through a handler, and the two permission checks handlers make:
// the operation's own action (from the catalog) and iam:PassRole when a role is handed to EC2.
import { type Ec2Operation, ec2Resource, passRoleToEc2 } from "../../catalog/ec2.js";
import type { RoleRecord } from "../../model/types.js";
import type { Reply, RequestContext } from "../../server/context.js";

export interface Ec2Call {
  ctx: RequestContext;
  params: URLSearchParams;
  /** The Action parameter, as sent. */
  action: string;
  operation: Ec2Operation;
}

export type Ec2Handler = (call: Ec2Call) => Promise<Reply>;

/**
 * Authorizes the operation's action; `instanceId` names the instance for instance-scoped ones,
 * and `context` adds the request's own condition keys.
 */
export async function authorizeOperation(
  call: Ec2Call,
  instanceId?: string,
  context?: Record<string, string | string[]>,
): Promise<void> {
  const { ctx, operation } = call;
  const scope = {
    region: ctx.config.region,
    account: ctx.auth.caller.account,
    ...(instanceId === undefined ? {} : { instanceId }),
  };
  await ctx.authorize({
    action: operation.action,
    resource: ec2Resource(operation, scope),
    ...(context === undefined ? {} : { context }),
  });
}

/** A profile without a role passes nothing, so it needs no iam:PassRole. */
export async function authorizePassRole(call: Ec2Call, role: RoleRecord | undefined) {
  if (!call.operation.passesRole || role === undefined) return;
  await call.ctx.authorize(passRoleToEc2(role.arn));
}
