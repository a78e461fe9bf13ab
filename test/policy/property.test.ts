// Random policies and requests: nothing throws, and the compiled engine agrees with the
// deliberately plain reference interpreter.

import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type AttachedPolicy,
  type EvaluationRequest,
  evaluate,
  loadPolicy,
  type PolicyKind,
  type PolicySource,
  parsePolicy,
} from "../../src/policy/index.js";
import { A, actions, B, callers, contexts, policies, resources } from "./random-policies.js";
import { type ReferenceRequest, referenceEvaluate } from "./reference-interpreter.js";

function load(document: unknown, kind: PolicyKind, source: PolicySource): AttachedPolicy {
  const loaded = loadPolicy(JSON.stringify(document), kind, source);
  assert.ok(loaded.ok, `generated policy refused: ${loaded.ok ? "" : loaded.error.message}`);
  return loaded.policy;
}

const requests = fc.record({
  caller: callers,
  action: actions,
  resource: resources,
  resourceAccount: fc.constantFrom(undefined, A, B),
  context: contexts,
  identity: fc.array(policies("identity"), { maxLength: 3 }),
  boundary: fc.option(policies("identity"), { freq: 3 }),
  session: fc.option(fc.array(policies("identity"), { minLength: 1, maxLength: 2 }), { freq: 3 }),
  resourcePolicy: fc.option(fc.oneof(policies("resource"), policies("trust")), { freq: 2 }),
});

describe("random policies and requests", () => {
  it("the compiled engine agrees with the reference interpreter on 3,000 random requests", () => {
    fc.assert(
      fc.property(requests, (r) => {
        const trust =
          r.resourcePolicy !== null &&
          !JSON.stringify(r.resourcePolicy).includes('"Resource"') &&
          !JSON.stringify(r.resourcePolicy).includes('"NotResource"');
        const request: EvaluationRequest = {
          caller: r.caller,
          action: r.action,
          resource: r.resource,
          context: r.context,
          identityPolicies: r.identity.map((d, i) =>
            load(d, "identity", { type: "IAM Policy", id: `p${i}` }),
          ),
        };
        const reference: ReferenceRequest = {
          caller: r.caller,
          action: r.action,
          resource: r.resource,
          context: r.context,
          identityPolicies: r.identity,
        };
        if (r.resourceAccount !== undefined) {
          request.resourceAccount = r.resourceAccount;
          reference.resourceAccount = r.resourceAccount;
        }
        if (r.boundary !== null) {
          request.permissionsBoundary = load(r.boundary, "boundary", {
            type: "Permissions Boundary Policy",
            id: "b",
          });
          reference.permissionsBoundary = r.boundary;
        }
        if (r.session !== null) {
          request.sessionPolicies = r.session.map((d, i) =>
            load(d, "session", { type: "Session Policy", id: `s${i}` }),
          );
          reference.sessionPolicies = r.session;
        }
        if (r.resourcePolicy !== null) {
          const kind = trust ? "trust" : "resource";
          request.resourcePolicy = load(r.resourcePolicy, kind, {
            type: trust ? "Trust Policy" : "Resource Policy",
            id: "r",
          });
          reference.resourcePolicy = r.resourcePolicy;
          reference.resourcePolicyKind = kind;
        }

        const engine = evaluate(request);
        assert.equal(
          engine.decision,
          referenceEvaluate(reference),
          "the engine's decision differs from the reference",
        );
        assert.equal(
          engine.decision === "implicitDeny",
          engine.missingAllows.length > 0,
          `missingAllows ${engine.missingAllows}`,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("parsing arbitrary text or JSON never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ Version: "2012-10-17", Statement: v })),
        ),
        fc.constantFrom<PolicyKind>("identity", "resource", "trust", "boundary", "session"),
        (text, kind) => {
          const result = parsePolicy(text, kind);
          assert.equal(typeof result.ok, "boolean", "parse returned no result");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("statements built from arbitrary JSON values either parse and evaluate or are refused, never throw", () => {
    const element = fc.oneof(fc.string(), fc.array(fc.string()), fc.jsonValue());
    fc.assert(
      fc.property(
        fc.record({
          Effect: fc.constantFrom("Allow", "Deny"),
          Action: element,
          Resource: element,
          Condition: fc.option(fc.dictionary(fc.string(), fc.dictionary(fc.string(), element))),
        }),
        contexts,
        (statement, context) => {
          const loaded = loadPolicy(
            JSON.stringify({ Version: "2012-10-17", Statement: statement }),
            "identity",
            { type: "IAM Policy", id: "x" },
          );
          if (!loaded.ok) return;
          const decision = evaluate({
            caller: {
              arn: `arn:aws:iam::${A}:user/alice`,
              principalArn: `arn:aws:iam::${A}:user/alice`,
              account: A,
            },
            action: "s3:GetObject",
            resource: "arn:aws:s3:::bkt/k",
            context,
            identityPolicies: [loaded.policy],
          });
          assert.ok(
            ["allowed", "explicitDeny", "implicitDeny"].includes(decision.decision),
            `decision ${decision.decision}`,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
