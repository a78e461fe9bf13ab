// Conditional GetObject and HeadObject (RFC 9110, section 13.2.2 order, as S3 applies it):
// If-Match, else If-Unmodified-Since, may answer 412 PreconditionFailed; If-None-Match, else
// If-Modified-Since, may answer 304 Not Modified (Amazon S3 API Reference, GetObject).
import { AwsError } from "../../../errors/aws-error.js";
import type { ObjectRecord } from "../../../model/types.js";

type Header = (name: string) => string | undefined;

/** An entity-tag list matches when it is "*" or names the object's ETag, weak or strong. */
function etagMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/"/g, "");
  return list.split(",").some((tag) => {
    const candidate = tag.trim().replace(/^W\//, "").replace(/"/g, "");
    return candidate === "*" || candidate === bare;
  });
}

/** HTTP-dates have whole seconds, so the object's time is compared at that precision. */
function modifiedAfter(record: ObjectRecord, date: string): boolean | undefined {
  const since = Date.parse(date);
  if (Number.isNaN(since)) return undefined;
  return Math.floor(record.lastModified / 1000) * 1000 > since;
}

function failed(condition: string): AwsError {
  return new AwsError("PreconditionFailed", undefined, { fields: { Condition: condition } });
}

/** "modified" to send the object, "not-modified" for a 304; throws for a 412. */
export function evaluateConditions(header: Header, record: ObjectRecord) {
  const ifMatch = header("if-match");
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, record.etag)) throw failed("If-Match");
  } else {
    const ifUnmodifiedSince = header("if-unmodified-since");
    if (ifUnmodifiedSince !== undefined && modifiedAfter(record, ifUnmodifiedSince) === true) {
      throw failed("If-Unmodified-Since");
    }
  }

  const ifNoneMatch = header("if-none-match");
  if (ifNoneMatch !== undefined)
    return etagMatches(ifNoneMatch, record.etag) ? "not-modified" : "modified";
  const ifModifiedSince = header("if-modified-since");
  if (ifModifiedSince !== undefined && modifiedAfter(record, ifModifiedSince) === false) {
    return "not-modified";
  }
  return "modified";
}
