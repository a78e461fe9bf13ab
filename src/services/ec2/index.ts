// The EC2 service: the EC2 Query protocol's Action parameter picks a handler; the catalog says
// what the operation needs from IAM. An operation the catalog does not list is denied, never
// allowed, so that a handler added without its permission entry fails closed.
import { EC2_OPERATIONS } from "../../catalog/ec2.js";
import { AwsError } from "../../errors/aws-error.js";
import type { Reply, RequestContext } from "../../server/context.js";
import {
  associateIamInstanceProfile,
  describeIamInstanceProfileAssociations,
  disassociateIamInstanceProfile,
  replaceIamInstanceProfileAssociation,
} from "./associations.js";
import type { Ec2Handler } from "./call.js";
import { PARAM } from "./constants.js";
import { describeInstances } from "./describe-instances.js";
import { modifyInstanceMetadataOptions } from "./modify-instance-metadata-options.js";
import { runInstances } from "./run-instances.js";
import { createTags, deleteTags, describeTags } from "./tags.js";
import { terminateInstances } from "./terminate-instances.js";

const HANDLERS: Readonly<Record<string, Ec2Handler>> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  TerminateInstances: terminateInstances,
  AssociateIamInstanceProfile: associateIamInstanceProfile,
  DescribeIamInstanceProfileAssociations: describeIamInstanceProfileAssociations,
  DisassociateIamInstanceProfile: disassociateIamInstanceProfile,
  ReplaceIamInstanceProfileAssociation: replaceIamInstanceProfileAssociation,
  ModifyInstanceMetadataOptions: modifyInstanceMetadataOptions,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};

export async function handleEc2(ctx: RequestContext, params: URLSearchParams): Promise<Reply> {
  const action = params.get(PARAM.action);
  if (action === null || action === "") throw new AwsError("MissingAction");
  const handler = Object.hasOwn(HANDLERS, action) ? HANDLERS[action] : undefined;
  if (handler === undefined) {
    throw new AwsError("InvalidAction", `The action ${action} is not valid for this web service.`);
  }
  const operation = Object.hasOwn(EC2_OPERATIONS, action) ? EC2_OPERATIONS[action] : undefined;
  if (operation === undefined) throw new AwsError("UnauthorizedOperation");
  return handler({ ctx, params, action, operation });
}
