// EC2 Query protocol wire names, written once. Element names are the camelCase ones of the EC2
// API reference (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/).

export const EC2_XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";
export const EC2_CONTENT_TYPE = "text/xml;charset=UTF-8";

/** Flattened request parameter names. */
export const PARAM = {
  action: "Action",
  dryRun: "DryRun",
  imageId: "ImageId",
  userData: "UserData",
  instanceType: "InstanceType",
  minCount: "MinCount",
  maxCount: "MaxCount",
  instanceId: "InstanceId",
  associationId: "AssociationId",
  profileName: "IamInstanceProfile.Name",
  profileArn: "IamInstanceProfile.Arn",
  filter: "Filter",
  /** RunInstances: `MetadataOptions.HttpTokens`, …; ModifyInstanceMetadataOptions: bare names. */
  metadataOptions: "MetadataOptions",
  /** RunInstances: `TagSpecification.N.ResourceType` and `TagSpecification.N.Tag.M.Key`. */
  tagSpecification: "TagSpecification",
  /** CreateTags / DeleteTags: `ResourceId.N` and `Tag.N.Key`, `Tag.N.Value`. */
  resourceId: "ResourceId",
  tag: "Tag",
  maxResults: "MaxResults",
  nextToken: "NextToken",
} as const;

/** InstanceMetadataOptionsRequest member names, and the values each accepts. */
export const METADATA_OPTION = {
  httpTokens: { name: "HttpTokens", values: ["optional", "required"] },
  httpEndpoint: { name: "HttpEndpoint", values: ["enabled", "disabled"] },
  httpProtocolIpv6: { name: "HttpProtocolIpv6", values: ["enabled", "disabled"] },
  instanceMetadataTags: { name: "InstanceMetadataTags", values: ["enabled", "disabled"] },
} as const;
export const HOP_LIMIT = { name: "HttpPutResponseHopLimit", min: 1, max: 64 } as const;

/** The one resource type keyless tags; the API calls it "instance" in TagSpecification. */
export const INSTANCE_RESOURCE_TYPE = "instance";
/**
 * Other resource types RunInstances may tag at launch. keyless models none of them, so their
 * tags are accepted and dropped rather than failing a launch that also tags its volumes.
 */
export const UNMODELLED_LAUNCH_RESOURCE_TYPES = [
  "volume",
  "network-interface",
  "spot-instances-request",
] as const;

/** The filter names keyless understands; an unknown one is refused rather than ignored. */
export const FILTER = {
  instanceId: "instance-id",
  instanceStateName: "instance-state-name",
  state: "state",
  /** `tag:KEY` matches instances whose tag KEY has one of the values. */
  tagPrefix: "tag:",
  tagKey: "tag-key",
  resourceId: "resource-id",
  resourceType: "resource-type",
  key: "key",
  value: "value",
} as const;

/**
 * AWS's default is m1.small where the account still has it; keyless picks a current type so that
 * a launch without InstanceType looks like a modern one.
 */
export const DEFAULT_INSTANCE_TYPE = "t3.micro";

/**
 * What every keyless instance is, as DescribeInstances shows it and as the ec2:Tenancy and
 * ec2:RootDeviceType condition keys report it: shared hardware, booted from an EBS volume.
 */
export const TENANCY = "default";
export const ROOT_DEVICE_TYPE = "ebs";

/** Instance state codes (API reference, InstanceState: the low byte of the code). */
export const STATE_CODE = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
} as const;
