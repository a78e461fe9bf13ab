// Asks the policy engine about one action on one resource, with the caller's policies and the
// request's context, and turns a denial into the error the service answers with.
import { AwsError } from "../errors/aws-error.js";
import type { Model } from "../model/model.js";
import { accessDeniedMessage, evaluate, loadPolicy } from "../policy/index.js";
import type { Decision } from "../policy/types.js";
import type { AuthorizeInput, ServiceName } from "../server/context.js";
import { describeFailure, MESSAGE_KEY, sealMessage } from "./encoded-message.js";
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

/** Told of every decision taken for a request, for the trail. */
export type DecisionListener = (action: string, resource: string, decision: Decision) => void;

export async function decide(
  model: Model,
  facts: LiveFacts,
  input: AuthorizeInput,
  listener?: DecisionListener,
): Promise<Decision> {
  const decision = await evaluateRequest(model, facts, input);
  listener?.(input.action, input.resource, decision);
  return decision;
}

async function evaluateRequest(
  model: Model,
  facts: LiveFacts,
  input: AuthorizeInput,
): Promise<Decision> {
  const { caller } = facts.auth;
  const anonymous = caller.type === "Anonymous";
  // An IAM user's inline, attached and group policies, or a role's; and its boundary, if set.
  // The anonymous principal has none: only a resource policy can allow it anything.
  const principal =
    caller.type === "Root"
      ? { identity: ROOT_POLICY.ok ? [ROOT_POLICY.policy] : [] }
      : anonymous
        ? { identity: [] }
        : await model.policies.principalPolicies(caller);
  const sessionPolicies = anonymous ? undefined : await model.policies.sessionPolicies(caller);
  const context = requestContext(facts, input);
  const principalId = caller.type === "IAMUser" ? caller.userId : caller.session?.roleId;
  return evaluate({
    caller: {
      arn: caller.arn,
      principalArn: caller.principalArn,
      account: caller.account,
      ...(principalId === undefined ? {} : { principalId }),
    },
    action: input.action,
    resource: input.resource,
    // Anonymous is in no account, so no account's identity policies can be the other half of a
    // cross-account grant: the resource policy alone decides, as for a same-account caller.
    ...(input.resourceAccount && !anonymous ? { resourceAccount: input.resourceAccount } : {}),
    ...(input.resourcePolicy ? { resourcePolicy: input.resourcePolicy } : {}),
    context,
    identityPolicies: principal.identity,
    ...(principal.boundary ? { permissionsBoundary: principal.boundary } : {}),
    ...(sessionPolicies ? { sessionPolicies } : {}),
  });
}

/** The live request's context keys plus the operation's own. */
function requestContext(facts: LiveFacts, input: AuthorizeInput): Map<string, string[]> {
  const context = liveContext(facts);
  for (const [key, value] of Object.entries(input.context ?? {})) {
    context.set(key.toLowerCase(), Array.isArray(value) ? value : [value]);
  }
  return context;
}

export async function authorize(
  model: Model,
  facts: LiveFacts,
  service: ServiceName,
  input: AuthorizeInput,
  listener?: DecisionListener,
): Promise<Decision> {
  const decision = await decide(model, facts, input, listener);
  if (decision.decision === "allowed") return decision;
  // S3 explains a denial only to a caller in the resource's own account; anonymous and
  // cross-account callers read "Access Denied" (Amazon S3 User Guide, "Troubleshoot access
  // denied (403 Forbidden) errors in Amazon S3", access denied message examples).
  const { caller } = facts.auth;
  const foreign = input.resourceAccount !== undefined && input.resourceAccount !== caller.account;
  if (service === "s3" && (caller.type === "Anonymous" || foreign)) {
    throw new AwsError("AccessDenied");
  }
  // S3 quotes the resource in its message; IAM, STS and EC2 do not. EC2's Describe calls,
  // asked on "*", name no resource and carry no encoded message: "…is not authorized to
  // perform: ec2:DescribeInstances because no identity-based policy allows the
  // ec2:DescribeInstances action", as AWS answers them.
  const described = service === "ec2" && input.resource === "*";
  const message = accessDeniedMessage(
    facts.auth.caller.arn,
    input.action,
    input.resource,
    decision,
    { quoteResource: service === "s3", nameResource: !described },
  );
  if (described) {
    throw new AwsError(
      "UnauthorizedOperation",
      `You are not authorized to perform this operation. ${message}`,
    );
  }
  if (service === "ec2") {
    // EC2 adds the decision, sealed, for sts:DecodeAuthorizationMessage to open.
    const failure = describeFailure(
      decision,
      { principalId: caller.userId, principalArn: caller.arn, ...input },
      requestContext(facts, input),
    );
    const sealed = sealMessage(await model.meta.secret(MESSAGE_KEY), failure);
    throw new AwsError(
      "UnauthorizedOperation",
      `You are not authorized to perform this operation. ${message} Encoded authorization failure message: ${sealed}`,
    );
  }
  throw new AwsError("AccessDenied", message);
}
