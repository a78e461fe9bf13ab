// Customer managed policies and their versions, beside the AWS managed policies every account
// can read and attach. Documents arrive validated (src/services/iam/); here live the rules of
// versions, names and deletion, with IAM's error texts.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { AWS_ACCOUNT, awsManagedPolicies, awsManagedPolicy } from "./aws-managed-policies.js";
import { newPolicyId } from "./ids.js";
import { iamArn, managedPolicyKey } from "./names.js";
import { type PolicyUsage, policyUsage } from "./policy-usage.js";
import type { ManagedPolicyRecord, PolicyVersionRecord } from "./types.js";

/** IAM keeps at most five versions of a managed policy. */
const VERSIONS_PER_POLICY = 5;

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy(\/(?:[^/]+\/)*)([^/]+)$/;

export interface NewManagedPolicy {
  policyName: string;
  path: string;
  document: string;
  description?: string;
}

/** The account, path and name an IAM policy ARN names, or undefined when it names no policy. */
export function parsePolicyArn(arn: string) {
  const match = POLICY_ARN.exec(arn);
  if (!match) return undefined;
  return { account: match[1] as string, path: match[2] as string, name: match[3] as string };
}

export const defaultVersion = (policy: ManagedPolicyRecord): PolicyVersionRecord =>
  policy.versions.find((v) => v.versionId === policy.defaultVersionId) as PolicyVersionRecord;

export class ManagedPolicies {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly changed: () => void,
  ) {}

  create(account: string, input: NewManagedPolicy): Promise<ManagedPolicyRecord> {
    return this.store.transaction(async () => {
      const key = managedPolicyKey(account, input.policyName);
      if (await this.store.get("managedPolicy", key)) {
        throw new AwsError(
          "EntityAlreadyExists",
          `A policy called ${input.policyName} already exists. Duplicate names are not allowed.`,
        );
      }
      const now = this.clock.now();
      const policy: ManagedPolicyRecord = {
        account,
        policyName: input.policyName,
        policyId: newPolicyId(),
        path: input.path,
        arn: iamArn(account, "policy", input.path, input.policyName),
        ...(input.description !== undefined ? { description: input.description } : {}),
        createDate: now,
        updateDate: now,
        defaultVersionId: "v1",
        nextVersion: 2,
        versions: [{ versionId: "v1", document: input.document, createDate: now }],
      };
      await this.store.put("managedPolicy", key, account, policy);
      return policy;
    });
  }

  /** The policy an ARN names: AWS managed, or customer managed in any account. */
  async find(arn: string): Promise<ManagedPolicyRecord | undefined> {
    const parsed = parsePolicyArn(arn);
    if (!parsed) return undefined;
    if (parsed.account === AWS_ACCOUNT) return awsManagedPolicy(arn);
    const key = managedPolicyKey(parsed.account, parsed.name);
    const policy = await this.store.get<ManagedPolicyRecord>("managedPolicy", key);
    return policy?.arn === arn ? policy : undefined;
  }

  async get(arn: string): Promise<ManagedPolicyRecord> {
    const policy = await this.find(arn);
    if (!policy) throw new AwsError("NoSuchEntity", `Policy ${arn} was not found.`);
    return policy;
  }

  /** A policy this account may attach or set as a boundary: its own, or AWS managed. */
  async attachable(account: string, arn: string, message?: string): Promise<ManagedPolicyRecord> {
    const policy = await this.find(arn);
    if (!policy || (policy.account !== account && policy.account !== AWS_ACCOUNT)) {
      throw new AwsError(
        "NoSuchEntity",
        message ?? `Policy ${arn} does not exist or is not attachable.`,
      );
    }
    return policy;
  }

  /** A policy the account may set as a user's or role's permissions boundary. */
  boundary(account: string, arn: string): Promise<ManagedPolicyRecord> {
    return this.attachable(account, arn, `Scope ARN: ${arn} does not exist or is not attachable.`);
  }

  /** The account's own policies, ordered by name. */
  list(account: string): Promise<ManagedPolicyRecord[]> {
    return this.store.list<ManagedPolicyRecord>("managedPolicy", account);
  }

  listAws(): readonly ManagedPolicyRecord[] {
    return awsManagedPolicies();
  }

  /** Where the account uses managed policies, its own and AWS's. */
  usage(account: string): Promise<PolicyUsage> {
    return policyUsage(this.store, account);
  }

  delete(account: string, arn: string): Promise<void> {
    return this.store.transaction(async () => {
      const policy = await this.own(account, arn);
      if ((await this.usage(account)).inUse(policy.arn)) {
        throw new AwsError("DeleteConflict", "Cannot delete a policy attached to entities.");
      }
      if (policy.versions.length > 1) {
        throw new AwsError(
          "DeleteConflict",
          "This policy has more than one version. Before you delete a policy, you must delete " +
            "the policy's versions. The default version is deleted with the policy.",
        );
      }
      await this.store.delete("managedPolicy", managedPolicyKey(account, policy.policyName));
      this.changed();
    });
  }

  createVersion(account: string, arn: string, document: string, setAsDefault: boolean) {
    return this.store.transaction(async () => {
      const policy = await this.own(account, arn);
      if (policy.versions.length >= VERSIONS_PER_POLICY) {
        throw new AwsError(
          "LimitExceeded",
          `A managed policy can have up to ${VERSIONS_PER_POLICY} versions. Before you create a ` +
            "new version, you must delete an existing version.",
        );
      }
      const now = this.clock.now();
      const version: PolicyVersionRecord = {
        versionId: `v${policy.nextVersion}`,
        document,
        createDate: now,
      };
      await this.save({
        ...policy,
        nextVersion: policy.nextVersion + 1,
        versions: [...policy.versions, version],
        ...(setAsDefault ? { defaultVersionId: version.versionId, updateDate: now } : {}),
      });
      return version;
    });
  }

  async version(arn: string, versionId: string): Promise<PolicyVersionRecord> {
    const policy = await this.find(arn);
    return versionOf(policy, arn, versionId);
  }

  deleteVersion(account: string, arn: string, versionId: string): Promise<void> {
    return this.store.transaction(async () => {
      const policy = await this.own(account, arn, versionId);
      versionOf(policy, arn, versionId);
      if (policy.defaultVersionId === versionId) {
        throw new AwsError("DeleteConflict", "Cannot delete the default version of a policy.");
      }
      const versions = policy.versions.filter((v) => v.versionId !== versionId);
      await this.save({ ...policy, versions });
    });
  }

  setDefaultVersion(account: string, arn: string, versionId: string): Promise<void> {
    return this.store.transaction(async () => {
      const policy = await this.own(account, arn, versionId);
      versionOf(policy, arn, versionId);
      await this.save({ ...policy, defaultVersionId: versionId, updateDate: this.clock.now() });
    });
  }

  /** The account's own customer managed policy, the only kind it may change. */
  private async own(account: string, arn: string, versionId?: string) {
    const policy = await this.find(arn);
    if (policy?.account === account) return policy;
    throw versionId === undefined
      ? new AwsError("NoSuchEntity", `Policy ${arn} was not found.`)
      : noSuchVersion(arn, versionId);
  }

  private async save(policy: ManagedPolicyRecord): Promise<void> {
    const key = managedPolicyKey(policy.account, policy.policyName);
    await this.store.put("managedPolicy", key, policy.account, policy);
    this.changed();
  }
}

function versionOf(policy: ManagedPolicyRecord | undefined, arn: string, versionId: string) {
  const version = policy?.versions.find((v) => v.versionId === versionId);
  if (!version) throw noSuchVersion(arn, versionId);
  return version;
}

const noSuchVersion = (arn: string, versionId: string) =>
  new AwsError(
    "NoSuchEntity",
    `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
  );
