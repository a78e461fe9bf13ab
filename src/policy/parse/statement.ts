// One statement: which elements each policy kind requires, allows or forbids.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html

import type { PolicyKind } from "../types.js";
import { parseCondition } from "./condition.js";
import { Failure, isObject, stringList } from "./failure.js";
import { messages } from "./messages.js";
import type { ParsedStatement } from "./parsed.js";
import { parsePrincipal } from "./principal.js";

const ELEMENTS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);

/** Policies that belong to an identity: a Principal makes no sense in them. */
const IDENTITY_KINDS: readonly PolicyKind[] = ["identity", "boundary", "session"];

export function parseStatement(raw: unknown, kind: PolicyKind): ParsedStatement | Failure {
  if (!isObject(raw)) return new Failure(messages.syntax);
  for (const element of Object.keys(raw)) {
    if (!ELEMENTS.has(element)) return new Failure(messages.syntax);
  }

  const effect = raw.Effect;
  if (effect === undefined) return new Failure(messages.missingEffect);
  if (effect !== "Allow" && effect !== "Deny") {
    return new Failure(messages.invalidEffect(String(effect)));
  }
  const statement: ParsedStatement = { effect, conditions: [] };

  if (raw.Sid !== undefined) {
    if (typeof raw.Sid !== "string") return new Failure(messages.syntax);
    // IAM (not S3) limits Sids to letters and digits.
    if (kind !== "resource" && !/^[0-9A-Za-z]*$/.test(raw.Sid)) {
      return new Failure(messages.sidAlphanumeric);
    }
    statement.sid = raw.Sid;
  }

  const principals = readPrincipals(raw, kind, statement);
  if (principals instanceof Failure) return principals;
  const actions = readActions(raw, statement);
  if (actions instanceof Failure) return actions;
  const resources = readResources(raw, kind, statement);
  if (resources instanceof Failure) return resources;

  if (raw.Condition !== undefined) {
    const conditions = parseCondition(raw.Condition);
    if (conditions instanceof Failure) return conditions;
    statement.conditions = conditions;
  }
  return statement;
}

function readPrincipals(
  raw: Record<string, unknown>,
  kind: PolicyKind,
  statement: ParsedStatement,
): undefined | Failure {
  const hasPrincipal = raw.Principal !== undefined;
  const hasNotPrincipal = raw.NotPrincipal !== undefined;
  if (IDENTITY_KINDS.includes(kind)) {
    return hasPrincipal || hasNotPrincipal ? new Failure(messages.principalNotAllowed) : undefined;
  }
  if (hasPrincipal && hasNotPrincipal) return new Failure(messages.bothPrincipals);
  if (kind === "trust" && hasNotPrincipal) return new Failure(messages.prohibitedNotPrincipal);
  if (!hasPrincipal && !hasNotPrincipal) return new Failure(messages.missingPrincipal);

  const principal = parsePrincipal(hasPrincipal ? raw.Principal : raw.NotPrincipal);
  if (principal instanceof Failure) return principal;
  if (hasPrincipal) statement.principal = principal;
  else statement.notPrincipal = principal;
  return undefined;
}

function readActions(
  raw: Record<string, unknown>,
  statement: ParsedStatement,
): undefined | Failure {
  if (raw.Action !== undefined && raw.NotAction !== undefined) {
    return new Failure(messages.bothActions);
  }
  const written = raw.Action ?? raw.NotAction;
  if (written === undefined) return new Failure(messages.noActions);
  const actions = stringList(written, new Failure(messages.syntax));
  if (actions instanceof Failure) return actions;
  if (actions.length === 0) return new Failure(messages.noActions);

  for (const action of actions) {
    if (action === "*") continue;
    const colons = action.split(":").length - 1;
    if (colons === 0 || action.startsWith(":")) return new Failure(messages.actionVendor);
    if (colons > 1) return new Failure(messages.actionColons);
  }
  if (raw.Action !== undefined) statement.action = actions;
  else statement.notAction = actions;
  return undefined;
}

function readResources(
  raw: Record<string, unknown>,
  kind: PolicyKind,
  statement: ParsedStatement,
): undefined | Failure {
  const hasResource = raw.Resource !== undefined;
  const hasNotResource = raw.NotResource !== undefined;
  // A trust policy's resource is the role itself.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
  if (kind === "trust") {
    if (hasResource || hasNotResource) return new Failure(messages.prohibitedResource);
    return undefined;
  }
  if (hasResource && hasNotResource) return new Failure(messages.bothResources);
  if (!hasResource && !hasNotResource) return new Failure(messages.noResources);

  const resources = stringList(
    hasResource ? raw.Resource : raw.NotResource,
    new Failure(messages.syntax),
  );
  if (resources instanceof Failure) return resources;
  if (resources.length === 0) return new Failure(messages.noResources);
  // An identity's policy names resources by ARN: a bare bucket name or an empty string is a
  // mistake IAM refuses when the policy is saved. (A bucket policy's own rule is S3's.)
  if (IDENTITY_KINDS.includes(kind)) {
    const unnamed = resources.find((resource) => resource !== "*" && !resource.startsWith("arn:"));
    if (unnamed !== undefined) return new Failure(messages.resourceFormat(unnamed));
  }
  if (hasResource) statement.resource = resources;
  else statement.notResource = resources;
  return undefined;
}
