// IAM's policy simulator on keyless's own engine: SimulateCustomPolicy evaluates the policies in
// the request; SimulatePrincipalPolicy those of a user, role or group, plus any given.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
import { AwsError } from "../../errors/aws-error.js";
import { contextFromEntries, evaluate, loadPolicy } from "../../policy/index.js";
import type { AttachedPolicy, Decision, MatchedStatement } from "../../policy/types.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { paginate } from "./pagination.js";
import { actionNames, contextEntries, policyList, resourceOwner } from "./simulate-input.js";

interface Simulation {
  identity: readonly AttachedPolicy[];
  boundary?: AttachedPolicy;
  /** The entity type that owns inline policies given in the request, for SourcePolicyType. */
  inlineOwner: "user" | "role" | "group" | "none";
  callerArn: string;
  /** False when callerArn is keyless's stand-in: then no aws:username comes from it. */
  callerNamed: boolean;
}

const ENTITY_ARN = /^arn:aws:iam::(\d{12}):(user|role|group)\/(?:.*\/)?([^/]+)$/;

export const simulateCustomPolicy: IamHandler = async (call) => {
  const identity = policyList(call.p, "PolicyInputList", "identity", "IAM Policy");
  if (identity.length === 0)
    throw new AwsError("InvalidInput", "PolicyInputList needs at least one policy.");
  const boundary = onlyBoundary(call);
  await call.allow("*");
  return simulate(call, {
    identity,
    ...(boundary ? { boundary } : {}),
    inlineOwner: "none",
    ...simulatedCaller(call),
  });
};

export const simulatePrincipalPolicy: IamHandler = async (call) => {
  const source = call.p.required("PolicySourceArn");
  const match = ENTITY_ARN.exec(source);
  if (!match)
    throw new AwsError(
      "InvalidInput",
      `PolicySourceArn must be a user, group or role ARN, not ${source}.`,
    );
  const [, account, type, name] = match as unknown as [
    string,
    string,
    "user" | "role" | "group",
    string,
  ];
  await call.allow(source);
  if (account !== call.account)
    throw new AwsError("NoSuchEntity", `${source} is not in this account.`);
  await entityExists(call, type, name, source);
  const own = await call.ctx.model.policies.entityPolicies(account, type, name);
  const extra = policyList(call.p, "PolicyInputList", "identity", "IAM Policy");
  const boundary = onlyBoundary(call) ?? ("boundary" in own ? own.boundary : undefined);
  return simulate(call, {
    identity: [...own.identity, ...extra],
    ...(boundary ? { boundary } : {}),
    inlineOwner: type,
    ...(type === "user"
      ? { callerArn: call.p.optional("CallerArn") ?? source, callerNamed: true }
      : simulatedCaller(call)),
  });
};

/**
 * The simulated caller: an IAM user ARN, as the API requires. Without one (and without a
 * resource policy, whose Principal would need it) the policies alone decide, so a placeholder
 * user of the account stands in — never the account root, whom no policy limits — and lends
 * no name to aws:username, which stays missing as it would on AWS.
 */
function simulatedCaller(call: IamCall): { callerArn: string; callerNamed: boolean } {
  const given = call.p.optional("CallerArn");
  if (given === undefined) {
    if (call.p.optional("ResourcePolicy") !== undefined) {
      throw new AwsError("InvalidInput", "CallerArn is required when a ResourcePolicy is given.");
    }
    return {
      callerArn: `arn:aws:iam::${call.account}:user/keyless-simulated-caller`,
      callerNamed: false,
    };
  }
  if (!/^arn:aws:iam::\d{12}:user\//.test(given)) {
    throw new AwsError("InvalidInput", `CallerArn must be an IAM user ARN, not ${given}.`);
  }
  return { callerArn: given, callerNamed: true };
}

async function entityExists(call: IamCall, type: string, name: string, arn: string) {
  const { model } = call.ctx;
  const found =
    type === "user"
      ? await model.users.find(call.account, name)
      : type === "role"
        ? await model.roles.find(call.account, name)
        : await model.groups.find(call.account, name);
  if (!found) throw new AwsError("NoSuchEntity", `The entity ${arn} cannot be found.`);
}

function onlyBoundary(call: IamCall): AttachedPolicy | undefined {
  const boundaries = policyList(
    call.p,
    "PermissionsBoundaryPolicyInputList",
    "boundary",
    "Permissions Boundary Policy",
  );
  if (boundaries.length > 1) {
    throw new AwsError("InvalidInput", "PermissionsBoundaryPolicyInputList takes one policy.");
  }
  return boundaries[0];
}

async function simulate(call: IamCall, simulation: Simulation) {
  const actions = actionNames(call.p);
  const resources = call.p.list("ResourceArns.member");
  const resourcePolicy = resourcePolicyOf(call);
  const owner = resourceOwner(call.p);
  const context = contextFromEntries(
    contextEntries(call.p),
    simulation.callerNamed ? simulation.callerArn : undefined,
  );
  const callerAccount = simulation.callerArn.split(":")[4] ?? call.account;
  const results = actions.flatMap((action) =>
    (resources.length > 0 ? resources : ["*"]).map((resource) => {
      const decision = evaluate({
        caller: {
          arn: simulation.callerArn,
          principalArn: simulation.callerArn,
          account: callerAccount,
        },
        action,
        resource,
        context,
        identityPolicies: simulation.identity,
        ...(simulation.boundary ? { permissionsBoundary: simulation.boundary } : {}),
        ...(resourcePolicy ? { resourcePolicy } : {}),
        ...(owner ? { resourceAccount: owner } : {}),
      });
      return resultShape(action, resource, decision, simulation);
    }),
  );
  const page = paginate(call.p, results);
  return { EvaluationResults: members(page.items), ...page.marker };
}

function resourcePolicyOf(call: IamCall): AttachedPolicy | undefined {
  const text = call.p.optional("ResourcePolicy");
  if (text === undefined) return undefined;
  const loaded = loadPolicy(text, "resource", { type: "Resource Policy", id: "ResourcePolicy" });
  if (!loaded.ok)
    throw new AwsError("MalformedPolicyDocument", `ResourcePolicy: ${loaded.error.message}`);
  return loaded.policy;
}

function resultShape(action: string, resource: string, decision: Decision, simulation: Simulation) {
  return {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: decision.decision,
    // The boundary's own statements are reported in PermissionsBoundaryDecisionDetail.
    MatchedStatements: members(
      decision.matched
        .filter((m) => m.source.type !== "Permissions Boundary Policy")
        .map((m) => statementShape(m, simulation)),
    ),
    MissingContextValues: members([...decision.missingContextValues]),
    OrganizationsDecisionDetail: { AllowedByOrganizations: true },
    ...(simulation.boundary
      ? {
          PermissionsBoundaryDecisionDetail: {
            AllowedByPermissionsBoundary: boundaryAllows(decision),
          },
        }
      : {}),
  };
}

/**
 * "True if the permissions boundary includes an Allow statement that matches the request" (and
 * no Deny), whatever else decided: a same-account resource policy naming the user may allow
 * what the boundary does not (IAM API Reference, PermissionsBoundaryDecisionDetail).
 */
function boundaryAllows(decision: Decision): boolean {
  const boundary = decision.matched.filter((m) => m.source.type === "Permissions Boundary Policy");
  return boundary.some((m) => m.effect === "Allow") && !boundary.some((m) => m.effect === "Deny");
}

/** AWS's SourcePolicyType: user, group, role, aws-managed, user-managed, resource or none. */
function statementShape(statement: MatchedStatement, simulation: Simulation) {
  const { source } = statement;
  const type =
    source.type === "Resource Policy"
      ? "resource"
      : source.inline === false
        ? source.id.includes(":aws:policy/")
          ? "aws-managed"
          : "user-managed"
        : source.type === "IAM Policy"
          ? (source.owner ?? simulation.inlineOwner)
          : "none";
  return { SourcePolicyId: source.id, SourcePolicyType: type };
}
