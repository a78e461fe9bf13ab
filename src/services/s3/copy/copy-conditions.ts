// x-amz-copy-source-if-match, -if-none-match, -if-unmodified-since and -if-modified-since: the
// read conditions of GetObject, asked of the copy source. A copy has no 304 to give, so every
// condition that fails answers 412 PreconditionFailed (Amazon S3 API Reference, CopyObject).
import { AwsError } from "../../../errors/aws-error.js";
import type { ObjectRecord } from "../../../model/types.js";
import { evaluateConditions } from "../object/conditions.js";

const PREFIX = "x-amz-copy-source-";

function failed(condition: string): AwsError {
  return new AwsError("PreconditionFailed", undefined, {
    fields: { Condition: `${PREFIX}${condition}` },
  });
}

export function checkCopyConditions(
  header: (name: string) => string | undefined,
  record: ObjectRecord,
): void {
  const sourceHeader = (name: string) => header(`${PREFIX}${name}`);
  let outcome: ReturnType<typeof evaluateConditions>;
  try {
    outcome = evaluateConditions(sourceHeader, record);
  } catch (error) {
    if (error instanceof AwsError && error.code === "PreconditionFailed") {
      throw failed(error.fields.Condition ?? "If-Match");
    }
    throw error;
  }
  if (outcome === "not-modified") {
    throw failed(
      sourceHeader("if-none-match") === undefined ? "If-Modified-Since" : "If-None-Match",
    );
  }
}
