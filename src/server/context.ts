// What a service handler is given: the request as received, who sent it, and how to ask
// whether they may do what they ask.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import type { CallDetails } from "../audit/cloudtrail-event.js";
import type { AdjustableClock } from "../clock/clock.js";
import type { ImdsManager } from "../imds/manager.js";
import type { Logger } from "../log/logger.js";
import type { Model } from "../model/model.js";
import type { Caller } from "../model/types.js";
import type { AttachedPolicy, Decision } from "../policy/types.js";

export type ServiceName = "iam" | "sts" | "ec2" | "s3";

export interface ServerConfig {
  host: string;
  port: number;
  region: string;
  /** The first account; `--accounts` may add others. */
  account: string;
  accounts: string[];
  dataDir: string | undefined;
  propagationDelayMs: number;
  version: string;
}

/** What authentication learned about the request, for condition keys and the trail. */
export interface AuthFacts {
  caller: Caller;
  accessKeyId: string;
  signatureLocation: "header" | "query";
  /** 4, or 2 for S3's older Signature Version 2 (s3:signatureversion "AWS"). */
  signatureVersion: 2 | 4;
  /** The x-amz-content-sha256 value, when sent. */
  contentSha256: string | undefined;
  /** Milliseconds between signing and arrival (s3:signatureAge). */
  signatureAgeMs: number;
  region: string;
}

export interface AuthorizeInput {
  action: string;
  resource: string;
  /** Account owning the resource; the caller's when absent. */
  resourceAccount?: string;
  resourcePolicy?: AttachedPolicy;
  /** Extra condition keys of this request (s3:prefix, …). */
  context?: Record<string, string | string[]>;
}

export interface RequestContext {
  requestId: string;
  service: ServiceName;
  req: IncomingMessage;
  res: ServerResponse;
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  auth: AuthFacts;
  /**
   * The body, decoded from aws-chunked when it was sent that way and checked as it passes; made
   * on the first call (a GET never pays for it), the same stream after; read at most once.
   */
  body: () => Readable;
  /** For aws-chunked bodies: the trailing headers, known once body has ended. */
  trailers: () => ReadonlyMap<string, string>;
  model: Model;
  clock: AdjustableClock;
  config: ServerConfig;
  log: Logger;
  imds: ImdsManager;
  /**
   * Evaluates the caller's policies for one action on one resource; throws AccessDenied (or the
   * service's equivalent) with AWS's message when the answer is not Allowed.
   */
  authorize(input: AuthorizeInput): Promise<Decision>;
  /** Names the operation for the access log and the trail, where the service knows it late. */
  nameOperation(name: string): void;
  /** Gives the trail the call's parameters and resources, as CloudTrail records them. */
  describeCall(details: CallDetails): void;
  /**
   * Like authorize, but returns the decision instead of throwing. The trail records it unless
   * told not to: a check whose denial the operation does not enforce is no decision of the call.
   */
  decide(input: AuthorizeInput, options?: { record: boolean }): Promise<Decision>;
}

/** A finished Query-protocol reply (IAM, STS, EC2). */
export interface Reply {
  status?: number;
  contentType: string;
  body: string;
}
