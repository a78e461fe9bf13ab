// RunInstances: launch instances with their metadata options and tags, give them the requested
// instance profile at launch, and start each one's metadata listener.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html
import {
  type ConditionContext,
  instanceConditions,
  launchImage,
  metadataConditions,
  requestTagConditions,
  tagOnLaunch,
} from "../../catalog/ec2.js";
import { AwsError } from "../../errors/aws-error.js";
import { DEFAULT_METADATA_OPTIONS } from "../../model/instances.js";
import type { AssociationRecord, InstanceMetadataOptions } from "../../model/types.js";
import type { Reply } from "../../server/context.js";
import { authorizeOperation, authorizePassRole, type Ec2Call, stopIfDryRun } from "./call.js";
import { DEFAULT_INSTANCE_TYPE, PARAM, ROOT_DEVICE_TYPE, TENANCY } from "./constants.js";
import { metadataOptionParams } from "./metadata-options.js";
import { intParam, requiredParam } from "./params.js";
import { findRequestedProfile, requestedProfileArn } from "./profile.js";
import { ec2Reply } from "./reply.js";
import { instanceShape, reservationShape } from "./shapes.js";
import { checkMetadataTagKeys, launchTags } from "./tag-params.js";

/** "User data is limited to 16 KB, in raw form, before it is base64-encoded" (EC2 User Guide). */
const MAX_USER_DATA_BYTES = 16_384;

/** EC2's default On-Demand vCPU quota stops launches far above this; keyless keeps it small. */
const MAX_LAUNCH = 20;

export async function runInstances(call: Ec2Call): Promise<Reply> {
  const { ctx, params } = call;
  const imageId = imageIdParam(params);
  const userData = userDataParam(params);
  const count = launchCount(params);
  const metadataOptions: InstanceMetadataOptions = {
    ...DEFAULT_METADATA_OPTIONS,
    ...metadataOptionParams(params, `${PARAM.metadataOptions}.`),
  };
  const tags = launchTags(params);
  if (metadataOptions.instanceMetadataTags === "enabled") checkMetadataTagKeys(Object.keys(tags));
  const instanceType = params.get(PARAM.instanceType) ?? DEFAULT_INSTANCE_TYPE;
  const tagged = Object.keys(tags).length > 0;
  await authorizeOperation(
    call,
    undefined,
    await launchContext(call, instanceType, metadataOptions, tags),
  );

  const account = ctx.auth.caller.account;
  const region = ctx.config.region;
  await ctx.authorize(launchImage(region, imageId));
  if (tagged) await ctx.authorize(tagOnLaunch(region, account, tags));
  const requested = await findRequestedProfile(ctx, params);
  await authorizePassRole(call, requested?.role);
  const launching = withinRoom(count, ctx.imds.room());
  stopIfDryRun(call);

  const launched = await ctx.model.instances.create(
    account,
    {
      imageId,
      instanceType,
      region,
      metadataOptions,
      ...(tagged ? { tags } : {}),
      ...(userData ? { userData } : {}),
    },
    launching,
  );

  // A profile given at launch is in place when the instance boots: no "associating" phase.
  const associations = new Map<string, AssociationRecord>();
  for (const instance of launched) {
    if (!requested) continue;
    const association = await ctx.model.associations.associate(
      account,
      instance.instanceId,
      requested.profile,
      true,
    );
    associations.set(instance.instanceId, association);
  }
  for (const instance of launched) await ctx.imds.start(instance);

  // The reply shows the instances as AWS does right after launch: pending, options included.
  const metadata = { requested: metadataOptions, state: "pending" } as const;
  const shapes = launched.map((instance) =>
    instanceShape(instance, associations.get(instance.instanceId), metadata, "pending"),
  );
  const reservationId = launched[0]?.reservationId ?? "";
  return ec2Reply(call.action, ctx.requestId, reservationShape(account, reservationId, shapes));
}

/**
 * The instance resource's keys for the instance to be, from what the request asks it to be:
 * aws:RequestTag/* and aws:TagKeys come from its TagSpecification, and only when it has tags.
 */
async function launchContext(
  call: Ec2Call,
  instanceType: string,
  metadataOptions: InstanceMetadataOptions,
  tags: Record<string, string>,
): Promise<ConditionContext> {
  const profileArn = await requestedProfileArn(call.ctx, call.params);
  const own = instanceConditions({
    instanceType,
    tenancy: TENANCY,
    rootDeviceType: ROOT_DEVICE_TYPE,
    ...(profileArn === undefined ? {} : { instanceProfileArn: profileArn }),
  });
  const requestTags = Object.keys(tags).length > 0 ? requestTagConditions(tags) : {};
  return { ...own, ...metadataConditions(metadataOptions), ...requestTags };
}

/** UserData: base64 of at most 16 KB, served to the instance at latest/user-data. */
function userDataParam(params: URLSearchParams): string | undefined {
  const text = params.get(PARAM.userData);
  if (text === null || text === "") return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new AwsError("InvalidParameterValue", "Invalid BASE64 encoding of user data.");
  }
  if (Buffer.from(text, "base64").length > MAX_USER_DATA_BYTES) {
    throw new AwsError("InvalidParameterValue", "User data is limited to 16384 bytes");
  }
  return text;
}

/** An AMI ID is "ami-" and 8 or 17 hex digits; keyless runs any well-formed one. */
function imageIdParam(params: URLSearchParams): string {
  const imageId = requiredParam(params, PARAM.imageId);
  if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(imageId)) {
    throw new AwsError("InvalidAMIIDMalformed", `Invalid id: "${imageId}" (expecting "ami-...")`);
  }
  return imageId;
}

/**
 * As many as asked for, or as many as there is room for when that is still at least MinCount:
 * EC2 launches fewer than MaxCount when its limit allows no more. keyless's limit is what the
 * machine allows, a metadata listener (and a file descriptor) per running instance.
 */
function withinRoom(count: LaunchCount, room: number): number {
  if (count.min > room) {
    throw new AwsError(
      "InstanceLimitExceeded",
      `You have requested more instances (${count.min}) than keyless can run here: room for ` +
        `${Math.max(0, room)} more, as each running instance's metadata listener takes a file ` +
        "descriptor. Terminate instances, or raise the open-file limit (ulimit -n) and restart.",
    );
  }
  return Math.min(count.max, room);
}

interface LaunchCount {
  min: number;
  max: number;
}

function launchCount(params: URLSearchParams): LaunchCount {
  const min = intParam(params, PARAM.minCount, 1);
  const max = intParam(params, PARAM.maxCount, min);
  if (min < 1 || max < 1) {
    throw new AwsError("InvalidParameterValue", "MinCount and MaxCount must be at least 1");
  }
  if (min > max) {
    throw new AwsError(
      "InvalidParameterValue",
      `MinCount (${min}) must not be greater than MaxCount (${max})`,
    );
  }
  if (min > MAX_LAUNCH) {
    throw new AwsError(
      "InvalidParameterValue",
      `keyless launches at most ${MAX_LAUNCH} instances at once; ask for fewer`,
    );
  }
  return { min, max: Math.min(max, MAX_LAUNCH) };
}
