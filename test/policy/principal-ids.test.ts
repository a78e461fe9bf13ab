// A saved resource policy names IAM users and roles by the unique IDs they had when it was saved
// ("When you save the policy, AWS transforms the ARN to a unique principal ID", IAM User Guide,
// "Examples of policies for delegating access"). The engine is told those IDs and the caller's
// own; these tests hold it to matching by ID alone, and to showing a gone principal's ID when
// read back.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_policy-examples.html#example-delegate-xaccount-rolesapi

import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import {
  type CallerIdentity,
  compilePolicy,
  evaluate,
  parsePolicy,
  showGonePrincipals,
  withPrincipalIds,
} from "../../src/policy/index.js";
import type { AttachedPolicy, EvaluationRequest } from "../../src/policy/types.js";
import { load } from "./harness.js";

const ACCOUNT = "111122223333";
const IVY = `arn:aws:iam::${ACCOUNT}:user/ivy`;
const IVY_ID = "AIDAIVYFIRST000000000";
const READER = `arn:aws:iam::${ACCOUNT}:role/Reader`;
const READER_ID = "AROAREADERFIRST000000";
const OBJECT = "arn:aws:s3:::bkt/k";
const SOURCE = { type: "Resource Policy" as const, id: "bkt" };

const ivy = (principalId: string): CallerIdentity => ({
  arn: IVY,
  principalArn: IVY,
  account: ACCOUNT,
  principalId,
});
const readerSession = (principalId: string): CallerIdentity => ({
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/s1`,
  principalArn: READER,
  account: ACCOUNT,
  principalId,
});

const document = (element: "Principal" | "NotPrincipal", effect: "Allow" | "Deny", aws: string[]) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: effect, [element]: { AWS: aws }, Action: "s3:GetObject", Resource: OBJECT },
    ],
  });

/** The bucket policy as keyless evaluates it once it was saved with these IDs. */
function saved(text: string, ids: Record<string, string>): AttachedPolicy {
  const parsed = parsePolicy(text, "resource");
  assert.ok(parsed.ok, `the policy should parse: ${text}`);
  return { source: SOURCE, policy: compilePolicy(withPrincipalIds(parsed.policy, ids)) };
}

function decide(caller: CallerIdentity, resourcePolicy: AttachedPolicy, extra = {}) {
  const request: EvaluationRequest = {
    caller,
    action: "s3:GetObject",
    resource: OBJECT,
    context: new Map(),
    identityPolicies: [],
    resourcePolicy,
    ...extra,
  };
  return evaluate(request).decision;
}

/** A permissions boundary that does not allow s3:GetObject. */
const LIST_ONLY = load(
  {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }],
  },
  "boundary",
  { type: "Permissions Boundary Policy", id: "list-only" },
);

describe("a resource policy saved with unique IDs", () => {
  const allowIvy = saved(document("Principal", "Allow", [IVY]), { [IVY]: IVY_ID });
  const allowReader = saved(document("Principal", "Allow", [READER]), { [READER]: READER_ID });

  it("allows the user whose ID it was saved with, past a boundary, as the user's ARN does", () => {
    assert.equal(decide(ivy(IVY_ID), allowIvy), "allowed");
    assert.equal(
      decide(ivy(IVY_ID), allowIvy, { permissionsBoundary: LIST_ONLY }),
      "allowed",
      "a resource policy naming the user grants on its own",
    );
  });

  it("does not allow a namesake user with another ID, though its ARN is the same", () => {
    assert.equal(decide(ivy("AIDAIVYSECOND00000000"), allowIvy), "implicitDeny");
  });

  it("allows a session of the role, capped like a role ARN by a permissions boundary", () => {
    assert.equal(decide(readerSession(READER_ID), allowReader), "allowed");
    assert.equal(decide(readerSession("AROAREADERSECOND00000"), allowReader), "implicitDeny");
    assert.equal(
      decide(readerSession(READER_ID), allowReader, { permissionsBoundary: LIST_ONLY }),
      "implicitDeny",
      "a role named by ID grants no more than a role named by ARN",
    );
  });

  it("matches an ARN it has no ID for as written, as a policy saved before IDs were kept", () => {
    const unbound = saved(document("Principal", "Allow", [IVY]), {});
    assert.equal(decide(ivy("AIDAANYONE0000000000"), unbound), "allowed");
  });

  it("leaves out of a NotPrincipal Deny only the user of that ID", () => {
    const denyOthers = saved(
      document("NotPrincipal", "Deny", [IVY, `arn:aws:iam::${ACCOUNT}:root`]),
      {
        [IVY]: IVY_ID,
      },
    );
    const allowAll = load(
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
      "identity",
      { type: "IAM Policy", id: "all" },
    );
    const withIdentity = { identityPolicies: [allowAll] };
    assert.equal(decide(ivy(IVY_ID), denyOthers, withIdentity), "allowed");
    assert.equal(decide(ivy("AIDAIVYSECOND00000000"), denyOthers, withIdentity), "explicitDeny");
  });
});

describe("showGonePrincipals", () => {
  const text = JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: { AWS: [IVY, READER] },
        Action: "s3:GetObject",
        Resource: OBJECT,
        Condition: { ArnEquals: { "aws:PrincipalArn": IVY } },
      },
    },
    null,
    2,
  );

  it("gives the text back as it was when no principal is gone", () => {
    assert.equal(showGonePrincipals(text, {}), text);
  });

  it("writes a gone principal's ID in the Principal element and nowhere else", () => {
    const shown = JSON.parse(showGonePrincipals(text, { [IVY]: IVY_ID }));
    assert.deepEqual(shown.Statement.Principal.AWS, [IVY_ID, READER], "Principal.AWS");
    assert.equal(shown.Statement.Condition.ArnEquals["aws:PrincipalArn"], IVY, "the condition");
  });
});
