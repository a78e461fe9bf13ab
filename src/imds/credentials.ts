// The role credentials an instance is handed. Each is a role session named after the instance
// (as AWS names it), served again on every request until it is within ROTATE_BEFORE_MS of its
// expiry on the server clock, then replaced. A replaced session is not revoked: it stays valid
// until its own expiry, as on AWS, where an application may still hold the old credentials.
// Kept per instance, role and IMDS version, since the session records which version delivered
// it (ec2:RoleDelivery); per role by its unique id, since a role created again under the same
// name is another role.
import { instanceArn } from "../catalog/ec2.js";
import type { Clock } from "../clock/clock.js";
import type { Model } from "../model/model.js";
import type { InstanceRecord, RoleRecord, SessionRecord } from "../model/types.js";
import { CREDENTIAL_SECONDS, ROTATE_BEFORE_MS } from "./constants.js";

export type RoleDelivery = "1.0" | "2.0";

export class InstanceCredentials {
  private readonly cache = new Map<string, SessionRecord>();
  /** Sessions being issued, so that concurrent fetches share one instead of racing. */
  private readonly issuing = new Map<string, Promise<SessionRecord>>();

  constructor(
    private readonly model: Model,
    private readonly clock: Clock,
  ) {}

  get(instance: InstanceRecord, role: RoleRecord, delivery: RoleDelivery): Promise<SessionRecord> {
    const key = `${instance.instanceId}/${role.roleId}/${delivery}`;
    const cached = this.cache.get(key);
    if (cached && this.clock.now() < cached.expiration - ROTATE_BEFORE_MS) {
      return Promise.resolve(cached);
    }
    const pending = this.issuing.get(key) ?? this.issue(key, instance, role, delivery);
    this.issuing.set(key, pending);
    return pending;
  }

  forget(instanceId: string): void {
    for (const key of this.cache.keys()) {
      if (key.startsWith(`${instanceId}/`)) this.cache.delete(key);
    }
  }

  private async issue(
    key: string,
    instance: InstanceRecord,
    role: RoleRecord,
    delivery: RoleDelivery,
  ): Promise<SessionRecord> {
    try {
      const session = await this.model.sessions.create({
        role,
        sessionName: instance.instanceId,
        durationSeconds: CREDENTIAL_SECONDS,
        sourceInstanceArn: instanceArn(instance.region, instance.account, instance.instanceId),
        roleDelivery: delivery,
      });
      this.cache.set(key, session);
      return session;
    } finally {
      this.issuing.delete(key);
    }
  }
}
