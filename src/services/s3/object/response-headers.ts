// The headers GetObject and HeadObject describe an object with (Amazon S3 API Reference,
// GetObject, "Response Syntax").

import { httpDate } from "../../../clock/time-text.js";
import { AwsError } from "../../../errors/aws-error.js";
import type { ObjectRecord } from "../../../model/types.js";
import type { ByteRange } from "../../../store/blob-store.js";
import { checksumHeaders } from "../checksum/algorithms.js";
import { SERVER_SIDE_ENCRYPTION } from "../constants.js";
import type { Headers } from "../reply.js";
import { metadataHeaders } from "./metadata.js";

/**
 * response-* query parameters "override values of a subset of the headers that Amazon S3
 * accepts" in the reply to a signed GetObject (GetObject, "Overriding response header values").
 */
const OVERRIDES: Readonly<Record<string, string>> = {
  "response-cache-control": "Cache-Control",
  "response-content-disposition": "Content-Disposition",
  "response-content-encoding": "Content-Encoding",
  "response-content-language": "Content-Language",
  "response-content-type": "Content-Type",
  "response-expires": "Expires",
};

/** What an HTTP/1.1 header value may hold (RFC 9110, section 5.5): no control characters. */
const LATIN1 = /^[\t\x20-\x7e\x80-\xff]*$/;

export interface DescribeOptions {
  range: ByteRange | undefined;
  query: URLSearchParams;
  /** x-amz-checksum-mode: ENABLED asks for the object's checksum. */
  checksumMode: boolean;
}

export function objectHeaders(record: ObjectRecord, options: DescribeOptions): Headers {
  const { range } = options;
  const headers: Headers = {
    "Accept-Ranges": "bytes",
    "Last-Modified": httpDate(record.lastModified),
    ETag: record.etag,
    "Content-Type": record.contentType,
    "Content-Length": range === undefined ? record.size : range.end - range.start + 1,
    ...record.headers,
    ...SERVER_SIDE_ENCRYPTION,
    ...metadataHeaders(record.metadata),
  };
  // "x-amz-tagging-count: The number of tags, if any, on the object" (GetObject, HeadObject).
  const tagCount = Object.keys(record.tags ?? {}).length;
  if (tagCount > 0) headers["x-amz-tagging-count"] = tagCount;
  if (range !== undefined) {
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${record.size}`;
  }

  // A checksum describes the whole object, so a ranged reply carries none: the SDKs would check
  // it against the part they received.
  if (options.checksumMode && range === undefined) {
    Object.assign(headers, checksumHeaders(record.checksums));
  }

  for (const [parameter, header] of Object.entries(OVERRIDES)) {
    const value = options.query.get(parameter);
    if (value === null) continue;
    if (!LATIN1.test(value)) {
      throw new AwsError(
        "InvalidArgument",
        "Header value cannot be represented using ISO-8859-1.",
        {
          fields: { ArgumentName: header, ArgumentValue: value },
        },
      );
    }
    headers[header] = value;
  }
  return headers;
}
