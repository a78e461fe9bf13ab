// EC2 denials carry "Encoded authorization failure message: …", which only
// sts:DecodeAuthorizationMessage can read. keyless seals the decision with AES-256-GCM under a
// key made once per data dir, so the message means nothing to anyone who holds it.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Decision } from "../policy/types.js";

/** The meta record holding the sealing key. */
export const MESSAGE_KEY = "authorization-messages";

export interface AuthorizationFailure {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: {
    items: {
      statementId: string;
      effect: string;
      sourcePolicyType: string;
      sourcePolicyId: string;
    }[];
  };
  failures: { items: string[] };
  context: {
    principal: { id: string; arn: string };
    action: string;
    resource: string;
    conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
  };
}

export function describeFailure(
  decision: Decision,
  request: { principalId: string; principalArn: string; action: string; resource: string },
  context: ReadonlyMap<string, readonly string[]>,
): AuthorizationFailure {
  return {
    allowed: decision.decision === "allowed",
    explicitDeny: decision.decision === "explicitDeny",
    matchedStatements: {
      items: decision.matched.map((m) => ({
        statementId: m.statement,
        effect: m.effect.toUpperCase(),
        sourcePolicyType: m.source.type,
        sourcePolicyId: m.source.id,
      })),
    },
    failures: {
      items: decision.missingAllows.map((type) => `no ${type} policy allows the action`),
    },
    context: {
      principal: { id: request.principalId, arn: request.principalArn },
      action: request.action,
      resource: request.resource,
      conditions: {
        items: [...context].map(([key, values]) => ({
          key,
          values: { items: values.map((value) => ({ value })) },
        })),
      },
    },
  };
}

export function sealMessage(key: Buffer, failure: AuthorizationFailure): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(failure), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The decision text, or undefined when the message was not sealed by this keyless. */
export function openMessage(key: Buffer, sealed: string): string | undefined {
  try {
    const bytes = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
