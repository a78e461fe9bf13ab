import type { RequestContext } from "../../server/context.js";
import type { Params } from "../query/params.js";

/** One IAM call: its parameters, the caller's account, and the one way to authorize it. */
export interface IamCall {
  ctx: RequestContext;
  p: Params;
  account: string;
  /** Authorizes the operation's action on this resource; throws AccessDenied when denied. */
  allow(resourceArn: string): Promise<void>;
}

export type IamHandler = (call: IamCall) => Promise<Record<string, unknown> | undefined>;
