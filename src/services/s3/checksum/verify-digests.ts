// What a finished body is checked against before it is kept: Content-MD5 (RFC 1864) and the one
// additional checksum the request sent, in a header or a trailer (Amazon S3 User Guide,
// "Checking object integrity"). PutObject and UploadPart check alike.
import { AwsError } from "../../../errors/aws-error.js";
import { wireName } from "./algorithms.js";
import { type DeclaredChecksum, trailerValue } from "./declared.js";
import type { DigestStream } from "./digest-stream.js";

export interface VerifiedDigests {
  md5: Buffer;
  /** The checksum computed in the digest's algorithm, base64; undefined when it has none. */
  checksum: string | undefined;
}

/**
 * True when the declared checksum arrives in the trailer of an aws-chunked body: the body itself
 * (src/server/body.ts) then computes and checks it as it ends, before a handler sees the end, so
 * the handler's digest need not compute it again.
 */
export function checkedByBody(
  declared: DeclaredChecksum | undefined,
  contentSha256: string | undefined,
): boolean {
  return declared?.trailer !== undefined && contentSha256?.startsWith("STREAMING-") === true;
}

/**
 * Runs once the body has ended; throws BadDigest for a value that does not match. With
 * `byBody` (see checkedByBody) the checksum is the trailer's value, already checked.
 */
export function verifyDigests(
  digest: DigestStream,
  md5: string | undefined,
  declared: DeclaredChecksum | undefined,
  trailers: ReadonlyMap<string, string>,
  byBody = false,
): VerifiedDigests {
  const computed = digest.digests();
  if (md5 !== undefined && md5 !== computed.md5.toString("base64")) {
    throw new AwsError("BadDigest", undefined, {
      fields: {
        ExpectedDigest: Buffer.from(md5, "base64").toString("hex"),
        CalculatedDigest: computed.md5.toString("hex"),
      },
    });
  }
  if (byBody && declared !== undefined) {
    return { md5: computed.md5, checksum: trailerValue(declared, trailers) };
  }

  if (declared !== undefined && computed.checksum !== undefined) {
    const expected = trailerValue(declared, trailers);
    if (expected !== undefined && expected !== computed.checksum) {
      throw new AwsError(
        "BadDigest",
        `The ${wireName(declared.algorithm)} you specified did not match the calculated checksum.`,
      );
    }
  }
  return computed;
}

/**
 * "The ETag reflects changes only to the contents of an object": for bytes sent in one request
 * it is their hex MD5, quoted (Amazon S3 API Reference, "Object" data type, ETag).
 */
export const md5Etag = (md5: Buffer): string => `"${md5.toString("hex")}"`;
