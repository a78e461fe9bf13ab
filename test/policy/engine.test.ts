// The engine's API beyond the decision itself: compile caching, decidedBy, matched,
// missingAllows and missingContextValues, and the small helpers.

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is IAM policy-variable syntax, not a JS template.

import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import {
  compilePolicy,
  contextFromEntries,
  evaluate,
  isActionMatch,
  isResourceMatch,
  loadPolicy,
  parsePolicy,
} from "../../src/policy/index.js";
import { callerFromArn, load } from "./harness.js";

const ALICE = callerFromArn("arn:aws:iam::111122223333:user/alice");
const OBJECT = "arn:aws:s3:::bkt/k";
const SOURCE = { type: "IAM Policy" as const, id: "p" };

describe("compilePolicy", () => {
  it("compiles the same document text once", () => {
    const text = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
    });
    const first = parsePolicy(text, "identity");
    const second = parsePolicy(text, "identity");
    assert.ok(first.ok && second.ok, "the document should parse");
    assert.equal(compilePolicy(first.policy), compilePolicy(second.policy), "compiled twice");
  });

  it("compiles a document separately for each policy kind", () => {
    const text = JSON.stringify({
      Statement: { Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" },
    });
    const resource = loadPolicy(text, "resource", SOURCE);
    assert.ok(resource.ok, "the document should parse as a resource policy");
    assert.equal(
      loadPolicy(text, "identity", SOURCE).ok,
      false,
      "identity policies take no Principal",
    );
  });
});

describe("evaluate explains its decision", () => {
  const policy = load(
    {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
        {
          Effect: "Deny",
          Action: "s3:*",
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Effect: "Allow",
          Action: "s3:*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalTag/team": "${aws:username}" } },
        },
      ],
    },
    "identity",
    SOURCE,
  );

  it("names the granting statement by Sid and lists every match", () => {
    const decision = evaluate({
      caller: ALICE,
      action: "s3:GetObject",
      resource: OBJECT,
      context: new Map(),
      identityPolicies: [policy],
    });
    assert.equal(decision.decision, "allowed", `decision ${decision.decision}`);
    assert.deepEqual(
      decision.decidedBy,
      { source: SOURCE, statement: "Read", effect: "Allow" },
      "wrong decidedBy",
    );
    assert.deepEqual(
      decision.matched.map((m) => m.statement),
      ["Read"],
      "wrong matched",
    );
  });

  it("names a deny by its index when it has no Sid", () => {
    const context = new Map([["aws:SecureTransport", ["false"]]]);
    const decision = evaluate({
      caller: ALICE,
      action: "s3:GetObject",
      resource: OBJECT,
      context,
      identityPolicies: [policy],
    });
    assert.equal(decision.decision, "explicitDeny", `decision ${decision.decision}`);
    assert.equal(decision.decidedBy?.statement, "1", `decidedBy ${decision.decidedBy?.statement}`);
  });

  it("lists the condition keys and variables the request lacked", () => {
    const decision = evaluate({
      caller: ALICE,
      action: "s3:PutObject",
      resource: OBJECT,
      context: new Map(),
      identityPolicies: [policy],
    });
    assert.equal(decision.decision, "implicitDeny", `decision ${decision.decision}`);
    assert.deepEqual(
      [...decision.missingContextValues].sort(),
      ["aws:PrincipalTag/team", "aws:SecureTransport", "aws:username"],
      "wrong missingContextValues",
    );
    assert.deepEqual(decision.missingAllows, ["identity-based"], "wrong missingAllows");
  });

  it("reads context keys whatever their case", () => {
    const context = new Map([["AWS:SECURETRANSPORT", ["false"]]]);
    const decision = evaluate({
      caller: ALICE,
      action: "s3:GetObject",
      resource: OBJECT,
      context,
      identityPolicies: [policy],
    });
    assert.equal(decision.decision, "explicitDeny", `decision ${decision.decision}`);
  });
});

describe("helpers", () => {
  it("matches actions case-insensitively with wildcards", () => {
    assert.equal(
      isActionMatch("S3:Get*", "s3:getobject"),
      true,
      "S3:Get* should cover s3:getobject",
    );
    assert.equal(isActionMatch("s3:?etObject", "s3:GetObjects"), false, "? is one character");
  });

  it("matches resources case-sensitively with * spanning / and :", () => {
    assert.equal(
      isResourceMatch("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y:z"),
      true,
      "* should span / and :",
    );
    assert.equal(
      isResourceMatch("arn:aws:s3:::b/*", "arn:aws:s3:::B/x"),
      false,
      "resources are case-sensitive",
    );
  });

  it("contextFromEntries lowercases booleans, turns epoch dates to ISO and adds aws:username", () => {
    const context = contextFromEntries(
      [
        { key: "aws:SecureTransport", type: "boolean", values: ["TRUE"] },
        { key: "aws:CurrentTime", type: "date", values: ["1704067200"] },
      ],
      "arn:aws:iam::111122223333:user/division/alice",
    );
    assert.deepEqual(context.get("aws:SecureTransport"), ["true"], "boolean not lowercased");
    assert.deepEqual(
      context.get("aws:CurrentTime"),
      ["2024-01-01T00:00:00.000Z"],
      "epoch not converted",
    );
    assert.deepEqual(
      context.get("aws:username"),
      ["alice"],
      "username should be the friendly name without path",
    );
  });
});
