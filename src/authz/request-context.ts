// The global condition keys of a live request, filled from who called and how.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html

import { isoSeconds } from "../clock/time-text.js";
import type { Caller } from "../model/types.js";
import type { AuthFacts } from "../server/context.js";

export interface LiveFacts {
  auth: AuthFacts;
  service: string;
  sourceIp: string;
  /** The User-Agent and Referer headers, when the request has them. */
  userAgent: string | undefined;
  referer: string | undefined;
  secure: boolean;
  now: number;
}

const PRINCIPAL_TYPE: Record<Caller["type"], string> = {
  Root: "Account",
  IAMUser: "User",
  AssumedRole: "AssumedRole",
  Anonymous: "Anonymous",
};

export function liveContext(facts: LiveFacts): Map<string, string[]> {
  const { caller } = facts.auth;
  const context = new Map<string, string[]>();
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) context.set(key.toLowerCase(), [value]);
  };
  // An anonymous request has no principal ARN or account; its aws:userid is "anonymous".
  const anonymous = caller.type === "Anonymous";
  if (!anonymous) {
    set("aws:PrincipalArn", caller.principalArn);
    set("aws:PrincipalAccount", caller.account);
    // Present on every request signed with AWS credentials; only a service principal's is true.
    set("aws:PrincipalIsAWSService", "false");
  }
  set("aws:PrincipalType", PRINCIPAL_TYPE[caller.type]);
  set("aws:userid", caller.userId);
  set("aws:username", caller.userName);
  set("aws:SourceIp", facts.sourceIp);
  set("aws:UserAgent", facts.userAgent);
  set("aws:Referer", facts.referer);
  set("aws:CurrentTime", isoSeconds(facts.now));
  set("aws:EpochTime", String(Math.floor(facts.now / 1000)));
  set("aws:SecureTransport", String(facts.secure));
  set("aws:RequestedRegion", facts.auth.region);
  set("aws:ViaAWSService", "false");
  const session = caller.session;
  if (session) {
    set("aws:TokenIssueTime", isoSeconds(session.issuedAt));
    set("aws:MultiFactorAuthPresent", "false");
    set("ec2:SourceInstanceARN", session.sourceInstanceArn);
    set("ec2:RoleDelivery", session.roleDelivery);
    set("aws:SourceIdentity", session.sourceIdentity);
    for (const [key, value] of Object.entries(session.tags ?? {}))
      set(`aws:PrincipalTag/${key}`, value);
  }
  if (caller.userSession) {
    set("aws:TokenIssueTime", isoSeconds(caller.userSession.issuedAt));
    set("aws:MultiFactorAuthPresent", "false");
  }
  // The signature's keys exist only for a signed request. Signature Version 2 is "AWS". The
  // same page says s3:signatureAge "works for" presigned URLs and presigned POST, and that
  // under Signature Version 2 it "is always set to 0": a Version 4 Authorization header has
  // none, so a condition on it does not hold there (Amazon S3 API Reference, "Amazon S3
  // Signature Version 4 Authentication Specific Policy Keys").
  if (facts.service === "s3" && !anonymous) {
    const sigV2 = facts.auth.signatureVersion === 2;
    const presigned = facts.auth.signatureLocation === "query";
    set("s3:authType", presigned ? "REST-QUERY-STRING" : "REST-HEADER");
    set("s3:signatureversion", sigV2 ? "AWS" : "AWS4-HMAC-SHA256");
    if (sigV2) set("s3:signatureAge", "0");
    else if (presigned) set("s3:signatureAge", String(facts.auth.signatureAgeMs));
    set("s3:x-amz-content-sha256", facts.auth.contentSha256);
  }
  return context;
}
