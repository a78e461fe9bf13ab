// The role credentials an instance is handed. Each is a role session named after the instance
// (as AWS names it), served again on every request until it is within ROTATE_BEFORE_MS of its
// expiry on the server clock, then replaced. Kept per instance, role and IMDS version, since the
// session records which version delivered it (ec2:RoleDelivery).
import { instanceArn } from "../catalog/ec2.js";
import type { Clock } from "../clock/clock.js";
import type { Model } from "../model/model.js";
import type { InstanceRecord, RoleRecord, SessionRecord } from "../model/types.js";
import { CREDENTIAL_SECONDS, ROTATE_BEFORE_MS } from "./constants.js";

export type RoleDelivery = "1.0" | "2.0";

export class InstanceCredentials {
  private readonly cache = new Map<string, SessionRecord>();

  constructor(
    private readonly model: Model,
    private readonly clock: Clock,
  ) {}

  async get(
    instance: InstanceRecord,
    role: RoleRecord,
    delivery: RoleDelivery,
  ): Promise<SessionRecord> {
    const key = `${instance.instanceId}/${role.arn}/${delivery}`;
    const cached = this.cache.get(key);
    if (cached && this.clock.now() < cached.expiration - ROTATE_BEFORE_MS) return cached;

    const session = await this.model.sessions.create({
      role,
      sessionName: instance.instanceId,
      durationSeconds: CREDENTIAL_SECONDS,
      sourceInstanceArn: instanceArn(instance.region, instance.account, instance.instanceId),
      roleDelivery: delivery,
    });
    this.cache.set(key, session);
    return session;
  }

  forget(instanceId: string): void {
    for (const key of this.cache.keys()) {
      if (key.startsWith(`${instanceId}/`)) this.cache.delete(key);
    }
  }
}
