// S3's names for the additional checksums that src/checksums/ computes: the x-amz-checksum-*
// header of each, its digest length, and its wire name (CRC32, SHA256) as used in
// x-amz-sdk-checksum-algorithm and in listings' ChecksumAlgorithm
// (Amazon S3 User Guide, "Checking object integrity").
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from "../../../checksums/checksums.js";
import { COMPOSITE, FULL_OBJECT } from "../constants.js";

export type { ChecksumAlgorithm };
export { CHECKSUM_ALGORITHMS };

/** x-amz-checksum-crc32, x-amz-checksum-sha256, … */
export const checksumHeader = (algorithm: ChecksumAlgorithm): string =>
  `x-amz-checksum-${algorithm}`;

/** CRC32, CRC32C, SHA1, SHA256. */
export const wireName = (algorithm: ChecksumAlgorithm): string => algorithm.toUpperCase();

/** Digest lengths in bytes, to reject a malformed value before reading the body. */
export const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = {
  crc32: 4,
  crc32c: 4,
  crc64nvme: 8,
  sha1: 20,
  sha256: 32,
};

/** An algorithm by its wire name, in any case. */
export function parseAlgorithm(name: string): ChecksumAlgorithm | undefined {
  const lower = name.trim().toLowerCase();
  return CHECKSUM_ALGORITHMS.find((algorithm) => algorithm === lower);
}

/**
 * A multipart object's composite checksum, a checksum of its parts' checksums, is written with
 * the number of parts after a dash, "Zx8ZLg==-3" (Amazon S3 User Guide, "Checking object
 * integrity", "Using part-level checksums for multipart uploads").
 */
export const checksumTypeOf = (value: string): string =>
  /-\d+$/.test(value) ? COMPOSITE : FULL_OBJECT;

/** An object's stored checksums (keyed by wire name) as reply headers, with their type. */
export function checksumHeaders(checksums: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(checksums)) {
    const algorithm = parseAlgorithm(name);
    if (algorithm === undefined) continue;
    headers[checksumHeader(algorithm)] = value;
    headers["x-amz-checksum-type"] = checksumTypeOf(value);
  }
  return headers;
}

/** The same checksums as elements of an XML result: ChecksumCRC32, …, ChecksumType. */
export function checksumElements(checksums: Record<string, string>): Record<string, string> {
  const elements: Record<string, string> = {};
  for (const [name, value] of Object.entries(checksums)) {
    if (parseAlgorithm(name) === undefined) continue;
    elements[`Checksum${name}`] = value;
    elements.ChecksumType = checksumTypeOf(value);
  }
  return elements;
}
