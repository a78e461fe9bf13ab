// One error value, four wire forms. What a client sees is what AWS would send; the detail behind
// a signature mismatch goes to the debug log, never into these documents.
import { toXml } from "../server/xml.js";
import type { AwsError } from "./aws-error.js";

export interface Rendered {
  status: number;
  contentType: string;
  body: string;
}

const XML = "text/xml";

/** IAM and STS: the Query protocol's ErrorResponse. */
export function renderQueryError(error: AwsError, requestId: string, xmlns: string): Rendered {
  const body = toXml("ErrorResponse", {
    "@_xmlns": xmlns,
    Error: { Type: error.fault, Code: error.wireCode, Message: error.message },
    RequestId: requestId,
  });
  return { status: error.status, contentType: XML, body };
}

/** EC2: Response/Errors/Error with RequestID (capital D). */
export function renderEc2Error(error: AwsError, requestId: string): Rendered {
  const body = toXml("Response", {
    Errors: { Error: { Code: error.wireCode, Message: error.message } },
    RequestID: requestId,
  });
  return { status: error.status, contentType: XML, body };
}

/** S3: a bare Error element with the request's ids and any extra fields (BucketName, Key, …). */
export function renderS3Error(error: AwsError, requestId: string, hostId: string): Rendered {
  const body = toXml("Error", {
    Code: error.wireCode,
    Message: error.message,
    ...error.fields,
    RequestId: requestId,
    HostId: hostId,
  });
  return { status: error.status, contentType: "application/xml", body };
}
