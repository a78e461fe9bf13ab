// Decisions per second of the compiled policy engine on one core, beside the reference
// interpreter from test/policy (which walks raw JSON per request) as a baseline.
// Run alone: node --import tsx bench/policy.ts

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is IAM policy-variable syntax, not a JS template.

import { fileURLToPath } from "node:url";
import {
  type AttachedPolicy,
  type EvaluationRequest,
  evaluate,
  loadPolicy,
  type PolicyKind,
  type PolicySource,
} from "../src/policy/index.js";
import { type ReferenceRequest, referenceEvaluate } from "../test/policy/reference-interpreter.js";
import { printTable, type Row } from "./report.js";

interface Scenario {
  name: string;
  documents: unknown[];
  requests: { action: string; resource: string }[];
  context: Map<string, string[]>;
}

const CALLER = {
  arn: "arn:aws:iam::111122223333:user/alice",
  principalArn: "arn:aws:iam::111122223333:user/alice",
  account: "111122223333",
};

function typicalUser(): Scenario {
  const documents = [
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: "arn:aws:s3:::app-bucket/*",
        },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::app-bucket" },
      ],
    },
    {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["ec2:Describe*", "sts:GetCallerIdentity"], Resource: "*" },
      ],
    },
    {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::app-bucket/*" },
        { Effect: "Deny", Action: "iam:*", Resource: "*" },
      ],
    },
  ];
  return {
    name: "(a) user, 3 typical policies",
    documents,
    requests: [
      { action: "s3:GetObject", resource: "arn:aws:s3:::app-bucket/reports/q1.csv" },
      { action: "s3:PutObject", resource: "arn:aws:s3:::other-bucket/x" },
      { action: "ec2:DescribeInstances", resource: "*" },
      { action: "iam:CreateUser", resource: "arn:aws:iam::111122223333:user/eve" },
    ],
    context: new Map([["aws:SourceIp", ["10.0.0.1"]]]),
  };
}

function largeRole(): Scenario {
  const services = ["s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "kms", "logs", "iam", "ssm"];
  const verbs = [
    "Get",
    "Put",
    "List",
    "Describe",
    "Delete",
    "Create",
    "Update",
    "Tag",
    "Start",
    "Stop",
  ];
  const documents = Array.from({ length: 20 }, (_, p) => ({
    Version: "2012-10-17",
    Statement: Array.from({ length: 10 }, (_, s) => {
      const service = services[(p + s) % services.length];
      const verb = verbs[(p * 3 + s) % verbs.length];
      return {
        Sid: `P${p}S${s}`,
        Effect: (p + s) % 13 === 0 ? "Deny" : "Allow",
        Action:
          s % 4 === 0
            ? `${service}:${verb}*`
            : [`${service}:${verb}Item${s}`, `${service}:${verb}Thing${p}`],
        Resource: s % 3 === 0 ? "*" : `arn:aws:${service}:us-east-1:111122223333:thing-${p}/*`,
      };
    }),
  }));
  return {
    name: "(b) role, 20 policies / 200 statements",
    documents,
    requests: [
      {
        action: "dynamodb:GetItem3",
        resource: "arn:aws:dynamodb:us-east-1:111122223333:thing-2/t",
      },
      { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key" },
      {
        action: "lambda:InvokeFunction",
        resource: "arn:aws:lambda:us-east-1:111122223333:function:f",
      },
      { action: "kms:DescribeKey", resource: "arn:aws:kms:us-east-1:111122223333:key/k" },
    ],
    context: new Map(),
  };
}

function conditionHeavy(): Scenario {
  const documents = [
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:*",
          Resource: "arn:aws:s3:::app-bucket/home/${aws:username}/*",
          Condition: {
            StringEquals: { "aws:PrincipalTag/team": ["blue", "green"], "s3:x-amz-acl": "private" },
            IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"] },
            DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" },
            Bool: { "aws:SecureTransport": "true" },
          },
        },
        {
          Effect: "Deny",
          Action: "s3:*",
          Resource: "*",
          Condition: {
            StringNotLike: { "aws:PrincipalTag/team": "*" },
            "ForAnyValue:StringEquals": { "aws:TagKeys": ["secret", "restricted"] },
          },
        },
        {
          Effect: "Deny",
          Action: "s3:PutObject",
          Resource: "*",
          Condition: {
            NumericGreaterThan: { "s3:max-keys": "1000" },
            Null: { "aws:TokenIssueTime": "false" },
          },
        },
      ],
    },
  ];
  return {
    name: "(c) condition-heavy policies",
    documents,
    requests: [
      { action: "s3:GetObject", resource: "arn:aws:s3:::app-bucket/home/alice/notes.txt" },
      { action: "s3:PutObject", resource: "arn:aws:s3:::app-bucket/home/alice/new.txt" },
    ],
    context: new Map([
      ["aws:username", ["alice"]],
      ["aws:PrincipalTag/team", ["blue"]],
      ["s3:x-amz-acl", ["private"]],
      ["aws:SourceIp", ["10.1.2.3"]],
      ["aws:CurrentTime", ["2025-06-01T00:00:00Z"]],
      ["aws:SecureTransport", ["true"]],
      ["aws:TagKeys", ["project", "owner"]],
      ["s3:max-keys", ["100"]],
    ]),
  };
}

function load(document: unknown, kind: PolicyKind, source: PolicySource): AttachedPolicy {
  const loaded = loadPolicy(JSON.stringify(document), kind, source);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.policy;
}

/** Calls per second of run over at least minMs, after a fifth of that to warm up. */
function perSecond(run: (i: number) => void, minMs: number): number {
  const STEP = 100;
  let count = 0;
  const warmUntil = performance.now() + minMs / 5;
  while (performance.now() < warmUntil) for (let i = 0; i < STEP; i++) run(count++);

  count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < STEP; i++) run(count + i);
    count += STEP;
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

/** One row per scenario: the engine's decisions per second beside the reference's. */
export function policyBench(): Row[] {
  return [typicalUser(), largeRole(), conditionHeavy()].map(measureScenario);
}

function measureScenario(scenario: Scenario): Row {
  const policies = scenario.documents.map((d, i) =>
    load(d, "identity", { type: "IAM Policy", id: `p${i}` }),
  );
  const compiled: EvaluationRequest[] = scenario.requests.map((r) => ({
    caller: CALLER,
    ...r,
    context: scenario.context,
    identityPolicies: policies,
  }));
  const reference: ReferenceRequest[] = scenario.requests.map((r) => ({
    caller: CALLER,
    ...r,
    context: scenario.context,
    identityPolicies: scenario.documents,
  }));
  for (let i = 0; i < compiled.length; i++) {
    const a = evaluate(compiled[i] as EvaluationRequest).decision;
    const b = referenceEvaluate(reference[i] as ReferenceRequest);
    if (a !== b) throw new Error(`${scenario.name}: engine says ${a}, reference says ${b}`);
  }

  const engine = perSecond(
    (i) => evaluate(compiled[i % compiled.length] as EvaluationRequest),
    1500,
  );
  const baseline = perSecond(
    (i) => referenceEvaluate(reference[i % reference.length] as ReferenceRequest),
    1000,
  );
  return {
    name: `policy ${scenario.name}`,
    keyless: engine,
    baseline,
    baselineName: "reference interpreter",
    unit: "decisions/s",
    lowerIsBetter: false,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printTable(policyBench());
