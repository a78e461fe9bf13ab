// InstanceMetadataOptionsRequest as the EC2 Query protocol flattens it: bare names for
// ModifyInstanceMetadataOptions, `MetadataOptions.`-prefixed for RunInstances. An option left out
// keeps its current value, as the API reference says for ModifyInstanceMetadataOptions.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html
import { attributeConditions } from "../../catalog/ec2.js";
import { AwsError } from "../../errors/aws-error.js";
import type { InstanceMetadataOptions } from "../../model/types.js";
import { HOP_LIMIT, METADATA_OPTION } from "./constants.js";

type EnumOption = keyof typeof METADATA_OPTION;

/** The options the request sets; `prefix` is "MetadataOptions." for RunInstances, else "". */
export function metadataOptionParams(
  params: URLSearchParams,
  prefix: string,
): Partial<InstanceMetadataOptions> {
  const change: Partial<InstanceMetadataOptions> = {};
  for (const field of Object.keys(METADATA_OPTION) as EnumOption[]) {
    const value = enumParam(params, prefix, field);
    // Each field's own union type; the value was checked against its list just above.
    if (value !== undefined) Object.assign(change, { [field]: value });
  }
  const hops = params.get(`${prefix}${HOP_LIMIT.name}`);
  if (hops !== null) change.httpPutResponseHopLimit = hopLimit(hops);
  return change;
}

/** ec2:Attribute/NAME for each option the request sets, NAME as the parameter is spelled. */
export function metadataAttributeConditions(change: Partial<InstanceMetadataOptions>) {
  const sent: Record<string, string> = {};
  for (const field of Object.keys(METADATA_OPTION) as EnumOption[]) {
    const value = change[field];
    if (value !== undefined) sent[METADATA_OPTION[field].name] = value;
  }
  const hops = change.httpPutResponseHopLimit;
  if (hops !== undefined) sent[HOP_LIMIT.name] = String(hops);
  return attributeConditions(sent);
}

/** InstanceMetadataOptionsResponse, element names as the API reference spells them. */
export const metadataOptionsShape = (
  options: InstanceMetadataOptions,
  state: "pending" | "applied",
) => ({
  state,
  httpTokens: options.httpTokens,
  httpPutResponseHopLimit: options.httpPutResponseHopLimit,
  httpEndpoint: options.httpEndpoint,
  httpProtocolIpv6: options.httpProtocolIpv6,
  instanceMetadataTags: options.instanceMetadataTags,
});

function enumParam(params: URLSearchParams, prefix: string, field: EnumOption) {
  const { name, values } = METADATA_OPTION[field];
  const value = params.get(`${prefix}${name}`);
  if (value === null) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw new AwsError(
      "InvalidParameterValue",
      `Value (${value}) for parameter ${name} is invalid. Valid values are: ${values.join(", ")}`,
    );
  }
  return value;
}

function hopLimit(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < HOP_LIMIT.min || value > HOP_LIMIT.max) {
    throw new AwsError(
      "InvalidParameterValue",
      `Value (${text}) for parameter ${HOP_LIMIT.name} is invalid. ` +
        `Specify an integer from ${HOP_LIMIT.min} to ${HOP_LIMIT.max}`,
    );
  }
  return value;
}
