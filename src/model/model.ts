import type { Clock } from "../clock/clock.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import { Accounts } from "./accounts.js";
import { Associations } from "./associations.js";
import { Attachments } from "./attachments.js";
import { BucketSettings } from "./bucket-settings.js";
import { BucketTags } from "./bucket-tags.js";
import { Buckets } from "./buckets.js";
import { Groups } from "./groups.js";
import { InlinePolicies } from "./inline-policies.js";
import { InstanceProfiles } from "./instance-profiles.js";
import { Instances } from "./instances.js";
import { ManagedPolicies } from "./managed-policies.js";
import { Meta } from "./meta.js";
import { MultipartUploads } from "./multipart-uploads.js";
import { Objects } from "./objects.js";
import { PolicyCache } from "./policy-cache.js";
import { PolicyPrincipals } from "./policy-principals.js";
import { Roles } from "./roles.js";
import { Sessions } from "./sessions.js";
import type { AccessKeyRecord, SessionRecord, UserRecord, UserSessionRecord } from "./types.js";
import { Users } from "./users.js";

export interface ModelOptions {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  /** How long an instance-profile association stays "associating". */
  propagationDelayMs: number;
}

export type Credential =
  | { kind: "key"; key: AccessKeyRecord }
  | { kind: "session"; session: SessionRecord }
  | { kind: "userSession"; session: UserSessionRecord; key: AccessKeyRecord };

/** Every state change goes through here; services never touch the store directly. */
export class Model {
  readonly clock: Clock;
  readonly accounts: Accounts;
  readonly users: Users;
  readonly roles: Roles;
  readonly inlinePolicies: InlinePolicies;
  readonly managedPolicies: ManagedPolicies;
  readonly attachments: Attachments;
  readonly groups: Groups;
  readonly instanceProfiles: InstanceProfiles;
  readonly instances: Instances;
  readonly associations: Associations;
  readonly sessions: Sessions;
  readonly buckets: Buckets;
  readonly bucketSettings: BucketSettings;
  readonly objects: Objects;
  readonly uploads: MultipartUploads;
  readonly bucketTags: BucketTags;
  readonly policies: PolicyCache;
  readonly policyPrincipals: PolicyPrincipals;
  readonly meta: Meta;
  private readonly keyCache = new Map<string, Credential>();
  private readonly keyOwners = new Map<string, UserRecord>();

  constructor(private readonly options: ModelOptions) {
    const { store, blobs, clock } = options;
    const changed = (): void => this.invalidate();
    this.clock = clock;
    this.meta = new Meta(store);
    this.accounts = new Accounts(store, clock);
    this.managedPolicies = new ManagedPolicies(store, clock, changed);
    this.users = new Users(store, clock, changed, this.managedPolicies);
    this.roles = new Roles(store, clock, changed, this.managedPolicies);
    this.groups = new Groups(store, clock, changed);
    this.inlinePolicies = new InlinePolicies(store, changed);
    this.attachments = new Attachments(store, this.managedPolicies, changed);
    this.instanceProfiles = new InstanceProfiles(store, clock, this.roles, changed);
    this.instances = new Instances(store, clock);
    this.associations = new Associations(store, clock, options.propagationDelayMs);
    this.sessions = new Sessions(store, clock);
    this.buckets = new Buckets(store, clock, blobs);
    this.bucketSettings = new BucketSettings(store, this.buckets);
    this.objects = new Objects(store, blobs, clock, this.buckets);
    this.uploads = new MultipartUploads(store, blobs, clock, this.buckets, this.objects);
    this.bucketTags = new BucketTags(store, this.buckets);
    this.policyPrincipals = new PolicyPrincipals(this.users, this.roles);
    this.policies = new PolicyCache({
      inline: this.inlinePolicies,
      attachments: this.attachments,
      managed: this.managedPolicies,
      groups: this.groups,
      users: this.users,
      roles: this.roles,
    });
  }

  /** The access key or session an access key id names, through a cache that changes clear. */
  async credential(accessKeyId: string): Promise<Credential | undefined> {
    const cached = this.keyCache.get(accessKeyId);
    if (cached) return cached;
    const found = accessKeyId.startsWith("ASIA")
      ? await this.sessionCredential(accessKeyId)
      : await this.accessKey(accessKeyId).then((key) => key && { kind: "key" as const, key });
    if (found) this.keyCache.set(accessKeyId, found);
    return found;
  }

  /**
   * The user who owns an access key, through a cache that changes clear: every request signed
   * with a user's key needs the user's ARN, and only a change to IAM can alter it.
   */
  async keyOwner(key: AccessKeyRecord): Promise<UserRecord | undefined> {
    if (key.owner.type !== "user") return undefined;
    const cached = this.keyOwners.get(key.accessKeyId);
    if (cached) return cached;
    const user = await this.users.find(key.account, key.owner.userName);
    if (user) this.keyOwners.set(key.accessKeyId, user);
    return user;
  }

  private accessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    return this.options.store.get<AccessKeyRecord>("accessKey", accessKeyId);
  }

  private async sessionCredential(accessKeyId: string): Promise<Credential | undefined> {
    const session = await this.sessions.findAny(accessKeyId);
    if (!session) return undefined;
    if (!("kind" in session)) return { kind: "session", session };
    // A GetSessionToken session lives only as long as the key it was made from.
    const key = await this.accessKey(session.parentAccessKeyId);
    return key && { kind: "userSession", session, key };
  }

  close(): Promise<void> {
    return this.options.store.close();
  }

  private invalidate(): void {
    this.keyCache.clear();
    this.keyOwners.clear();
    this.policies.clear();
  }
}
