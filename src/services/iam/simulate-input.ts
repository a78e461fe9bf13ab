// The inputs the simulation APIs share: policy lists, actions, resources, context entries.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
import { isIP } from "node:net";
import { AwsError } from "../../errors/aws-error.js";
import { type ContextEntry, loadPolicy } from "../../policy/index.js";
import type { AttachedPolicy, PolicyKind, PolicySource } from "../../policy/types.js";
import { invalid, type Params } from "../query/params.js";

const CONTEXT_KEY_TYPES = new Set([
  "string",
  "stringList",
  "numeric",
  "numericList",
  "boolean",
  "booleanList",
  "ip",
  "ipList",
  "binary",
  "binaryList",
  "date",
  "dateList",
]);

/** PolicyInputList.member.N and friends, each compiled and named by its place in the list. */
export function policyList(
  p: Params,
  field: string,
  kind: PolicyKind,
  type: PolicySource["type"],
): AttachedPolicy[] {
  return p.list(`${field}.member`).map((text, index) => {
    const id = `${field}.${index + 1}`;
    const loaded = loadPolicy(text, kind, { type, id, inline: true });
    if (!loaded.ok) throw new AwsError("MalformedPolicyDocument", `${id}: ${loaded.error.message}`);
    return loaded.policy;
  });
}

export function actionNames(p: Params): string[] {
  const actions = p.list("ActionNames.member");
  if (actions.length === 0) {
    throw invalid("actionNames", "null", "Member must not be null");
  }
  return actions;
}

export function contextEntries(p: Params): ContextEntry[] {
  const entries: ContextEntry[] = [];
  for (let index = 1; ; index++) {
    const prefix = `ContextEntries.member.${index}`;
    const key = p.optional(`${prefix}.ContextKeyName`);
    if (key === undefined) return entries;
    const type = p.optional(`${prefix}.ContextKeyType`) ?? "string";
    if (!CONTEXT_KEY_TYPES.has(type)) {
      throw invalid(
        `contextEntries.${index}.member.contextKeyType`,
        type,
        "Member must satisfy enum value set: [string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList]",
      );
    }
    const values = p.list(`${prefix}.ContextKeyValues.member`);
    if (!type.endsWith("List") && values.length !== 1) {
      throw new AwsError(
        "InvalidInput",
        `Context key ${key} of type ${type} needs exactly one value.`,
      );
    }
    const bad = values.find((value) => !fitsType(type.replace(/List$/, ""), value));
    if (bad !== undefined) {
      throw new AwsError(
        "InvalidInput",
        `Invalid value ${bad} for context key ${key} of type ${type}.`,
      );
    }
    entries.push({ key, type, values });
  }
}

/** Whether a context value can be read as its declared type; string takes anything. */
function fitsType(type: string, value: string): boolean {
  switch (type) {
    case "numeric":
      return value.trim() !== "" && Number.isFinite(Number(value));
    case "boolean":
      return /^(true|false)$/i.test(value);
    case "date":
      return !Number.isNaN(Date.parse(value)) || /^\d+$/.test(value);
    case "ip": {
      const [address = "", bits, ...rest] = value.split("/");
      const family = isIP(address);
      if (family === 0 || rest.length > 0) return false;
      return (
        bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
      );
    }
    case "binary":
      return /^[A-Za-z0-9+/]*={0,2}$/.test(value) && value.length % 4 === 0;
    default:
      return true;
  }
}

/** ResourceOwner as an account root ARN (arn:aws:iam::ACCOUNT:root), or undefined. */
export function resourceOwner(p: Params): string | undefined {
  const owner = p.optional("ResourceOwner");
  if (owner === undefined) return undefined;
  const account = /^arn:aws:iam::(\d{12}):root$/.exec(owner)?.[1];
  if (!account)
    throw new AwsError(
      "InvalidInput",
      `ResourceOwner must be an account ARN such as arn:aws:iam::123456789012:root, not ${owner}.`,
    );
  return account;
}
