// Requests node's HTTP parser refuses before any handler sees them. A header section over node's
// 16 KiB limit is answered as S3 answers an oversized one, 400 RequestHeaderSectionTooLarge with
// its XML error, instead of node's bodiless 431; the rest get the status node would send.
import { randomBytes } from "node:crypto";
import type { Duplex } from "node:stream";
import type { Clock } from "../clock/clock.js";
import { httpDate } from "../clock/time-text.js";
import { AwsError } from "../errors/aws-error.js";
import { renderS3Error } from "../errors/render.js";
import { newHostId } from "./host-id.js";

const NODE_STATUS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
};

export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, clock: Clock) {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const date = `Date: ${httpDate(clock.now())}\r\n`;
  if (error.code === "HPE_HEADER_OVERFLOW") {
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    const { body, contentType } = renderS3Error(
      new AwsError("RequestHeaderSectionTooLarge"),
      requestId,
      newHostId(),
    );
    socket.end(
      `HTTP/1.1 400 Bad Request\r\n${date}Content-Type: ${contentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nx-amz-request-id: ${requestId}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
    return;
  }
  const status = NODE_STATUS[error.code ?? ""] ?? "400 Bad Request";
  socket.end(`HTTP/1.1 ${status}\r\n${date}Connection: close\r\n\r\n`);
}
