// The body of a bucket operation: a small XML document, read whole. S3 caps these documents
// well below this size; a larger body is not one of them.
import type { Readable } from "node:stream";
import { AwsError } from "../../errors/aws-error.js";

const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** Reads the body once; later calls get the same text. */
export function smallBodyReader(body: () => Readable): () => Promise<string> {
  let text: Promise<string> | undefined;
  return function readSmallBody() {
    text ??= readDocument(body());
    return text;
  };
}

/**
 * Strict: bytes that are not UTF-8 are refused rather than replaced, so the text is exactly the
 * bytes received and a Content-MD5 over it is the one the client computed.
 */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The whole body as text; MalformedXML past `limit` bytes or for bytes that are not UTF-8. */
export async function readDocument(body: Readable, limit = MAX_DOCUMENT_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += bytes.length;
    if (size > limit) throw new AwsError("MalformedXML");
    chunks.push(bytes);
  }
  try {
    return utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new AwsError("MalformedXML");
  }
}
