// The AccessDenied text, worded as AWS words it for each policy type.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html

import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { accessDeniedMessage, type Decision, type PolicySource } from "../../src/policy/index.js";

const BOB = "arn:aws:iam::123456789012:user/bob";
const OBJECT = "arn:aws:s3:::my-app-bucket/x";
const HEAD = `User: ${BOB} is not authorized to perform: s3:PutObject on resource: "${OBJECT}"`;

function implicit(missing: Decision["missingAllows"]): Decision {
  return {
    decision: "implicitDeny",
    matched: [],
    missingAllows: missing,
    missingContextValues: [],
  };
}

function explicit(type: PolicySource["type"]): Decision {
  const decidedBy = { source: { type, id: "p" }, statement: "0", effect: "Deny" as const };
  return {
    decision: "explicitDeny",
    decidedBy,
    matched: [decidedBy],
    missingAllows: [],
    missingContextValues: [],
  };
}

describe("accessDeniedMessage", () => {
  const cases: [string, Decision, string][] = [
    [
      "no identity-based allow",
      implicit(["identity-based"]),
      "because no identity-based policy allows the s3:PutObject action",
    ],
    [
      "no permissions boundary allow",
      implicit(["permissions boundary"]),
      "because no permissions boundary allows the s3:PutObject action",
    ],
    [
      "no session policy allow",
      implicit(["session"]),
      "because no session policy allows the s3:PutObject action",
    ],
    [
      "no resource-based allow",
      implicit(["resource-based"]),
      "because no resource-based policy allows the s3:PutObject action",
    ],
    [
      "an identity-based deny",
      explicit("IAM Policy"),
      "with an explicit deny in an identity-based policy",
    ],
    [
      "a resource-based deny",
      explicit("Resource Policy"),
      "with an explicit deny in a resource-based policy",
    ],
    [
      "a permissions boundary deny",
      explicit("Permissions Boundary Policy"),
      "with an explicit deny in a permissions boundary",
    ],
    [
      "a session policy deny",
      explicit("Session Policy"),
      "with an explicit deny in a session policy",
    ],
  ];
  for (const [what, decision, reason] of cases) {
    it(`names ${what}`, () => {
      const message = accessDeniedMessage(BOB, "s3:PutObject", OBJECT, decision);
      assert.equal(message, `${HEAD} ${reason}`, "wrong message");
    });
  }

  it("leaves the resource unquoted when asked, as IAM and STS write it", () => {
    const message = accessDeniedMessage(
      BOB,
      "sts:AssumeRole",
      "arn:aws:iam::123456789012:role/r",
      implicit(["identity-based"]),
      { quoteResource: false },
    );
    assert.equal(
      message,
      `User: ${BOB} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/r because no identity-based policy allows the sts:AssumeRole action`,
      "wrong message",
    );
  });
});
