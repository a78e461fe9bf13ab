// Reading Query-protocol parameters, with the ValidationError texts AWS sends.
import { AwsError } from "../../errors/aws-error.js";

export class Params {
  constructor(private readonly values: URLSearchParams) {}

  optional(name: string): string | undefined {
    return this.values.get(name) ?? undefined;
  }

  required(name: string): string {
    const value = this.values.get(name);
    if (value === null || value === "") {
      throw new AwsError(
        "ValidationError",
        `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return value;
  }

  /** A value matching pattern with a length in [min, max], as AWS's API models declare. */
  name(name: string, pattern: RegExp, min: number, max: number, optional = false): string {
    const value = optional ? this.optional(name) : this.required(name);
    if (value === undefined) return "";
    if (value.length < min || value.length > max) {
      const bound =
        value.length < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`;
      throw invalid(name, value, `Member must have length ${bound}`);
    }
    if (!pattern.test(value)) {
      const source = pattern.source.replace(/^\^|\$$/g, "");
      throw invalid(name, value, `Member must satisfy regular expression pattern: ${source}`);
    }
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const text = this.optional(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value)) {
      throw new AwsError("ValidationError", `Value '${text}' for ${name} is not a whole number.`);
    }
    if (value < min || value > max) {
      const bound =
        value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`;
      throw invalid(name, text, `Member must have value ${bound}`);
    }
    return value;
  }

  /** Flattened list members: Name.member.1, Name.member.2, … (or Name.1, … for EC2). */
  list(prefix: string): string[] {
    const out: string[] = [];
    for (let index = 1; ; index++) {
      const value = this.values.get(`${prefix}.${index}`);
      if (value === null) return out;
      out.push(value);
    }
  }
}

/** AWS's wording for a parameter that breaks its model's constraint. */
export function invalid(name: string, value: string, constraint: string): AwsError {
  return new AwsError(
    "ValidationError",
    `1 validation error detected: Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: ${constraint}`,
  );
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
