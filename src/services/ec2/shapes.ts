// Records as the EC2 API reference shapes them: Instance, InstanceState, IamInstanceProfile and
// IamInstanceProfileAssociation. EC2 timestamps carry milliseconds ("2016-08-25T21:34:46.000Z").
import type { MetadataOptionsNow } from "../../model/instances.js";
import { privateDnsName } from "../../model/instances.js";
import type { AssociationRecord, InstanceRecord, InstanceState } from "../../model/types.js";
import { ROOT_DEVICE_TYPE, STATE_CODE, TENANCY } from "./constants.js";
import { metadataOptionsShape } from "./metadata-options.js";
import { items } from "./reply.js";

export const instanceState = (name: InstanceState) => ({ code: STATE_CODE[name], name });

const profileShape = (association: AssociationRecord) => ({
  arn: association.instanceProfileArn,
  id: association.instanceProfileId,
});

/**
 * One Instance element. `association` is the instance's association in effect (see inEffect);
 * the profile shows on the instance only then. `metadata` is what the clock makes of the
 * instance's metadata options (see metadataOptionsAt).
 */
export function instanceShape(
  instance: InstanceRecord,
  association: AssociationRecord | undefined,
  metadata: Pick<MetadataOptionsNow, "requested" | "state">,
  state: InstanceState = instance.state,
) {
  const terminated = state === "terminated";
  return {
    instanceId: instance.instanceId,
    imageId: instance.imageId,
    instanceState: instanceState(state),
    privateDnsName: terminated ? "" : privateDnsName(instance),
    dnsName: "",
    reason: "",
    amiLaunchIndex: 0,
    productCodes: "",
    instanceType: instance.instanceType,
    launchTime: new Date(instance.launchTime).toISOString(),
    placement: { availabilityZone: instance.availabilityZone, groupName: "", tenancy: TENANCY },
    monitoring: { state: "disabled" },
    privateIpAddress: terminated ? undefined : instance.privateIpAddress,
    groupSet: "",
    architecture: "x86_64",
    rootDeviceType: ROOT_DEVICE_TYPE,
    rootDeviceName: "/dev/xvda",
    blockDeviceMapping: "",
    virtualizationType: "hvm",
    iamInstanceProfile: association && profileShape(association),
    hypervisor: "xen",
    tagSet: tagSetShape(instance.tags),
    metadataOptions: metadataOptionsShape(metadata.requested, metadata.state),
  };
}

/** An instance's tagSet; left out when it has none, as EC2 leaves it out. */
function tagSetShape(tags: Readonly<Record<string, string>> | undefined) {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return undefined;
  return items(entries.map(([key, value]) => ({ key, value })));
}

/** A reservation: the instances launched by one RunInstances call. */
export function reservationShape(ownerId: string, reservationId: string, instances: unknown[]) {
  return { reservationId, ownerId, groupSet: "", instancesSet: items(instances) };
}

export function associationShape(association: AssociationRecord) {
  return {
    associationId: association.associationId,
    instanceId: association.instanceId,
    iamInstanceProfile: profileShape(association),
    state: association.state,
    timestamp: new Date(association.since).toISOString(),
  };
}
