import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { newInstanceId, newReservationId } from "./ids.js";
import type { InstanceRecord } from "./types.js";

export interface NewInstance {
  imageId: string;
  instanceType: string;
  region: string;
}

/** The instance's private DNS name, as EC2 derives it from the private IPv4 address. */
export const privateDnsName = (instance: InstanceRecord): string =>
  `ip-${instance.privateIpAddress.replaceAll(".", "-")}.${instance.region}.compute.internal`;

const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

export class Instances {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async create(account: string, input: NewInstance, count: number): Promise<InstanceRecord[]> {
    const reservationId = newReservationId();
    const created: InstanceRecord[] = [];
    for (let index = 0; index < count; index++) {
      const instance: InstanceRecord = {
        account,
        instanceId: newInstanceId(),
        reservationId,
        imageId: input.imageId,
        instanceType: input.instanceType,
        region: input.region,
        availabilityZone: `${input.region}a`,
        privateIpAddress: `172.31.${1 + Math.floor(Math.random() * 254)}.${1 + Math.floor(Math.random() * 254)}`,
        launchTime: this.clock.now(),
        state: "running",
        imdsPort: 0,
      };
      await this.store.put("instance", instance.instanceId, account, instance);
      created.push(instance);
    }
    return created;
  }

  async get(account: string, instanceId: string): Promise<InstanceRecord> {
    if (!INSTANCE_ID.test(instanceId)) {
      throw new AwsError("InvalidInstanceIDMalformed", `Invalid id: "${instanceId}"`);
    }
    const instance = await this.store.get<InstanceRecord>("instance", instanceId);
    if (!instance || instance.account !== account) {
      throw new AwsError(
        "InvalidInstanceIDNotFound",
        `The instance ID '${instanceId}' does not exist`,
      );
    }
    return instance;
  }

  list(account: string): Promise<InstanceRecord[]> {
    return this.store.list<InstanceRecord>("instance", account);
  }

  listAll(): Promise<InstanceRecord[]> {
    return this.store.listAll<InstanceRecord>("instance");
  }

  async update(instance: InstanceRecord): Promise<void> {
    await this.store.put("instance", instance.instanceId, instance.account, instance);
  }
}
