// A few AWS managed policies, with the documents, ids, versions and dates AWS publishes for them.
// They live in the "aws" account: every account can read and attach them, none can change them.
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html
import type { ManagedPolicyRecord } from "./types.js";

export const AWS_ACCOUNT = "aws";

const document = (statement: Record<string, unknown>): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: [statement] }, null, 2);

function awsPolicy(
  policyName: string,
  policyId: string,
  description: string,
  created: string,
  edited: string,
  version: number,
  statement: Record<string, unknown>,
): ManagedPolicyRecord {
  const versionId = `v${version}`;
  return {
    account: AWS_ACCOUNT,
    policyName,
    policyId,
    path: "/",
    arn: `arn:aws:iam::aws:policy/${policyName}`,
    description,
    createDate: Date.parse(created),
    updateDate: Date.parse(edited),
    defaultVersionId: versionId,
    nextVersion: version + 1,
    // Only the default version is kept: the older ones no longer decide anything.
    versions: [{ versionId, document: document(statement), createDate: Date.parse(edited) }],
  };
}

const POLICIES: readonly ManagedPolicyRecord[] = [
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
  awsPolicy(
    "AdministratorAccess",
    "ANPAIWMBCKSKIEE64ZLYK",
    "Provides full access to AWS services and resources.",
    "2015-02-06T18:39:46Z",
    "2015-02-06T18:39:46Z",
    1,
    { Effect: "Allow", Action: "*", Resource: "*" },
  ),
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonS3FullAccess.html
  awsPolicy(
    "AmazonS3FullAccess",
    "ANPAIFIR6V6BVTRAHWINE",
    "Provides full access to all buckets via the AWS Management Console.",
    "2015-02-06T18:40:58Z",
    "2021-09-27T20:56:03Z",
    2,
    { Effect: "Allow", Action: ["s3:*", "s3-object-lambda:*"], Resource: "*" },
  ),
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonS3ReadOnlyAccess.html
  awsPolicy(
    "AmazonS3ReadOnlyAccess",
    "ANPAIZTJ4DXE7G6AGAE6M",
    "Provides read only access to all buckets via the AWS Management Console.",
    "2015-02-06T18:40:59Z",
    "2023-08-10T21:31:39Z",
    3,
    {
      Effect: "Allow",
      Action: [
        "s3:Get*",
        "s3:List*",
        "s3:Describe*",
        "s3-object-lambda:Get*",
        "s3-object-lambda:List*",
      ],
      Resource: "*",
    },
  ),
];

const BY_ARN = new Map(POLICIES.map((policy) => [policy.arn, policy]));

export const awsManagedPolicies = (): readonly ManagedPolicyRecord[] => POLICIES;

export const awsManagedPolicy = (arn: string): ManagedPolicyRecord | undefined => BY_ARN.get(arn);

export const isAwsManagedArn = (arn: string): boolean => arn.startsWith("arn:aws:iam::aws:");
