// Every authenticated call becomes a CloudTrail-shaped event: who (userIdentity of type IAMUser,
// AssumedRole, Root or AWSAccount for anonymous), with which key, what, from where, and, in a
// keyless extension, the decision and the statement that decided it. No secret key, session
// token or IMDS token is ever part of an event.
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
import { randomUUID } from "node:crypto";
import { isoSeconds } from "../clock/time-text.js";
import type { Caller } from "../model/types.js";
import type { Decision } from "../policy/types.js";

export interface RecordedDecision {
  action: string;
  resource: string;
  decision: Decision;
}

/** What CloudTrail tells of a call beyond who made it: its parameters and the resources. */
export interface CallDetails {
  requestParameters: Record<string, unknown>;
  resources: readonly { type: string; ARN: string; accountId?: string }[];
  /** Data events are S3's object-level calls (and listings); the rest are management events. */
  category: "Data" | "Management";
  /** The account that owns the resource: CloudTrail's recipient for an anonymous call. */
  resourceAccount?: string;
}

export interface CallFacts {
  requestId: string;
  time: number;
  service: string;
  operation: string;
  region: string;
  sourceIp: string;
  userAgent: string;
  status: number;
  caller?: Caller;
  /** The key a request claimed, when it was refused before we knew who sent it. */
  claimedKeyId?: string;
  errorCode?: string;
  errorMessage?: string;
  decisions: readonly RecordedDecision[];
  details?: CallDetails;
}

export interface TrailEvent {
  eventVersion: "1.08";
  eventID: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  requestID: string;
  eventType: "AwsApiCall";
  readOnly: boolean;
  /** null when the call's parameters are not recorded, as CloudTrail writes it. */
  requestParameters: Record<string, unknown> | null;
  resources?: CallDetails["resources"];
  managementEvent: boolean;
  eventCategory: CallDetails["category"];
  recipientAccountId?: string;
  userIdentity: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  /** keyless's own: how the request was authorized. */
  keyless: {
    status: number;
    decision: "Allowed" | "ExplicitDeny" | "ImplicitDeny" | "NotEvaluated";
    action?: string;
    resource?: string;
    decidedBy?: { policyType: string; policy: string; statement: string };
    missingAllows?: readonly string[];
    /**
     * Every evaluation the call made, in order, when it made more than one: DeleteObjects
     * decides each key, and a GET of a missing key asks s3:ListBucket after s3:GetObject.
     */
    evaluated?: readonly { action: string; resource: string; decision: string }[];
  };
}

const DECISION_NAME = {
  allowed: "Allowed",
  explicitDeny: "ExplicitDeny",
  implicitDeny: "ImplicitDeny",
} as const;

export function userIdentity(
  caller: Caller | undefined,
  claimedKeyId?: string,
): Record<string, unknown> {
  if (!caller) return { type: "Unknown", ...(claimedKeyId ? { accessKeyId: claimedKeyId } : {}) };
  if (caller.type === "Anonymous")
    return { type: "AWSAccount", principalId: "", accountId: "anonymous" };
  const base = {
    principalId: caller.userId,
    arn: caller.arn,
    accountId: caller.account,
    accessKeyId: caller.accessKeyId,
  };
  if (caller.type === "Root") return { type: "Root", ...base };
  if (caller.type === "IAMUser") {
    const viaToken = caller.userSession
      ? {
          sessionContext: {
            attributes: {
              creationDate: isoSeconds(caller.userSession.issuedAt),
              mfaAuthenticated: "false",
            },
          },
        }
      : {};
    return { type: "IAMUser", ...base, userName: caller.userName, ...viaToken };
  }
  const session = caller.session;
  return {
    type: "AssumedRole",
    ...base,
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: session?.roleId,
        arn: session?.roleArn,
        accountId: caller.account,
        userName: session?.roleName,
      },
      attributes: {
        creationDate: session ? isoSeconds(session.issuedAt) : undefined,
        mfaAuthenticated: "false",
      },
      ...(session?.sourceInstanceArn ? { ec2RoleDelivery: session.roleDelivery } : {}),
      ...(session?.sourceIdentity ? { sourceIdentity: session.sourceIdentity } : {}),
    },
  };
}

/**
 * The decision that settled the call: the first denial, else the first allow, which is the
 * operation's own action (later ones are follow-ups, such as the s3:ListBucket that makes a
 * missing key a 404).
 */
function settling(decisions: readonly RecordedDecision[]): RecordedDecision | undefined {
  return decisions.find((d) => d.decision.decision !== "allowed") ?? decisions[0];
}

/** The account the event is delivered to: the caller's, or for an anonymous one the owner's. */
function recipient(facts: CallFacts): { recipientAccountId?: string } {
  if (facts.caller && facts.caller.type !== "Anonymous") {
    return { recipientAccountId: facts.caller.account };
  }
  const owner = facts.details?.resourceAccount;
  return owner === undefined ? {} : { recipientAccountId: owner };
}

export function toTrailEvent(facts: CallFacts): TrailEvent {
  const settled = settling(facts.decisions);
  const decidedBy = settled?.decision.decidedBy;
  return {
    eventVersion: "1.08",
    eventID: randomUUID(),
    eventTime: isoSeconds(facts.time),
    eventSource: `${facts.service}.amazonaws.com`,
    eventName: facts.operation,
    awsRegion: facts.region,
    sourceIPAddress: facts.sourceIp,
    userAgent: facts.userAgent,
    requestID: facts.requestId,
    eventType: "AwsApiCall",
    readOnly: /^(Get|List|Describe|Head|Simulate|Decode)/.test(facts.operation),
    requestParameters: facts.details?.requestParameters ?? null,
    ...(facts.details ? { resources: facts.details.resources } : {}),
    managementEvent: facts.details?.category !== "Data",
    eventCategory: facts.details?.category ?? "Management",
    ...recipient(facts),
    userIdentity: userIdentity(facts.caller, facts.claimedKeyId),
    ...(facts.errorCode ? { errorCode: facts.errorCode } : {}),
    ...(facts.errorMessage ? { errorMessage: facts.errorMessage } : {}),
    keyless: {
      status: facts.status,
      decision: settled ? DECISION_NAME[settled.decision.decision] : "NotEvaluated",
      ...(settled ? { action: settled.action, resource: settled.resource } : {}),
      ...(decidedBy
        ? {
            decidedBy: {
              policyType: decidedBy.source.type,
              policy: decidedBy.source.id,
              statement: decidedBy.statement,
            },
          }
        : {}),
      ...(settled && settled.decision.decision === "implicitDeny"
        ? { missingAllows: settled.decision.missingAllows }
        : {}),
      ...(facts.decisions.length > 1
        ? {
            evaluated: facts.decisions.map((d) => ({
              action: d.action,
              resource: d.resource,
              decision: DECISION_NAME[d.decision.decision],
            })),
          }
        : {}),
    },
  };
}
