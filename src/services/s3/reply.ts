// Writing S3 replies: an XML document, or a status with headers and no body.
import type { ServerResponse } from "node:http";
import { toXml } from "../../server/xml.js";
import { S3_XMLNS } from "./constants.js";

export type Headers = Record<string, string | number>;

/** A REST-XML document in S3's namespace. */
export function sendXml(
  res: ServerResponse,
  root: string,
  body: Record<string, unknown>,
  status = 200,
  headers: Headers = {},
): void {
  const text = toXml(root, { "@_xmlns": S3_XMLNS, ...body });
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/xml",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** No body; a 204 carries no Content-Length at all (RFC 9110, section 8.6). */
export function sendEmpty(res: ServerResponse, status: number, headers: Headers = {}): void {
  res.writeHead(status, status === 204 ? headers : { "Content-Length": 0, ...headers });
  res.end();
}

/** S3 writes times in XML as ISO 8601 with milliseconds: 2026-12-03T16:41:39.000Z. */
export const isoDate = (epochMs: number): string => new Date(epochMs).toISOString();

/** And in headers as an HTTP-date (RFC 9110, section 5.6.7): Thu, 03 Dec 2026 16:41:39 GMT. */
