// What a request says about the object it makes besides its bytes: the content type, user
// metadata, the system headers S3 keeps and returns, and tags. PutObject, CreateMultipartUpload
// and CopyObject with the REPLACE directive read them alike (Amazon S3 API Reference, PutObject).
import type { ObjectRecord } from "../../../model/types.js";
import { refuseObjectAcl } from "../acl-headers.js";
import type { S3Call } from "../call.js";
import { DEFAULT_CONTENT_TYPE } from "../constants.js";
import { checkEncryption } from "../encryption-headers.js";
import { taggingHeader } from "../tagging/tagging-header.js";
import { userMetadata } from "./metadata.js";
import { refuseUnsupportedStorage } from "./storage-headers.js";

export type ObjectAttributes = Pick<ObjectRecord, "contentType" | "metadata" | "headers" | "tags">;

/** Stored as sent and returned on GetObject and HeadObject, by these names. */
const SYSTEM_HEADERS = [
  "Cache-Control",
  "Content-Disposition",
  "Content-Encoding",
  "Content-Language",
  "Expires",
] as const;

/**
 * "aws-chunked" in Content-Encoding describes how the request body was framed, not the object,
 * so it is not kept; any coding listed with it is (Amazon S3 API Reference, "Signature
 * Calculations for the Authorization Header: Transferring Payload in Multiple Chunks").
 */
function contentEncoding(value: string): string | undefined {
  const codings = value
    .split(",")
    .map((coding) => coding.trim())
    .filter((coding) => coding !== "" && coding.toLowerCase() !== "aws-chunked");
  return codings.length === 0 ? undefined : codings.join(",");
}

export function systemHeaders(header: (name: string) => string | undefined) {
  const headers: Record<string, string> = {};
  for (const name of SYSTEM_HEADERS) {
    const sent = header(name.toLowerCase());
    const value = sent !== undefined && name === "Content-Encoding" ? contentEncoding(sent) : sent;
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

export function objectAttributes(call: S3Call): ObjectAttributes {
  const headers = systemHeaders(call.header);
  const tags = taggingHeader(call.header);
  return {
    contentType: call.header("content-type") ?? DEFAULT_CONTENT_TYPE,
    metadata: userMetadata(call.headers),
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
    ...(tags === undefined ? {} : { tags }),
  };
}

/**
 * The ACL, server-side encryption and storage a write asks for, refused where keyless cannot
 * give them (acl-headers.ts, encryption-headers.ts, storage-headers.ts), before anything is read
 * or stored.
 */
export function refuseUnsupportedWrite(call: S3Call, bucketAccount: string): void {
  refuseObjectAcl(call, bucketAccount);
  checkEncryption(call);
  refuseUnsupportedStorage(call);
}
