// Every condition operator IAM knows, by family. The parser rejects names not listed here; the
// compiler picks the family's matcher.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

export type OperatorFamily =
  | "string"
  | "stringIgnoreCase"
  | "stringLike"
  | "numeric"
  | "date"
  | "bool"
  | "binary"
  | "ip"
  | "arn"
  | "null";

export type Comparison = "eq" | "lt" | "lte" | "gt" | "gte";

export interface OperatorSpec {
  /** Canonical spelling. */
  name: string;
  family: OperatorFamily;
  /** Negated operators (StringNotEquals, NotIpAddress...) are the NOR of the positive test. */
  negated: boolean;
  comparison: Comparison;
}

const spec = (
  name: string,
  family: OperatorFamily,
  negated = false,
  comparison: Comparison = "eq",
): OperatorSpec => ({ name, family, negated, comparison });

const ALL: OperatorSpec[] = [
  spec("StringEquals", "string"),
  spec("StringNotEquals", "string", true),
  spec("StringEqualsIgnoreCase", "stringIgnoreCase"),
  spec("StringNotEqualsIgnoreCase", "stringIgnoreCase", true),
  spec("StringLike", "stringLike"),
  spec("StringNotLike", "stringLike", true),
  spec("NumericEquals", "numeric"),
  spec("NumericNotEquals", "numeric", true),
  spec("NumericLessThan", "numeric", false, "lt"),
  spec("NumericLessThanEquals", "numeric", false, "lte"),
  spec("NumericGreaterThan", "numeric", false, "gt"),
  spec("NumericGreaterThanEquals", "numeric", false, "gte"),
  spec("DateEquals", "date"),
  spec("DateNotEquals", "date", true),
  spec("DateLessThan", "date", false, "lt"),
  spec("DateLessThanEquals", "date", false, "lte"),
  spec("DateGreaterThan", "date", false, "gt"),
  spec("DateGreaterThanEquals", "date", false, "gte"),
  spec("Bool", "bool"),
  spec("BinaryEquals", "binary"),
  spec("IpAddress", "ip"),
  spec("NotIpAddress", "ip", true),
  spec("ArnEquals", "arn"),
  spec("ArnLike", "arn"),
  spec("ArnNotEquals", "arn", true),
  spec("ArnNotLike", "arn", true),
  spec("Null", "null"),
];

const BY_LOWER_NAME = new Map(ALL.map((operator) => [operator.name.toLowerCase(), operator]));

export interface OperatorName {
  spec: OperatorSpec;
  qualifier: "ForAllValues" | "ForAnyValue" | undefined;
  ifExists: boolean;
}

/** Reads "ForAnyValue:StringLikeIfExists" into its parts, or undefined for an unknown name. */
export function readOperator(written: string): OperatorName | undefined {
  let rest = written;
  let qualifier: OperatorName["qualifier"];
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === "forallvalues") qualifier = "ForAllValues";
    else if (prefix === "foranyvalue") qualifier = "ForAnyValue";
    else return undefined;
    rest = rest.slice(colon + 1);
  }

  let lower = rest.toLowerCase();
  let ifExists = false;
  // Null takes no IfExists: "NullIfExists" is not an operator.
  if (lower.endsWith("ifexists") && lower !== "ifexists") {
    ifExists = true;
    lower = lower.slice(0, -"ifexists".length);
  }
  const found = BY_LOWER_NAME.get(lower);
  if (found === undefined || (ifExists && found.family === "null")) return undefined;
  return { spec: found, qualifier, ifExists };
}
