// Conditional PutObject: "If-None-Match: *" writes only when no object has the key, and
// "If-Match: <ETag>" only when the current object has that ETag (Amazon S3 User Guide, "How to
// prevent object overwrites with conditional writes"). The check runs in the same model
// transaction that replaces the object, so two racing writers cannot both pass it.
import { AwsError } from "../../../errors/aws-error.js";
import type { ObjectRecord } from "../../../model/types.js";

type Header = (name: string) => string | undefined;

const bare = (etag: string): string => etag.trim().replace(/^W\//, "").replace(/"/g, "");

function failed(condition: string): AwsError {
  return new AwsError("PreconditionFailed", undefined, { fields: { Condition: condition } });
}

export function writePrecondition(
  header: Header,
  key: string,
): ((current: ObjectRecord | undefined) => void) | undefined {
  const ifNoneMatch = header("if-none-match");
  const ifMatch = header("if-match");
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  // S3 takes only "*" here: an ETag in If-None-Match is a read condition, not a write one.
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== "*") {
    throw new AwsError("NotImplemented", undefined, { fields: { Header: "If-None-Match" } });
  }

  return function checkWriteCondition(current) {
    if (ifNoneMatch !== undefined && current !== undefined) throw failed("If-None-Match");
    if (ifMatch === undefined) return;
    if (current === undefined) throw new AwsError("NoSuchKey", undefined, { fields: { Key: key } });
    if (bare(ifMatch) !== bare(current.etag)) throw failed("If-Match");
  };
}
