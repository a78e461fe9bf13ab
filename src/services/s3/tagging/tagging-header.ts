// x-amz-tagging: the tags of a new object, "encoded as URL Query parameters" as in
// "Key1=Value1&Key2=Value2" (Amazon S3 API Reference, PutObject and CreateMultipartUpload).
import { AwsError } from "../../../errors/aws-error.js";
import { checkTags } from "./tag-rules.js";

type Header = (name: string) => string | undefined;

const MALFORMED =
  "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters " +
  "without tag name duplicates.";

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    throw new AwsError("InvalidArgument", MALFORMED, {
      fields: { ArgumentName: "x-amz-tagging", ArgumentValue: text },
    });
  }
}

/** The pairs as sent, without checking them; undefined when the header is absent. */
export function taggingPairs(header: Header): [string, string][] | undefined {
  const text = header("x-amz-tagging");
  if (text === undefined) return undefined;
  if (text.trim() === "") return [];
  return text.split("&").map((pair) => {
    const equals = pair.indexOf("=");
    const key = equals === -1 ? pair : pair.slice(0, equals);
    return [decode(key), equals === -1 ? "" : decode(pair.slice(equals + 1))];
  });
}

/** The header's tags, checked; undefined when it is absent or names none. */
export function taggingHeader(header: Header): Record<string, string> | undefined {
  const pairs = taggingPairs(header);
  if (pairs === undefined || pairs.length === 0) return undefined;
  if (new Set(pairs.map(([key]) => key)).size !== pairs.length) {
    throw new AwsError("InvalidArgument", MALFORMED, {
      fields: { ArgumentName: "x-amz-tagging", ArgumentValue: header("x-amz-tagging") ?? "" },
    });
  }
  return checkTags(pairs, "object");
}
