import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { newInstanceId, newReservationId } from "./ids.js";
import type { InstanceMetadataOptions, InstanceRecord } from "./types.js";

export interface NewInstance {
  imageId: string;
  instanceType: string;
  region: string;
  /** The launch's MetadataOptions, already merged over the defaults. */
  metadataOptions?: InstanceMetadataOptions;
  tags?: Record<string, string>;
  /** Base64, already checked. */
  userData?: string;
}

/**
 * EC2's launch defaults when neither the AMI nor the account says otherwise (API reference,
 * InstanceMetadataOptionsRequest): IMDSv1 and v2 both served, one hop, no tags in metadata.
 */
export const DEFAULT_METADATA_OPTIONS: Readonly<InstanceMetadataOptions> = {
  httpTokens: "optional",
  httpEndpoint: "enabled",
  httpPutResponseHopLimit: 1,
  httpProtocolIpv6: "disabled",
  instanceMetadataTags: "disabled",
};

export interface MetadataOptionsNow {
  /** What DescribeInstances reports: the options last asked for. */
  requested: InstanceMetadataOptions;
  /** What the metadata service honours now: the previous options until the change is applied. */
  inForce: InstanceMetadataOptions;
  state: "pending" | "applied";
}

/**
 * A change made on a running instance is "pending" until it is applied, and "the instance is not
 * ready to process metadata traffic with the new selection" until then (API reference,
 * InstanceMetadataOptionsResponse). keyless applies it once the propagation delay has passed on
 * the server clock, as it does for profile associations.
 */
export function metadataOptionsAt(
  instance: InstanceRecord,
  now: number,
  delayMs: number,
): MetadataOptionsNow {
  const requested = instance.metadataOptions ?? { ...DEFAULT_METADATA_OPTIONS };
  const since = instance.metadataOptionsSince;
  if (since === undefined || now - since >= delayMs) {
    return { requested, inForce: requested, state: "applied" };
  }
  const inForce = instance.previousMetadataOptions ?? { ...DEFAULT_METADATA_OPTIONS };
  return { requested, inForce, state: "pending" };
}

/** The instance's private DNS name, as EC2 derives it from the private IPv4 address. */
export const privateDnsName = (instance: InstanceRecord): string =>
  `ip-${instance.privateIpAddress.replaceAll(".", "-")}.${instance.region}.compute.internal`;

const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** An address in the default VPC's 172.31.0.0/16, as a default-subnet launch gets. */
const randomPrivateIp = (): string => {
  const octet = () => 1 + Math.floor(Math.random() * 254);
  return `172.31.${octet()}.${octet()}`;
};

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
        privateIpAddress: randomPrivateIp(),
        launchTime: this.clock.now(),
        state: "running",
        imdsPort: 0,
        metadataOptions: { ...(input.metadataOptions ?? DEFAULT_METADATA_OPTIONS) },
        ...(input.tags ? { tags: { ...input.tags } } : {}),
        ...(input.userData ? { userData: input.userData } : {}),
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

  /** Any account's instance, by id (for keyless's own endpoints). */
  find(instanceId: string): Promise<InstanceRecord | undefined> {
    return this.store.get<InstanceRecord>("instance", instanceId);
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

  /** Reads, changes and writes one instance in a transaction, so that concurrent edits merge. */
  modify(
    account: string,
    instanceId: string,
    change: (instance: InstanceRecord) => InstanceRecord,
  ): Promise<InstanceRecord> {
    return this.store.transaction(async () => {
      const changed = change(await this.get(account, instanceId));
      await this.update(changed);
      return changed;
    });
  }
}
