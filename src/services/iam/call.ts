import type { RequestContext } from "../../server/context.js";
import type { Params } from "../query/params.js";

/** What else the policy engine is told about the resource: its owner, and condition keys. */
export interface AllowOptions {
  /** The account owning the resource, when not the caller's (an AWS managed policy: "aws"). */
  resourceAccount?: string;
  /** Condition keys of this request, such as iam:PolicyARN or iam:PermissionsBoundary. */
  context?: Record<string, string>;
}

/** One IAM call: its parameters, the caller's account, and the one way to authorize it. */
export interface IamCall {
  ctx: RequestContext;
  p: Params;
  account: string;
  /** Authorizes the operation's action on this resource; throws AccessDenied when denied. */
  allow(resourceArn: string, options?: AllowOptions): Promise<void>;
}

export type IamHandler = (call: IamCall) => Promise<Record<string, unknown> | undefined>;
