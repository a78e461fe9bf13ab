// One request being evaluated: what every statement check reads, and what the checks record.

import { RequestContext } from "./request-context.js";
import type { CallerIdentity, EvaluationRequest, MatchedStatement } from "./types.js";

export class ActiveRequest {
  readonly caller: CallerIdentity;
  readonly action: string;
  /** Actions are case-insensitive; lowercased once here. */
  readonly lowerAction: string;
  readonly resource: string;
  readonly context: RequestContext;
  /** NotPrincipal with Deny always applies to a caller that has a permissions boundary. */
  readonly hasBoundary: boolean;
  readonly matched: MatchedStatement[] = [];
  /** Context keys that matching statements read and the request lacked, as written. */
  readonly missingKeys = new Set<string>();

  constructor(request: EvaluationRequest) {
    this.caller = request.caller;
    this.action = request.action;
    this.lowerAction = request.action.toLowerCase();
    this.resource = request.resource;
    this.context = new RequestContext(request.context);
    this.hasBoundary = request.permissionsBoundary !== undefined;
  }
}
