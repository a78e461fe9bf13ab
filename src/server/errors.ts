// Turns whatever a request threw into the error document of its service.
import type { ServerResponse } from "node:http";
import { AwsError } from "../errors/aws-error.js";
import { renderEc2Error, renderQueryError, renderS3Error } from "../errors/render.js";
import { ChunkedBodyError } from "../sigv4/chunked-decoder.js";
import type { ServiceName } from "./context.js";
import { XMLNS } from "./query-protocol.js";

export function asAwsError(error: unknown): AwsError | undefined {
  if (error instanceof AwsError) return error;
  if (error instanceof ChunkedBodyError) {
    return error.kind === "signature"
      ? new AwsError("SignatureDoesNotMatch")
      : new AwsError("IncompleteBody", error.message);
  }
  return undefined;
}

export function sendError(
  res: ServerResponse,
  service: ServiceName,
  error: AwsError,
  ids: { requestId: string; hostId: string },
  bodiless = false,
): void {
  const rendered =
    service === "s3"
      ? renderS3Error(error, ids.requestId, ids.hostId)
      : service === "ec2"
        ? renderEc2Error(error, ids.requestId)
        : renderQueryError(error, ids.requestId, XMLNS[service]);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = rendered.status;
  res.setHeader("content-type", rendered.contentType);
  if (bodiless) {
    res.end();
    return;
  }
  res.setHeader("content-length", Buffer.byteLength(rendered.body));
  res.end(rendered.body);
}
