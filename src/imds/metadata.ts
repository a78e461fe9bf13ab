// The metadata tree of one instance, built per request from the model so that the clock (and so
// the association's effective state) decides what is there. Categories follow "Instance metadata
// categories" (Amazon EC2 User Guide, instancedata-data-categories.html) and the identity
// document "Instance identity documents" (instance-identity-documents.html).
import type { Clock } from "../clock/clock.js";
import { isoSeconds } from "../clock/time-text.js";
import { privateDnsName } from "../model/instances.js";
import type { InstanceMetadataOptions, InstanceRecord } from "../model/types.js";
import {
  ARCHITECTURE,
  CATEGORY,
  IDENTITY_DOCUMENT_VERSION,
  METADATA_VERSIONS,
} from "./constants.js";
import type { InstanceCredentials, RoleDelivery } from "./credentials.js";
import { iamDirectory } from "./iam.js";
import type { ServedProfile } from "./instance-profile.js";
import { imdsJson } from "./reply.js";
import type { Directory } from "./tree.js";

export interface InstanceView {
  instance: InstanceRecord;
  /** The options in force now (a pending change is not yet). */
  options: InstanceMetadataOptions;
  /** The profile association in effect; without one there is no iam/. */
  served: ServedProfile | undefined;
  delivery: RoleDelivery;
}

export function metadataRoot(
  view: InstanceView,
  credentials: InstanceCredentials,
  clock: Clock,
): Directory {
  const { instance, served } = view;
  const hostname = privateDnsName(instance);
  const metaData: Directory = {
    "ami-id": instance.imageId,
    "ami-launch-index": "0",
    hostname,
    "instance-id": instance.instanceId,
    "instance-type": instance.instanceType,
    "local-hostname": hostname,
    "local-ipv4": instance.privateIpAddress,
    placement: { "availability-zone": instance.availabilityZone, region: instance.region },
    "reservation-id": instance.reservationId,
    services: { domain: "amazonaws.com", partition: "aws" },
  };
  if (served) {
    metaData[CATEGORY.iam] = iamDirectory({ ...view, served }, credentials, clock);
  }
  // tags/instance/KEY exists only while the instance allows tags in its metadata ("View tags
  // for your EC2 instances using instance metadata", EC2 User Guide).
  if (view.options.instanceMetadataTags === "enabled") {
    metaData[CATEGORY.tags] = { [CATEGORY.instanceTags]: { ...instance.tags } };
  }
  const version: Directory = {
    "meta-data": metaData,
    dynamic: { "instance-identity": { document: identityDocument(instance) } },
  };
  // There only when the launch gave some, as on EC2, and byte for byte: cloud-init takes it
  // gzipped.
  if (instance.userData) version["user-data"] = Buffer.from(instance.userData, "base64");
  // Every version serves today's tree: keyless does not keep what each date lacked.
  return Object.fromEntries(METADATA_VERSIONS.map((name) => [name, version]));
}

function identityDocument(instance: InstanceRecord): string {
  return imdsJson({
    accountId: instance.account,
    architecture: ARCHITECTURE,
    availabilityZone: instance.availabilityZone,
    billingProducts: null,
    devpayProductCodes: null,
    marketplaceProductCodes: null,
    imageId: instance.imageId,
    instanceId: instance.instanceId,
    instanceType: instance.instanceType,
    kernelId: null,
    pendingTime: isoSeconds(instance.launchTime),
    privateIp: instance.privateIpAddress,
    ramdiskId: null,
    region: instance.region,
    version: IDENTITY_DOCUMENT_VERSION,
  });
}
