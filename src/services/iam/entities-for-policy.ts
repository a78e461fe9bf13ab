// ListEntitiesForPolicy: the users, groups and roles of the caller's account that a managed policy
// is attached to, or that have it as their permissions boundary.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListEntitiesForPolicy.html
import { AWS_ACCOUNT } from "../../model/aws-managed-policies.js";
import type { GroupRecord, RoleRecord, UserRecord } from "../../model/types.js";
import { members } from "../../server/query-protocol.js";
import type { IamCall, IamHandler } from "./call.js";
import { policyOwner } from "./managed-policies.js";
import { paginate } from "./pagination.js";
import { choice, pathPrefix, policyArn } from "./validation.js";

type Entity =
  | { type: "User"; record: UserRecord }
  | { type: "Role"; record: RoleRecord }
  | { type: "Group"; record: GroupRecord };

const ENTITY_FILTERS = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"] as const;
const USAGE_FILTERS = ["PermissionsPolicy", "PermissionsBoundary"] as const;
type UsageFilter = (typeof USAGE_FILTERS)[number] | undefined;

export const listEntitiesForPolicy: IamHandler = async (call) => {
  const arn = policyArn(call.p);
  const filter = call.p.optional("EntityFilter")
    ? choice(call.p, "EntityFilter", ENTITY_FILTERS, "User")
    : undefined;
  const usageFilter: UsageFilter = call.p.optional("PolicyUsageFilter")
    ? choice(call.p, "PolicyUsageFilter", USAGE_FILTERS, "PermissionsPolicy")
    : undefined;
  const prefix = pathPrefix(call.p);
  await call.allow(arn, policyOwner(call, arn, false));
  const policy = await call.ctx.model.managedPolicies.get(arn);

  // LocalManagedPolicy and AWSManagedPolicy keep every entity, for a policy of that kind only.
  const isAws = policy.account === AWS_ACCOUNT;
  const kindMatches =
    (filter !== "LocalManagedPolicy" || !isAws) && (filter !== "AWSManagedPolicy" || isAws);
  const type = filter === "User" || filter === "Role" || filter === "Group" ? filter : undefined;
  const entities = (kindMatches ? await entitiesUsing(call, arn, usageFilter) : []).filter(
    (entity) =>
      (type === undefined || entity.type === type) && entity.record.path.startsWith(prefix),
  );
  const page = paginate(call.p, entities);
  const of = <T extends Entity["type"]>(type: T) =>
    page.items.filter((e): e is Extract<Entity, { type: T }> => e.type === type);
  return {
    PolicyGroups: members(
      of("Group").map(({ record }) => ({ GroupName: record.groupName, GroupId: record.groupId })),
    ),
    PolicyUsers: members(
      of("User").map(({ record }) => ({ UserName: record.userName, UserId: record.userId })),
    ),
    PolicyRoles: members(
      of("Role").map(({ record }) => ({ RoleName: record.roleName, RoleId: record.roleId })),
    ),
    ...page.marker,
  };
};

/** Groups, then users, then roles, each once, in the order their records sort. */
async function entitiesUsing(call: IamCall, arn: string, usage: UsageFilter): Promise<Entity[]> {
  const { model } = call.ctx;
  const found = new Map<string, Entity>();
  const usages = await model.managedPolicies.usage(call.account);
  if (usage !== "PermissionsBoundary") {
    for (const attachment of usages.attachedTo(arn)) {
      const entity = await lookUp(call, attachment.ownerType, attachment.ownerName);
      if (entity) found.set(entity.record.arn, entity);
    }
  }
  if (usage !== "PermissionsPolicy") {
    for (const owner of usages.boundaryOf(arn)) {
      const entity: Entity =
        "userName" in owner ? { type: "User", record: owner } : { type: "Role", record: owner };
      found.set(owner.arn, entity);
    }
  }
  const order = { Group: 0, User: 1, Role: 2 };
  return [...found.values()].sort(
    (a, b) => order[a.type] - order[b.type] || a.record.arn.localeCompare(b.record.arn),
  );
}

async function lookUp(call: IamCall, type: string, name: string): Promise<Entity | undefined> {
  const { model } = call.ctx;
  if (type === "user") {
    const record = await model.users.find(call.account, name);
    return record && { type: "User", record };
  }
  if (type === "role") {
    const record = await model.roles.find(call.account, name);
    return record && { type: "Role", record };
  }
  const record = await model.groups.find(call.account, name);
  return record && { type: "Group", record };
}
