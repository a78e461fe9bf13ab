// EC2 Query protocol wire names, written once. Element names are the camelCase ones of the EC2
// API reference (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/).

export const EC2_XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";
export const EC2_CONTENT_TYPE = "text/xml;charset=UTF-8";

/** Flattened request parameter names. */
export const PARAM = {
  action: "Action",
  imageId: "ImageId",
  instanceType: "InstanceType",
  minCount: "MinCount",
  maxCount: "MaxCount",
  instanceId: "InstanceId",
  associationId: "AssociationId",
  profileName: "IamInstanceProfile.Name",
  profileArn: "IamInstanceProfile.Arn",
  filter: "Filter",
} as const;

/** The filter names keyless understands; an unknown one is refused rather than ignored. */
export const FILTER = {
  instanceId: "instance-id",
  instanceStateName: "instance-state-name",
  state: "state",
} as const;

/**
 * AWS's default is m1.small where the account still has it; keyless picks a current type so that
 * a launch without InstanceType looks like a modern one.
 */
export const DEFAULT_INSTANCE_TYPE = "t3.micro";

/** Instance state codes (API reference, InstanceState: the low byte of the code). */
export const STATE_CODE = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
} as const;
