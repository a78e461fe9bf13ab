// TODO(federation): AssumeRoleWithWebIdentity and AssumeRoleWithSAML come unsigned (the token or
// the assertion is the credential). keyless serves neither yet, and says so, rather than asking
// the caller for the signature these calls never carry (MissingAuthenticationToken).
import { AwsError } from "../../errors/aws-error.js";
import type { ServiceName } from "../../server/context.js";

const FEDERATION = new Set(["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]);

export function refuseFederation(
  service: ServiceName,
  query: URLSearchParams,
  form: Buffer | undefined,
): void {
  if (service !== "sts") return;
  const action = query.get("Action") ?? new URLSearchParams(form?.toString("utf8")).get("Action");
  if (action === null || !FEDERATION.has(action)) return;
  throw new AwsError(
    "InvalidAction",
    `keyless does not serve ${action} yet: federation (OIDC, SAML) is not built ` +
      '(README, "Not yet").',
    { status: 400 },
  );
}
