// What each EC2 operation means to IAM: the action it needs and the resource it acts on.
// Resource types and ARN formats follow the Service Authorization Reference, "Actions, resources,
// and condition keys for Amazon EC2"
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
// Pure data: no I/O, so that an operation missing here is visible in one place and is denied.

/** What an operation's IAM resource is: one named instance, any new instance, or no resource. */
export type Ec2ResourceScope = "instance" | "newInstance" | "none";

export interface Ec2Operation {
  action: string;
  scope: Ec2ResourceScope;
  /** True when the operation hands an instance profile's role to EC2 (iam:PassRole). */
  passesRole: boolean;
}

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
  DeleteTags: { action: "ec2:DeleteTags", scope: "instance", passesRole: false },
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
export function passRoleToEc2(roleArn: string) {
  return {
    action: "iam:PassRole",
    resource: roleArn,
    context: { "iam:PassedToService": "ec2.amazonaws.com" },
  };
}

/** The launch's metadata options as the condition keys policies test to require IMDSv2. */
export interface MetadataConditionValues {
  httpTokens: string;
  httpEndpoint: string;
  httpPutResponseHopLimit: number;
}

/**
 * Condition keys of RunInstances on the instance resource: ec2:MetadataHttpTokens,
 * ec2:MetadataHttpEndpoint and ec2:MetadataHttpPutResponseHopLimit, with which a policy allows
 * only launches that require IMDSv2 (EC2 User Guide, "Configure the instance metadata options").
 */
export const metadataConditions = (options: MetadataConditionValues): Record<string, string> => ({
  "ec2:MetadataHttpTokens": options.httpTokens,
  "ec2:MetadataHttpEndpoint": options.httpEndpoint,
  "ec2:MetadataHttpPutResponseHopLimit": String(options.httpPutResponseHopLimit),
});

/** aws:RequestTag/KEY for each tag and aws:TagKeys for the set, as tagging requests carry. */
export function requestTagConditions(
  tags: Readonly<Record<string, string>>,
): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = { "aws:TagKeys": Object.keys(tags) };
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
    context: { "ec2:CreateAction": "RunInstances", ...requestTagConditions(tags) },
  };
}
