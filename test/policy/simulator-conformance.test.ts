// Every shared conformance case, fed to IAM SimulateCustomPolicy with the real SDK over a socket,
// must come back with the EvalDecision AWS documents (mapping in shared/conformance/README.md).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { type ContextKeyTypeEnum, SimulateCustomPolicyCommand } from "@aws-sdk/client-iam";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import type { PolicyCase } from "./harness.js";

const CASES_FILE = new URL("../../../shared/conformance/policy-cases.json", import.meta.url);
const cases = JSON.parse(readFileSync(CASES_FILE, "utf8")) as PolicyCase[];

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
});
after(() => keyless.stop());

function command(policyCase: PolicyCase) {
  return new SimulateCustomPolicyCommand({
    PolicyInputList: policyCase.identityPolicies.map((p) => JSON.stringify(p)),
    ...(policyCase.permissionsBoundary
      ? { PermissionsBoundaryPolicyInputList: [JSON.stringify(policyCase.permissionsBoundary)] }
      : {}),
    ...(policyCase.resourcePolicy
      ? { ResourcePolicy: JSON.stringify(policyCase.resourcePolicy) }
      : {}),
    ...(policyCase.resourceOwner
      ? { ResourceOwner: `arn:aws:iam::${policyCase.resourceOwner}:root` }
      : {}),
    CallerArn: policyCase.callerArn,
    ActionNames: [policyCase.action],
    ResourceArns: [policyCase.resourceArn],
    ContextEntries: policyCase.context.map((entry) => ({
      ContextKeyName: entry.key,
      ContextKeyType: entry.type as ContextKeyTypeEnum,
      ContextKeyValues: [...entry.values],
    })),
  });
}

describe("IAM SimulateCustomPolicy agrees with every shared conformance case", () => {
  it("has the 81 cases", () => {
    assert.equal(cases.length, 81, `found ${cases.length} cases`);
  });
  for (const policyCase of cases) {
    it(`${policyCase.name} through the simulator`, async () => {
      // An identity-policy list may not be empty in the API; a case without one uses a policy
      // that matches nothing, which leaves the decision unchanged.
      const input =
        policyCase.identityPolicies.length > 0
          ? policyCase
          : { ...policyCase, identityPolicies: [NOTHING] };
      const { iam } = clients(keyless.endpoint, keyless.root);
      const result = await iam.send(command(input));
      const decision = result.EvaluationResults?.[0]?.EvalDecision;
      assert.equal(
        decision,
        policyCase.expect,
        `${policyCase.name}: the simulator said ${decision}`,
      );
    });
  }
});

const NOTHING = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "keyless:Nothing", Resource: "arn:aws:keyless:::nothing" },
  ],
};
