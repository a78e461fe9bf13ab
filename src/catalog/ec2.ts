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
