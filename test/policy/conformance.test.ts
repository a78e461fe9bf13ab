// Every case in /work/shared/conformance/policy-cases.json, run through evaluate().

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { evaluate } from "../../src/policy/index.js";
import { type PolicyCase, requestFromCase } from "./harness.js";

const CASES_FILE = new URL("../../../shared/conformance/policy-cases.json", import.meta.url);
const cases = JSON.parse(readFileSync(CASES_FILE, "utf8")) as PolicyCase[];

describe("the policy engine agrees with every shared conformance case", () => {
  it("has the 81 cases", () => {
    assert.equal(cases.length, 81, `found ${cases.length} cases`);
  });

  for (const policyCase of cases) {
    it(`${policyCase.name}: ${policyCase.why}`, () => {
      const decision = evaluate(requestFromCase(policyCase));
      assert.equal(
        decision.decision,
        policyCase.expect,
        `decision was ${decision.decision}, matched ${JSON.stringify(decision.matched)}`,
      );
    });
  }
});
