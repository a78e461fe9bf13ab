// Our own policy cases, one JSON file per behaviour under test/policy/cases/, each citing the AWS
// document that backs it. A file either evaluates a request (like the conformance cases) or parses
// a document and expects it accepted or refused with IAM's message.

import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  evaluate,
  managedPolicyLimit,
  type ParseOptions,
  type PolicyKind,
  type PolicyProblem,
  parsePolicy,
  userInlineLimit,
} from "../../src/policy/index.js";
import { type PolicyCase, requestFromCase } from "./harness.js";

interface ParseCase {
  why: string;
  doc: string;
  kind: PolicyKind;
  policy: string;
  sizeLimit?: "managed" | "userInline";
  expectError?: PolicyProblem;
  expectOk?: true;
}

const DIRECTORY = new URL("./cases/", import.meta.url);
const files = readdirSync(DIRECTORY)
  .filter((file) => file.endsWith(".json"))
  .sort();

function parseOptions(policyCase: ParseCase): ParseOptions {
  if (policyCase.sizeLimit === "managed") return { sizeLimit: managedPolicyLimit() };
  if (policyCase.sizeLimit === "userInline") return { sizeLimit: userInlineLimit("alice") };
  return {};
}

describe("our own policy cases", () => {
  for (const file of files) {
    const data = JSON.parse(readFileSync(new URL(file, DIRECTORY), "utf8")) as
      | PolicyCase
      | ParseCase;
    const name = file.replace(/\.json$/, "").replaceAll("-", " ");

    it(name, () => {
      assert.match(
        data.doc ?? "",
        /^https:\/\/docs\.aws\.amazon\.com\//,
        `${file} cites no AWS doc`,
      );
      assert.ok(data.why, `${file} has no why`);

      if ("kind" in data) {
        const result = parsePolicy(data.policy, data.kind, parseOptions(data));
        if (data.expectOk) {
          assert.ok(result.ok, `refused with ${result.ok ? "" : result.error.message}`);
        } else {
          assert.deepEqual(result, { ok: false, error: data.expectError }, "wrong parse result");
        }
        return;
      }

      const decision = evaluate(requestFromCase(data));
      assert.equal(
        decision.decision,
        data.expect,
        `decision was ${decision.decision}, matched ${JSON.stringify(decision.matched)}`,
      );
      if (data.expectMissingAllows !== undefined) {
        assert.deepEqual(decision.missingAllows, data.expectMissingAllows, "wrong missingAllows");
      }
    });
  }
});
