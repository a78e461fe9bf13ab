// CreateTags, DeleteTags and DescribeTags for instances, the one EC2 resource keyless models.
// Tags live on the instance record, so that the metadata service can serve them under
// meta-data/tags/instance/ when the instance allows it.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html
import { requestTagConditions } from "../../catalog/ec2.js";
import { AwsError } from "../../errors/aws-error.js";
import { metadataOptionsAt } from "../../model/instances.js";
import type { InstanceRecord } from "../../model/types.js";
import type { Reply } from "../../server/context.js";
import { authorizeOperation, type Ec2Call, stopIfDryRun } from "./call.js";
import { FILTER, INSTANCE_RESOURCE_TYPE, PARAM } from "./constants.js";
import { pageOf } from "./paging.js";
import { checkFilters, filterMatches, filterParams, listParam } from "./params.js";
import { ec2Reply, items } from "./reply.js";
import { checkCount, checkMetadataTagKeys, tagParams, tagsToSet } from "./tag-params.js";

export async function createTags(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const ids = resourceIds(params);
  const tags = tagsToSet(tagParams(params, PARAM.tag));
  if (Object.keys(tags).length === 0) throw missing(`${PARAM.tag}.1.Key`);
  // Each instance's own keys join these: its tags now, as aws:ResourceTag/*, and the rest.
  for (const id of ids) await authorizeOperation(call, id, requestTagConditions(tags));

  const delayMs = ctx.config.propagationDelayMs;
  await retag(call, ids, (instance) => {
    const merged = { ...instance.tags, ...tags };
    checkCount(merged);
    const { requested } = metadataOptionsAt(instance, ctx.clock.now(), delayMs);
    if (requested.instanceMetadataTags === "enabled") checkMetadataTagKeys(Object.keys(tags));
    return merged;
  });
  return ec2Reply(call.action, ctx.requestId, { return: "true" });
}

/**
 * A key given with a value removes the tag only when the value matches, "" included; a key alone
 * removes it whatever its value; no tags at all removes every tag (API reference, DeleteTags).
 */
export async function deleteTags(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const ids = resourceIds(params);
  const named = tagParams(params, PARAM.tag);
  const context = { "aws:TagKeys": named.map((tag) => tag.key) };
  for (const id of ids) await authorizeOperation(call, id, context);

  await retag(call, ids, (instance) => {
    const kept = { ...instance.tags };
    for (const key of Object.keys(kept)) {
      const asked = named.length === 0 || named.some((tag) => removes(tag, key, kept[key]));
      if (asked) delete kept[key];
    }
    return kept;
  });
  return ec2Reply(call.action, ctx.requestId, { return: "true" });
}

export async function describeTags(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const filters = filterParams(params);
  checkFilters(filters, [FILTER.resourceId, FILTER.resourceType, FILTER.key, FILTER.value]);
  await authorizeOperation(call);
  stopIfDryRun(call);

  const instances = await ctx.model.instances.list(ctx.auth.caller.account);
  const tagSet = instances.flatMap(tagDescriptions).filter((tag) =>
    [...filters].every(([name, values]) => {
      const field = FILTER_FIELD[name];
      return field === undefined || filterMatches(values, tag[field]);
    }),
  );
  const { page, nextToken } = pageOf(tagSet, params, { kind: "tags" });
  return ec2Reply(call.action, ctx.requestId, {
    tagSet: items(page),
    ...(nextToken === undefined ? {} : { nextToken }),
  });
}

interface TagDescription {
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
}

const FILTER_FIELD: Readonly<Record<string, keyof TagDescription>> = {
  [FILTER.resourceId]: "resourceId",
  [FILTER.resourceType]: "resourceType",
  [FILTER.key]: "key",
  [FILTER.value]: "value",
};

const tagDescriptions = (instance: InstanceRecord): TagDescription[] =>
  Object.entries(instance.tags ?? {}).map(([key, value]) => ({
    resourceId: instance.instanceId,
    resourceType: INSTANCE_RESOURCE_TYPE,
    key,
    value,
  }));

/**
 * Gives each instance the tags `change` computes. Every instance is read and checked first, so
 * that an unknown id or a refused tag leaves all of them unchanged, and a DryRun stops there.
 */
async function retag(
  call: Ec2Call,
  ids: readonly string[],
  change: (instance: InstanceRecord) => Record<string, string>,
): Promise<void> {
  const { instances } = call.ctx.model;
  const account = call.ctx.auth.caller.account;
  for (const id of ids) change(await instances.get(account, id));
  stopIfDryRun(call);
  for (const id of ids) {
    await instances.modify(account, id, (instance) => ({ ...instance, tags: change(instance) }));
  }
}

const removes = (tag: { key: string; value: string | undefined }, key: string, value?: string) =>
  tag.key === key && (tag.value === undefined || tag.value === value);

/** The ResourceId.N list: instance ids only, since keyless has no other taggable resource. */
function resourceIds(params: URLSearchParams): string[] {
  const ids = listParam(params, PARAM.resourceId);
  if (ids.length === 0) throw missing(`${PARAM.resourceId}.1`);
  for (const id of ids) {
    if (!id.startsWith("i-")) {
      throw new AwsError(
        "InvalidParameterValue",
        `keyless tags instances only, and '${id}' is not an instance ID (i-…).`,
      );
    }
  }
  return ids;
}

const missing = (name: string): AwsError =>
  new AwsError("MissingParameter", `The request must contain the parameter ${name}`);
