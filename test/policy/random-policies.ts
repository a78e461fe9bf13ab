// fast-check generators for random policies and requests, drawn from small pools so that
// statements match often enough to exercise every rule.

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is IAM policy-variable syntax, not a JS template.

import fc from "fast-check";

export const A = "111122223333";
export const B = "444455556666";
const ALICE = `arn:aws:iam::${A}:user/alice`;
const ROLE = `arn:aws:iam::${A}:role/app`;
const SESSION = `arn:aws:sts::${A}:assumed-role/app/s1`;
const BOB = `arn:aws:iam::${B}:user/bob`;

export const callers = fc.constantFrom(
  { arn: ALICE, principalArn: ALICE, account: A },
  { arn: SESSION, principalArn: ROLE, account: A },
  { arn: `arn:aws:iam::${A}:root`, principalArn: `arn:aws:iam::${A}:root`, account: A },
  { arn: BOB, principalArn: BOB, account: B },
  {
    arn: "ec2.amazonaws.com",
    principalArn: "ec2.amazonaws.com",
    account: A,
    service: "ec2.amazonaws.com",
  },
);

export const actions = fc.constantFrom(
  "s3:GetObject",
  "s3:PutObject",
  "S3:ListBucket",
  "iam:CreateUser",
  "ec2:DescribeInstances",
  "sts:AssumeRole",
);

export const resources = fc.constantFrom(
  "arn:aws:s3:::bkt/home/alice/a.txt",
  "arn:aws:s3:::bkt/x?y",
  "arn:aws:s3:::bkt",
  "arn:aws:s3:::other/k",
  `arn:aws:iam::${A}:role/app`,
  "*",
);

const actionPatterns = fc.constantFrom(
  "*",
  "s3:*",
  "s3:Get*",
  "s3:?utObject",
  "S3:GETOBJECT",
  "s3:ListBucket",
  "iam:*",
  "*:Describe*",
  "ec2:Describe?nstances",
  "sts:AssumeRole",
  "s3:*Object*",
);

const resourcePatterns = fc.constantFrom(
  "*",
  "arn:aws:s3:::bkt/*",
  "arn:aws:s3:::bkt",
  "arn:aws:s3:::bkt/home/${aws:username}/*",
  "arn:aws:s3:::bkt/x${?}y",
  "arn:aws:s3:::bkt/x?y",
  "arn:aws:s3:::*/k",
  "arn:aws:s3:::bkt/home/${aws:PrincipalTag/team, 'alice'}/*",
  "arn:aws:s3:::b?t*",
  "arn:aws:s3:::bkt/home/${aws:PrincipalTag/team}/*",
  "arn:aws:iam::*:role/*",
);

const principals = fc.constantFrom<unknown>(
  "*",
  { AWS: "*" },
  { AWS: A },
  { AWS: `arn:aws:iam::${A}:root` },
  { AWS: ALICE },
  { AWS: ROLE },
  { AWS: SESSION },
  { AWS: [A, ROLE, SESSION] },
  { AWS: [B, BOB] },
  { Service: "ec2.amazonaws.com" },
  { AWS: [ALICE, `arn:aws:iam::${A}:root`] },
);

const OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateGreaterThan",
  "Bool",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
];

const operators = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "ForAllValues:", "ForAnyValue:"),
        fc.constantFrom(...OPERATORS),
        fc.boolean(),
      )
      .map(([q, op, ifExists]) => `${q}${op}${ifExists ? "IfExists" : ""}`),
  },
  { weight: 1, arbitrary: fc.constant("Null") },
);

const KEYS = [
  "aws:PrincipalTag/team",
  "AWS:PRINCIPALTAG/TEAM",
  "aws:SourceIp",
  "aws:CurrentTime",
  "aws:TagKeys",
  "aws:SecureTransport",
  "s3:max-keys",
  "aws:SourceArn",
  "aws:MissingKey",
];

const conditionValues = fc.constantFrom(
  "blue",
  "Blue",
  "b*",
  "10.0.0.0/8",
  "2001:db8::/32",
  "192.0.2.1",
  "2024-01-01T00:00:00Z",
  "1704067200",
  "true",
  "false",
  "5",
  "100",
  "arn:aws:sns:*:111122223333:*",
  "arn:aws:*:us-east-1:*:q",
  "${aws:username}",
  "${aws:PrincipalTag/team}",
  "*",
);

const conditions = fc.dictionary(
  operators,
  fc.dictionary(
    fc.constantFrom(...KEYS),
    fc.array(conditionValues, { minLength: 1, maxLength: 3 }),
    { minKeys: 1, maxKeys: 2 },
  ),
  { minKeys: 1, maxKeys: 2 },
);

function statement(kind: "identity" | "resource" | "trust") {
  return fc
    .record({
      effect: fc.constantFrom("Allow", "Deny"),
      notAction: fc.boolean(),
      actions: fc.array(actionPatterns, { minLength: 1, maxLength: 3 }),
      notResource: fc.boolean(),
      resources: fc.array(resourcePatterns, { minLength: 1, maxLength: 2 }),
      notPrincipal: fc.boolean(),
      principal: principals,
      condition: fc.option(conditions, { freq: 2 }),
    })
    .map((s) => {
      const out: Record<string, unknown> = { Effect: s.effect };
      if (kind === "resource") out[s.notPrincipal ? "NotPrincipal" : "Principal"] = s.principal;
      if (kind === "trust") out.Principal = s.principal;
      out[s.notAction ? "NotAction" : "Action"] = s.actions;
      if (kind !== "trust") out[s.notResource ? "NotResource" : "Resource"] = s.resources;
      if (s.condition !== null) out.Condition = s.condition;
      return out;
    });
}

export function policies(kind: "identity" | "resource" | "trust") {
  return fc
    .record({
      version: fc.constantFrom("2012-10-17", "2012-10-17", "2008-10-17", undefined),
      statements: fc.array(statement(kind), { minLength: 1, maxLength: 4 }),
    })
    .map(({ version, statements }) =>
      version === undefined
        ? { Statement: statements }
        : { Version: version, Statement: statements },
    );
}

const contextPools: Record<string, string[][]> = {
  "aws:PrincipalTag/team": [["blue"], ["Blue"], ["alice"]],
  "aws:SourceIp": [["10.1.2.3"], ["2001:db8::5"], ["192.0.2.1"]],
  "aws:CurrentTime": [["2025-01-01T00:00:00Z"], ["2024-01-01T00:00:00.000Z"]],
  "aws:TagKeys": [[], ["team"], ["team", "env"]],
  "aws:SecureTransport": [["true"], ["false"]],
  "s3:max-keys": [["5"], ["100"]],
  "aws:SourceArn": [
    ["arn:aws:sns:us-east-1:111122223333:topic"],
    ["arn:aws:sqs:us-east-1:444455556666:q"],
  ],
  "aws:username": [["alice"]],
};

export const contexts = fc
  .record(
    Object.fromEntries(
      Object.entries(contextPools).map(([key, pool]) => [key, fc.option(fc.constantFrom(...pool))]),
    ),
  )
  .map((record) => {
    const context = new Map<string, readonly string[]>();
    for (const [key, values] of Object.entries(record))
      if (values !== null) context.set(key, values);
    return context;
  });
