// AssumeRole's parameters, validated as the STS API reference declares them.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
import { deflateRawSync } from "node:zlib";
import { AwsError } from "../../errors/aws-error.js";
import { parsePolicy } from "../../policy/index.js";
import { invalid, type Params } from "../query/params.js";

const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;
const MAX_POLICY_ARNS = 10;
const MAX_SESSION_POLICY_CHARS = 2048;
/**
 * AWS packs the session policy and tags into a compressed binary form and reports its size as a
 * percentage of the limit. keyless measures the deflated JSON against 1,024 bytes.
 * TODO(packed-size): AWS's exact packing is undocumented; replace with measured AWS figures.
 */
const PACKED_LIMIT_BYTES = 1024;

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds: number | undefined;
  externalId?: string;
  sourceIdentity?: string;
  tags: Record<string, string>;
  transitiveTagKeys: string[];
  policy?: string;
  policyArns: string[];
}

export function readAssumeRoleInput(p: Params): AssumeRoleInput {
  const roleArn = p.name("RoleArn", /^arn:\S+$/, 20, 2048);
  const sessionName = p.name("RoleSessionName", SESSION_NAME, 2, 64);
  const durationSeconds = p.integer("DurationSeconds", 900, 43200);
  const externalId = p.name("ExternalId", EXTERNAL_ID, 2, 1224, true) || undefined;
  const sourceIdentity = p.name("SourceIdentity", SESSION_NAME, 2, 64, true) || undefined;
  if (sourceIdentity?.toLowerCase().startsWith("aws:")) {
    throw new AwsError("ValidationError", "SourceIdentity cannot begin with the prefix 'aws:'.");
  }
  const tags = readTags(p);
  const transitiveTagKeys = p.list("TransitiveTagKeys.member");
  for (const key of transitiveTagKeys) {
    if (!Object.keys(tags).some((tag) => tag.toLowerCase() === key.toLowerCase())) {
      throw new AwsError(
        "InvalidParameterValue",
        `The transitive tag key ${key} is not one of the session tags.`,
        { status: 400 },
      );
    }
  }
  const policy = readSessionPolicy(p);
  const policyArns = readPolicyArns(p);
  return {
    roleArn,
    sessionName,
    durationSeconds,
    tags,
    transitiveTagKeys,
    policyArns,
    ...(externalId ? { externalId } : {}),
    ...(sourceIdentity ? { sourceIdentity } : {}),
    ...(policy ? { policy } : {}),
  };
}

function readTags(p: Params): Record<string, string> {
  const tags: Record<string, string> = {};
  const seen = new Set<string>();
  for (let index = 1; ; index++) {
    const key = p.optional(`Tags.member.${index}.Key`);
    if (key === undefined) break;
    const value = p.optional(`Tags.member.${index}.Value`) ?? "";
    if (key.length < 1 || key.length > 128 || !TAG_KEY.test(key)) {
      throw invalid(
        `Tags.${index}.member.key`,
        key,
        "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
      );
    }
    if (value.length > 256 || !TAG_VALUE.test(value)) {
      throw invalid(
        `Tags.${index}.member.value`,
        value,
        "Member must have length less than or equal to 256",
      );
    }
    if (seen.has(key.toLowerCase())) {
      throw new AwsError(
        "InvalidParameterValue",
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
        { status: 400 },
      );
    }
    seen.add(key.toLowerCase());
    tags[key] = value;
  }
  if (Object.keys(tags).length > MAX_TAGS) {
    throw invalid("tags", "[…]", `Member must have length less than or equal to ${MAX_TAGS}`);
  }
  return tags;
}

function readSessionPolicy(p: Params): string | undefined {
  const policy = p.optional("Policy");
  if (policy === undefined) return undefined;
  if (policy.length > MAX_SESSION_POLICY_CHARS) {
    throw invalid(
      "policy",
      "[…]",
      `Member must have length less than or equal to ${MAX_SESSION_POLICY_CHARS}`,
    );
  }
  const parsed = parsePolicy(policy, "session");
  if (!parsed.ok) throw new AwsError("MalformedPolicyDocument", parsed.error.message);
  return policy;
}

function readPolicyArns(p: Params): string[] {
  const arns: string[] = [];
  for (let index = 1; ; index++) {
    const arn = p.optional(`PolicyArns.member.${index}.arn`);
    if (arn === undefined) break;
    if (!/^arn:aws:iam::(\d{12}|aws):policy\//.test(arn)) {
      throw invalid(`policyArns.${index}.member.arn`, arn, "Member must be a policy ARN");
    }
    arns.push(arn);
  }
  if (arns.length > MAX_POLICY_ARNS) {
    throw invalid(
      "policyArns",
      "[…]",
      `Member must have length less than or equal to ${MAX_POLICY_ARNS}`,
    );
  }
  return arns;
}

/** PackedPolicySize: percentage of the packed limit the session policy and tags use. */
export function packedPolicySize(input: AssumeRoleInput): number | undefined {
  const hasTags = Object.keys(input.tags).length > 0;
  if (!input.policy && input.policyArns.length === 0 && !hasTags) return undefined;
  const minified = input.policy ? JSON.stringify(JSON.parse(input.policy)) : "";
  const packed = deflateRawSync(JSON.stringify([minified, input.policyArns, input.tags]));
  const percent = Math.ceil((packed.length / PACKED_LIMIT_BYTES) * 100);
  if (percent > 100) {
    throw new AwsError(
      "PackedPolicyTooLarge",
      `Packed policy consumes ${percent}% of allotted space, please use smaller policy for your session.`,
    );
  }
  return percent;
}
