import type { Clock } from "../clock/clock.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import { Accounts } from "./accounts.js";
import { Associations } from "./associations.js";
import { Buckets } from "./buckets.js";
import { InlinePolicies } from "./inline-policies.js";
import { InstanceProfiles } from "./instance-profiles.js";
import { Instances } from "./instances.js";
import { Objects } from "./objects.js";
import { PolicyCache } from "./policy-cache.js";
import { Roles } from "./roles.js";
import { Sessions } from "./sessions.js";
import type { AccessKeyRecord, SessionRecord } from "./types.js";
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
  | { kind: "session"; session: SessionRecord };

/** Every state change goes through here; services never touch the store directly. */
export class Model {
  readonly clock: Clock;
  readonly accounts: Accounts;
  readonly users: Users;
  readonly roles: Roles;
  readonly inlinePolicies: InlinePolicies;
  readonly instanceProfiles: InstanceProfiles;
  readonly instances: Instances;
  readonly associations: Associations;
  readonly sessions: Sessions;
  readonly buckets: Buckets;
  readonly objects: Objects;
  readonly policies: PolicyCache;
  private readonly keyCache = new Map<string, Credential>();

  constructor(private readonly options: ModelOptions) {
    const { store, blobs, clock } = options;
    const changed = (): void => this.invalidate();
    this.clock = clock;
    this.accounts = new Accounts(store, clock);
    this.users = new Users(store, clock, changed);
    this.roles = new Roles(store, clock, changed);
    this.inlinePolicies = new InlinePolicies(store, changed);
    this.instanceProfiles = new InstanceProfiles(store, clock, this.roles, changed);
    this.instances = new Instances(store, clock);
    this.associations = new Associations(store, clock, options.propagationDelayMs);
    this.sessions = new Sessions(store, clock);
    this.buckets = new Buckets(store, clock);
    this.objects = new Objects(store, blobs, clock, this.buckets);
    this.policies = new PolicyCache(this.inlinePolicies);
  }

  /** The access key or session an access key id names, through a cache that changes clear. */
  async credential(accessKeyId: string): Promise<Credential | undefined> {
    const cached = this.keyCache.get(accessKeyId);
    if (cached) return cached;
    const found = accessKeyId.startsWith("ASIA")
      ? await this.sessions
          .find(accessKeyId)
          .then((s) => s && { kind: "session" as const, session: s })
      : await this.options.store
          .get<AccessKeyRecord>("accessKey", accessKeyId)
          .then((k) => k && { kind: "key" as const, key: k });
    if (found) this.keyCache.set(accessKeyId, found);
    return found;
  }

  close(): Promise<void> {
    return this.options.store.close();
  }

  private invalidate(): void {
    this.keyCache.clear();
    this.policies.clear();
  }
}
