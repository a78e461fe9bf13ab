// The policy simulator APIs on keyless's engine, with the SDK and with the AWS CLI.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, policy, userWithKey } from "../support/principals.js";
import { credentialEnv, run } from "../support/processes.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

test("SimulatePrincipalPolicy combines a user's inline, group and managed policies and its boundary", async () => {
  const { iam } = clients(keyless.endpoint, keyless.root);
  await userWithKey(keyless.endpoint, keyless.root, "sim-user", {
    Sid: "ReadOwn",
    ...allow("s3:GetObject", "arn:aws:s3:::sim/*"),
  });
  const { Policy } = await iam.send(
    new CreatePolicyCommand({
      PolicyName: "put-anything",
      PolicyDocument: policy(allow(["s3:PutObject", "s3:DeleteObject"])),
    }),
  );
  await iam.send(new CreateGroupCommand({ GroupName: "writers" }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: "writers", PolicyArn: Policy?.Arn }));
  await iam.send(new AddUserToGroupCommand({ GroupName: "writers", UserName: "sim-user" }));
  const { Policy: boundary } = await iam.send(
    new CreatePolicyCommand({
      PolicyName: "no-delete",
      PolicyDocument: policy(allow(["s3:GetObject", "s3:PutObject"])),
    }),
  );
  await iam.send(
    new PutUserPermissionsBoundaryCommand({
      UserName: "sim-user",
      PermissionsBoundary: boundary?.Arn,
    }),
  );

  const { EvaluationResults } = await iam.send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: "arn:aws:iam::123456789012:user/sim-user",
      ActionNames: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"],
      ResourceArns: ["arn:aws:s3:::sim/a.txt"],
    }),
  );
  const decisions = Object.fromEntries(
    (EvaluationResults ?? []).map((r) => [r.EvalActionName, r.EvalDecision]),
  );
  assert.deepEqual(decisions, {
    "s3:GetObject": "allowed",
    "s3:PutObject": "allowed",
    "s3:DeleteObject": "implicitDeny",
    "s3:ListBucket": "implicitDeny",
  });
  const get = EvaluationResults?.find((r) => r.EvalActionName === "s3:GetObject");
  assert.deepEqual(
    get?.MatchedStatements?.map((m) => [m.SourcePolicyId, m.SourcePolicyType]),
    [["inline", "user"]],
  );
  const put = EvaluationResults?.find((r) => r.EvalActionName === "s3:PutObject");
  assert.deepEqual(
    put?.MatchedStatements?.map((m) => m.SourcePolicyType),
    ["user-managed"],
  );
  const del = EvaluationResults?.find((r) => r.EvalActionName === "s3:DeleteObject");
  assert.equal(del?.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary, false);
});

test("SimulatePrincipalPolicy calls a user's group inline policy a group policy", async () => {
  const { iam } = clients(keyless.endpoint, keyless.root);
  await userWithKey(keyless.endpoint, keyless.root, "grouped-user");
  await iam.send(new CreateGroupCommand({ GroupName: "listers" }));
  await iam.send(
    new PutGroupPolicyCommand({
      GroupName: "listers",
      PolicyName: "ListAll",
      PolicyDocument: policy(allow("s3:ListAllMyBuckets")),
    }),
  );
  await iam.send(new AddUserToGroupCommand({ GroupName: "listers", UserName: "grouped-user" }));
  const { EvaluationResults } = await iam.send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: "arn:aws:iam::123456789012:user/grouped-user",
      ActionNames: ["s3:ListAllMyBuckets"],
    }),
  );
  assert.equal(EvaluationResults?.[0]?.EvalDecision, "allowed");
  assert.deepEqual(
    EvaluationResults?.[0]?.MatchedStatements?.map((m) => [m.SourcePolicyId, m.SourcePolicyType]),
    [["ListAll", "group"]],
  );
});

test("AllowedByPermissionsBoundary says whether the boundary allows, even when a resource policy decided", async () => {
  const { iam } = clients(keyless.endpoint, keyless.root);
  const caller = "arn:aws:iam::123456789012:user/bounded";
  const { EvaluationResults } = await iam.send(
    new SimulateCustomPolicyCommand({
      PolicyInputList: [policy(allow("s3:ListAllMyBuckets"))],
      PermissionsBoundaryPolicyInputList: [policy(allow("s3:ListAllMyBuckets"))],
      ActionNames: ["s3:GetObject"],
      ResourceArns: ["arn:aws:s3:::shared/k"],
      ResourcePolicy: policy({
        Effect: "Allow",
        Principal: { AWS: caller },
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::shared/*",
      }),
      CallerArn: caller,
    }),
  );
  const [result] = EvaluationResults ?? [];
  // A same-account resource policy naming the user grants past the boundary.
  assert.equal(result?.EvalDecision, "allowed");
  assert.equal(result?.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary, false);
});

test("SimulateCustomPolicy without a CallerArn leaves aws:username missing", async () => {
  const { iam } = clients(keyless.endpoint, keyless.root);
  const { EvaluationResults } = await iam.send(
    new SimulateCustomPolicyCommand({
      PolicyInputList: [policy(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"))],
      ActionNames: ["s3:GetObject"],
      ResourceArns: ["arn:aws:s3:::home/keyless-simulated-caller/k"],
    }),
  );
  assert.equal(EvaluationResults?.[0]?.EvalDecision, "implicitDeny");
});

test("SimulateCustomPolicy reports the context keys a condition needed and did not get", async () => {
  const { iam } = clients(keyless.endpoint, keyless.root);
  const conditional = policy({
    ...allow("s3:ListBucket", "arn:aws:s3:::b"),
    Condition: { StringLike: { "s3:prefix": "home/*" } },
  });
  const missing = await iam.send(
    new SimulateCustomPolicyCommand({
      PolicyInputList: [conditional],
      ActionNames: ["s3:ListBucket"],
      ResourceArns: ["arn:aws:s3:::b"],
    }),
  );
  assert.equal(missing.EvaluationResults?.[0]?.EvalDecision, "implicitDeny");
  assert.deepEqual(missing.EvaluationResults?.[0]?.MissingContextValues, ["s3:prefix"]);
  const given = await iam.send(
    new SimulateCustomPolicyCommand({
      PolicyInputList: [conditional],
      ActionNames: ["s3:ListBucket"],
      ResourceArns: ["arn:aws:s3:::b"],
      ContextEntries: [
        {
          ContextKeyName: "s3:prefix",
          ContextKeyType: "string",
          ContextKeyValues: ["home/alice/"],
        },
      ],
    }),
  );
  assert.equal(given.EvaluationResults?.[0]?.EvalDecision, "allowed");
});

test("SimulateCustomPolicy refuses a context value that is not of its declared type", async () => {
  const { iam } = clients(keyless.endpoint, keyless.root);
  const simulate = (ContextKeyType: "ip" | "numeric", value: string) =>
    iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
          }),
        ],
        ActionNames: ["s3:GetObject"],
        ContextEntries: [
          { ContextKeyName: "aws:SourceIp", ContextKeyType, ContextKeyValues: [value] },
        ],
      }),
    );
  await assert.rejects(simulate("ip", "nope"), {
    name: "InvalidInputException",
    message: "Invalid value nope for context key aws:SourceIp of type ip.",
  });
  await assert.rejects(simulate("numeric", "ten"), { name: "InvalidInputException" });
  const fine = await simulate("ip", "10.0.0.0/8");
  assert.equal(fine.EvaluationResults?.[0]?.EvalDecision, "allowed");
});

test("SimulateCustomPolicy refuses a malformed policy with MalformedPolicyDocument", async () => {
  const { iam } = clients(keyless.endpoint, keyless.root);
  await assert.rejects(
    iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: ['{"Statement": []'],
        ActionNames: ["s3:GetObject"],
      }),
    ),
    { name: "MalformedPolicyDocumentException" },
  );
});

test("the AWS CLI's simulate-custom-policy works against keyless", async () => {
  const finished = await run(
    "/usr/bin/aws",
    [
      "--endpoint-url",
      keyless.endpoint,
      "--output",
      "json",
      "iam",
      "simulate-custom-policy",
      "--policy-input-list",
      policy({ Effect: "Deny", Action: "s3:*", Resource: "*" }, allow("s3:GetObject")),
      "--action-names",
      "s3:GetObject",
    ],
    credentialEnv(keyless.root),
  );
  assert.equal(finished.code, 0, finished.stderr);
  const result = JSON.parse(finished.stdout).EvaluationResults[0];
  assert.equal(result.EvalDecision, "explicitDeny");
  assert.equal(result.EvalResourceName, "*");
});
