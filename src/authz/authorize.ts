// Asks the policy engine about one action on one resource, with the caller's policies and the
// request's context, and turns a denial into the error the service answers with.
import { AwsError } from "../errors/aws-error.js";
import type { Model } from "../model/model.js";
import { accessDeniedMessage, evaluate, loadPolicy } from "../policy/index.js";
import type { Decision } from "../policy/types.js";
import type { AuthorizeInput, ServiceName } from "../server/context.js";
import { type LiveFacts, liveContext } from "./request-context.js";

/**
 * The account root is not limited by identity policies; it is modelled as an allow-all identity
 * policy so that explicit denies in resource policies still apply to it, as on AWS.
 */
const ROOT_POLICY = loadPolicy(
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
  }),
  "identity",
  { type: "IAM Policy", id: "account root" },
);

export async function decide(
  model: Model,
  facts: LiveFacts,
  input: AuthorizeInput,
): Promise<Decision> {
  const { caller } = facts.auth;
  // An IAM user's inline, attached and group policies, or a role's; and its boundary, if set.
  const principal =
    caller.type === "Root"
      ? { identity: ROOT_POLICY.ok ? [ROOT_POLICY.policy] : [] }
      : await model.policies.principalPolicies(caller);
  const sessionPolicies = await model.policies.sessionPolicies(caller);
  const context = liveContext(facts);
  for (const [key, value] of Object.entries(input.context ?? {})) {
    context.set(key.toLowerCase(), Array.isArray(value) ? value : [value]);
  }
  return evaluate({
    caller: { arn: caller.arn, principalArn: caller.principalArn, account: caller.account },
    action: input.action,
    resource: input.resource,
    ...(input.resourceAccount ? { resourceAccount: input.resourceAccount } : {}),
    ...(input.resourcePolicy ? { resourcePolicy: input.resourcePolicy } : {}),
    context,
    identityPolicies: principal.identity,
    ...(principal.boundary ? { permissionsBoundary: principal.boundary } : {}),
    ...(sessionPolicies ? { sessionPolicies } : {}),
  });
}

export async function authorize(
  model: Model,
  facts: LiveFacts,
  service: ServiceName,
  input: AuthorizeInput,
): Promise<Decision> {
  const decision = await decide(model, facts, input);
  if (decision.decision === "allowed") return decision;
  // S3 quotes the resource in its message; IAM, STS and EC2 do not.
  const message = accessDeniedMessage(
    facts.auth.caller.arn,
    input.action,
    input.resource,
    decision,
    {
      quoteResource: service === "s3",
    },
  );
  if (service === "ec2") {
    throw new AwsError(
      "UnauthorizedOperation",
      `You are not authorized to perform this operation. ${message}`,
    );
  }
  throw new AwsError("AccessDenied", message);
}
