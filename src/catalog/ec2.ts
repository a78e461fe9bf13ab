// What each EC2 operation means to IAM: the action it needs, the resource it acts on and the
// condition keys its request context carries. Resource types, ARN formats and keys follow the
// Service Authorization Reference, "Actions, resources, and condition keys for Amazon EC2"
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
// Pure data: no I/O, so that an operation missing here is visible in one place and is denied.

/** What an operation's IAM resource is: one named instance, any new instance, or no resource. */
export type Ec2ResourceScope = "instance" | "newInstance" | "none";

export interface Ec2Operation {
  action: string;
  scope: Ec2ResourceScope;
  /** True when the operation hands an instance profile's role to EC2 (iam:PassRole). */
  passesRole: boolean;
  /**
   * Which of the instance's own keys an instance-scoped action gets: all of them (the default),
   * or only its tags, as the reference lists for ec2:DeleteTags.
   */
  instanceKeys?: "all" | "tags";
}

export type ConditionContext = Record<string, string | string[]>;

export const EC2_OPERATIONS: Readonly<Record<string, Ec2Operation>> = {
  RunInstances: { action: "ec2:RunInstances", scope: "newInstance", passesRole: true },
  DescribeInstances: { action: "ec2:DescribeInstances", scope: "none", passesRole: false },
  TerminateInstances: { action: "ec2:TerminateInstances", scope: "instance", passesRole: false },
  AssociateIamInstanceProfile: {
    action: "ec2:AssociateIamInstanceProfile",
    scope: "instance",
    passesRole: true,
  },
  DescribeIamInstanceProfileAssociations: {
    action: "ec2:DescribeIamInstanceProfileAssociations",
    scope: "none",
    passesRole: false,
  },
  DisassociateIamInstanceProfile: {
    action: "ec2:DisassociateIamInstanceProfile",
    scope: "instance",
    passesRole: false,
  },
  ReplaceIamInstanceProfileAssociation: {
    action: "ec2:ReplaceIamInstanceProfileAssociation",
    scope: "instance",
    passesRole: true,
  },
  ModifyInstanceMetadataOptions: {
    action: "ec2:ModifyInstanceMetadataOptions",
    scope: "instance",
    passesRole: false,
  },
  CreateTags: { action: "ec2:CreateTags", scope: "instance", passesRole: false },
  DeleteTags: {
    action: "ec2:DeleteTags",
    scope: "instance",
    passesRole: false,
    instanceKeys: "tags",
  },
  DescribeTags: { action: "ec2:DescribeTags", scope: "none", passesRole: false },
};

export interface Ec2Scope {
  region: string;
  account: string;
  /** The instance acted on; required when the operation's scope is "instance". */
  instanceId?: string;
}

export const instanceArn = (region: string, account: string, instanceId: string): string =>
  `arn:aws:ec2:${region}:${account}:instance/${instanceId}`;

/** An AMI's ARN names no account. */
export const imageArn = (region: string, imageId: string): string =>
  `arn:aws:ec2:${region}::image/${imageId}`;

/**
 * RunInstances is authorized on every resource a launch uses, the AMI among them, which is how
 * a policy limits launches to chosen images (EC2 User Guide, "Example policies to control
 * access to the EC2 API": "Launch instances from specific AMIs"). keyless has the image but no
 * subnets, network interfaces, security groups or volumes to ask about. Its AMIs are EBS-backed
 * machine images; an instance's keys (ec2:InstanceType, …) are not the image's, so a condition
 * on them in a statement that also covers images fails there, as on AWS.
 */
export function launchImage(region: string, imageId: string) {
  return {
    action: "ec2:RunInstances",
    resource: imageArn(region, imageId),
    context: {
      ...regionCondition(region),
      "ec2:ImageID": imageId,
      "ec2:ImageType": "machine",
      "ec2:RootDeviceType": "ebs",
    },
  };
}

/** The resource ARN to authorize an operation against. */
export function ec2Resource(operation: Ec2Operation, scope: Ec2Scope): string {
  switch (operation.scope) {
    case "none":
      return "*";
    case "newInstance":
      return instanceArn(scope.region, scope.account, "*");
    case "instance":
      if (scope.instanceId === undefined) throw new Error(`${operation.action} needs an instance`);
      return instanceArn(scope.region, scope.account, scope.instanceId);
  }
}

/**
 * Handing a role to EC2 through an instance profile needs iam:PassRole on the role, with
 * iam:PassedToService naming EC2 (IAM User Guide, "Grant a user permissions to pass a role to an
 * AWS service").
 */
export function passRoleToEc2(roleArn: string, context: Record<string, string> = {}) {
  return {
    action: "iam:PassRole",
    resource: roleArn,
    context: { "iam:PassedToService": "ec2.amazonaws.com", ...context },
  };
}

/** An instance's metadata options as the condition keys policies test to require IMDSv2. */
export interface MetadataConditionValues {
  httpTokens: string;
  httpEndpoint: string;
  httpPutResponseHopLimit: number;
  instanceMetadataTags: string;
}

/**
 * The instance resource's metadata keys: ec2:MetadataHttpTokens, ec2:MetadataHttpEndpoint,
 * ec2:MetadataHttpPutResponseHopLimit and ec2:InstanceMetadataTags, with which a policy allows
 * only launches that require IMDSv2 (EC2 User Guide, "Configure the instance metadata options").
 * On an existing instance they are its options as DescribeInstances reports them.
 */
export const metadataConditions = (options: MetadataConditionValues): Record<string, string> => ({
  "ec2:MetadataHttpTokens": options.httpTokens,
  "ec2:MetadataHttpEndpoint": options.httpEndpoint,
  "ec2:MetadataHttpPutResponseHopLimit": String(options.httpPutResponseHopLimit),
  "ec2:InstanceMetadataTags": options.instanceMetadataTags,
});

/** What keyless knows of an instance, new or existing, that the instance resource has keys for. */
export interface InstanceConditionValues {
  /** Absent for RunInstances: the instance has no id until it is launched. */
  instanceId?: string;
  instanceType: string;
  /** Absent for RunInstances, whose request keyless does not read a placement from. */
  availabilityZone?: string;
  tenancy: string;
  rootDeviceType: string;
  /** The associated instance profile's ARN (RunInstances: the one requested), when there is one. */
  instanceProfileArn?: string;
}

/**
 * The instance resource's own keys that keyless has values for. The others the reference lists
 * (ec2:AvailabilityZoneId, ec2:EbsOptimized, ec2:PlacementGroup, ec2:ProductCode, …) are left
 * out rather than invented: a policy that tests them sees them missing.
 */
export function instanceConditions(values: InstanceConditionValues): Record<string, string> {
  const context: Record<string, string> = {
    "ec2:InstanceType": values.instanceType,
    "ec2:Tenancy": values.tenancy,
    "ec2:RootDeviceType": values.rootDeviceType,
  };
  const { instanceId, availabilityZone, instanceProfileArn } = values;
  if (instanceId !== undefined) context["ec2:InstanceID"] = instanceId;
  if (availabilityZone !== undefined) context["ec2:AvailabilityZone"] = availabilityZone;
  if (instanceProfileArn !== undefined) context["ec2:InstanceProfile"] = instanceProfileArn;
  return context;
}

/** ec2:Region, which the reference lists for every EC2 action: the region the request is in. */
export const regionCondition = (region: string): Record<string, string> => ({
  "ec2:Region": region,
});

/**
 * aws:ResourceTag/KEY and its EC2 twin ec2:ResourceTag/KEY for each tag the resource has now.
 * TODO(tag-case): tags whose keys differ only in case ("Env", "env") meet in one condition key,
 * since key names are matched without case; the last one wins until AWS's rule for it is known.
 */
export function resourceTagConditions(
  tags: Readonly<Record<string, string>>,
): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    context[`aws:ResourceTag/${key}`] = value;
    context[`ec2:ResourceTag/${key}`] = value;
  }
  return context;
}

/**
 * ec2:Attribute/NAME for each attribute a modifying request sets, NAME as the API spells the
 * parameter and the value as sent (for ModifyInstanceMetadataOptions: HttpTokens,
 * HttpPutResponseHopLimit, HttpEndpoint, …; EC2 User Guide, "Work with instance metadata" in the
 * example policies).
 */
export function attributeConditions(
  attributes: Readonly<Record<string, string>>,
): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) context[`ec2:Attribute/${name}`] = value;
  return context;
}

/**
 * ec2:NewInstanceProfile: the profile AssociateIamInstanceProfile and
 * ReplaceIamInstanceProfileAssociation put on the instance, next to ec2:InstanceProfile, the one
 * it has now.
 */
export const newInstanceProfileCondition = (arn: string): Record<string, string> => ({
  "ec2:NewInstanceProfile": arn,
});

/**
 * aws:RequestTag/KEY for each tag and aws:TagKeys for the set, as tagging requests carry, and as
 * RunInstances carries on the instance resource for the instance's TagSpecification.
 */
export function requestTagConditions(tags: Readonly<Record<string, string>>): ConditionContext {
  const context: ConditionContext = { "aws:TagKeys": Object.keys(tags) };
  for (const [key, value] of Object.entries(tags)) context[`aws:RequestTag/${key}`] = value;
  return context;
}

/**
 * Tags given to RunInstances need ec2:CreateTags on the new instance too, with ec2:CreateAction
 * naming the launch ("Grant permission to tag resources during creation", EC2 User Guide).
 */
export function tagOnLaunch(region: string, account: string, tags: Record<string, string>) {
  return {
    action: "ec2:CreateTags",
    resource: instanceArn(region, account, "*"),
    context: {
      ...regionCondition(region),
      "ec2:CreateAction": "RunInstances",
      ...requestTagConditions(tags),
    },
  };
}
