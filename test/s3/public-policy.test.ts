// Which bucket policies Block Public Access calls public: "Principal": "*" narrowed only by fixed
// values of the keys the Amazon S3 User Guide lists ("The meaning of public"), aws:userid also
// by the pattern "AROLEID:*" (every session of one role).
import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePolicy } from "../../src/policy/index.js";
import { isPublicPolicy } from "../../src/services/s3/access/public-policy.js";

const anyoneMay = (condition?: Record<string, unknown>) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::bucket/*",
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });

const isPublic = (text: string): boolean => {
  const parsed = parsePolicy(text, "resource");
  assert.ok(parsed.ok, text);
  return isPublicPolicy(parsed.policy);
};

test("a grant to anyone is public unless a listed key narrows it to fixed values", () => {
  const cases: [Record<string, unknown> | undefined, boolean][] = [
    [undefined, true],
    [{ StringEquals: { "aws:PrincipalAccount": "111111111111" } }, false],
    [{ StringLike: { "aws:PrincipalAccount": "1111*" } }, true],
    [{ StringNotEquals: { "aws:PrincipalAccount": "111111111111" } }, true],
    [{ IpAddress: { "aws:SourceIp": "10.1.2.0/24" } }, false],
    [{ IpAddress: { "aws:SourceIp": "0.0.0.0/1" } }, true],
    [{ StringLike: { "aws:userid": ["AROAEXAMPLEROLEID:*", "111111111111"] } }, false],
    [{ StringEquals: { "aws:userid": "AROAEXAMPLEROLEID:session" } }, false],
    [{ StringLike: { "aws:userid": "AROA*" } }, true],
    [{ StringLike: { "aws:userid": "AIDAEXAMPLEUSERID:*" } }, true],
    [{ StringLike: { "aws:userid": "AROAEXAMPLEROLEID:s*" } }, true],
    [{ StringEquals: { "aws:UserAgent": "curl" } }, true],
  ];
  for (const [condition, expected] of cases) {
    assert.equal(isPublic(anyoneMay(condition)), expected, JSON.stringify(condition));
  }
});
