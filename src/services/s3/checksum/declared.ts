// What integrity checks a PutObject asks for: Content-MD5 (RFC 1864), and at most one additional
// checksum, sent in an x-amz-checksum-* header, announced in x-amz-trailer to follow an
// aws-chunked body, or only named in x-amz-sdk-checksum-algorithm for S3 to compute
// (Amazon S3 API Reference, PutObject; Amazon S3 User Guide, "Checking object integrity").
import { AwsError } from "../../../errors/aws-error.js";
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  checksumHeader,
  DIGEST_BYTES,
  parseAlgorithm,
} from "./algorithms.js";

export interface DeclaredChecksum {
  algorithm: ChecksumAlgorithm;
  /** The value from the x-amz-checksum-* header; absent when a trailer brings it, or nothing. */
  expected?: string;
  /** The trailer that brings the value after the body (x-amz-trailer). */
  trailer?: string;
}

type Header = (name: string) => string | undefined;

/** True when text is the canonical base64 of exactly `length` bytes. */
function isBase64Of(text: string, length: number): boolean {
  const bytes = Buffer.from(text, "base64");
  return bytes.length === length && bytes.toString("base64") === text;
}

/** The Content-MD5 header, checked for form: the base64 of 16 bytes, else InvalidDigest. */
export function declaredMd5(header: Header): string | undefined {
  const value = header("content-md5");
  if (value === undefined) return undefined;
  if (!isBase64Of(value.trim(), 16)) throw new AwsError("InvalidDigest");
  return value.trim();
}

function invalidHeader(name: string): AwsError {
  return new AwsError("InvalidRequest", `Value for ${name} header is invalid.`);
}

export function declaredChecksum(header: Header): DeclaredChecksum | undefined {
  const sent = CHECKSUM_ALGORITHMS.filter((a) => header(checksumHeader(a)) !== undefined);
  if (sent.length > 1) {
    throw new AwsError(
      "InvalidRequest",
      "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
    );
  }

  const named = header("x-amz-sdk-checksum-algorithm");
  const sdkAlgorithm = named === undefined ? undefined : parseAlgorithm(named);
  if (named !== undefined && sdkAlgorithm === undefined) {
    throw invalidHeader("x-amz-sdk-checksum-algorithm");
  }

  const [inHeader] = sent;
  if (inHeader !== undefined) {
    const value = (header(checksumHeader(inHeader)) ?? "").trim();
    if (!isBase64Of(value, DIGEST_BYTES[inHeader])) throw invalidHeader(checksumHeader(inHeader));
    if (sdkAlgorithm !== undefined && sdkAlgorithm !== inHeader) {
      throw invalidHeader("x-amz-sdk-checksum-algorithm");
    }
    return { algorithm: inHeader, expected: value };
  }

  const trailer = trailerChecksum(header("x-amz-trailer"));
  if (trailer !== undefined) return trailer;
  return sdkAlgorithm === undefined ? undefined : { algorithm: sdkAlgorithm };
}

/** x-amz-trailer: x-amz-checksum-crc32 announces the checksum at the end of the body. */
function trailerChecksum(trailer: string | undefined): DeclaredChecksum | undefined {
  if (trailer === undefined) return undefined;
  const name = trailer.trim().toLowerCase();
  const algorithm = CHECKSUM_ALGORITHMS.find((a) => checksumHeader(a) === name);
  if (algorithm === undefined) throw invalidHeader("x-amz-trailer");
  return { algorithm, trailer: name };
}

/** A trailing checksum, once the body has ended, checked for form like a header value. */
export function trailerValue(declared: DeclaredChecksum, trailers: ReadonlyMap<string, string>) {
  if (declared.trailer === undefined) return declared.expected;
  const value = trailers.get(declared.trailer)?.trim();
  if (value === undefined) return undefined;
  if (!isBase64Of(value, DIGEST_BYTES[declared.algorithm])) throw invalidHeader(declared.trailer);
  return value;
}
