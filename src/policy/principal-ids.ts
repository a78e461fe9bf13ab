// A saved resource-based policy (a bucket policy, a role's trust policy) names an IAM user or role
// by the unique ID it had when the policy was saved, not by its ARN: "When you save the policy,
// AWS transforms the ARN to a unique principal ID" (IAM User Guide, "Examples of policies for
// delegating access"; "AWS JSON policy elements: Principal" says the same of IAM user and role
// principals). The caller keeps the ARNs the policy was written with beside it, with the ID each
// stood for; these two transformations apply them.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_policy-examples.html#example-delegate-xaccount-rolesapi
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html

import { createHash } from "node:crypto";
import type { ParsedPolicy, ParsedPrincipal } from "./parse/parsed.js";

/** The unique ID (AIDA…, AROA…) that each IAM user or role ARN of a policy stood for. */
export type PrincipalIds = Readonly<Record<string, string>>;

/** The policy as it is evaluated: each ARN that ids maps is matched as the ID it stood for. */
export function withPrincipalIds(policy: ParsedPolicy, ids: PrincipalIds): ParsedPolicy {
  const byArn = new Map(Object.entries(ids));
  if (byArn.size === 0) return policy;
  const swap = (principal: ParsedPrincipal | undefined) =>
    principal && { ...principal, AWS: principal.AWS.map((aws) => byArn.get(aws) ?? aws) };
  const statements = policy.statements.map(({ principal, notPrincipal, ...statement }) => {
    const named = swap(principal);
    const excluded = swap(notPrincipal);
    return {
      ...statement,
      ...(named ? { principal: named } : {}),
      ...(excluded ? { notPrincipal: excluded } : {}),
    };
  });
  // The compile cache knows a document by its hash: the same text bound to other IDs is another
  // policy.
  const binding = createHash("sha256")
    .update(JSON.stringify([...byArn].sort()))
    .digest("hex");
  return { ...policy, statements, hash: `${policy.hash}:ids:${binding}` };
}

/**
 * The document as GetBucketPolicy and GetRole show it: an ARN whose user or role is gone is
 * written as the unique ID it stood for, since there is no ARN left to show. The text is given
 * back unchanged when nothing is gone, and otherwise as compact JSON.
 */
export function showGonePrincipals(text: string, gone: PrincipalIds): string {
  const byArn = new Map(Object.entries(gone));
  if (byArn.size === 0) return text;
  const swap = (aws: unknown) => (typeof aws === "string" ? (byArn.get(aws) ?? aws) : aws);

  // The text was a valid policy when it was saved: an object whose Statement is one statement
  // or a list of them.
  const document = JSON.parse(text) as { Statement?: unknown };
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  for (const statement of statements) {
    for (const element of ["Principal", "NotPrincipal"]) {
      const principal = (statement as Record<string, unknown> | undefined)?.[element];
      if (typeof principal !== "object" || principal === null || !("AWS" in principal)) continue;
      const aws = principal.AWS;
      principal.AWS = Array.isArray(aws) ? aws.map(swap) : swap(aws);
    }
  }
  return JSON.stringify(document);
}
