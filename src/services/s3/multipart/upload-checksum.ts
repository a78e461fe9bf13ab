// The checksum a multipart upload is made with: x-amz-checksum-algorithm, and
// x-amz-checksum-type, COMPOSITE (a checksum of the parts' checksums) or FULL_OBJECT (a checksum
// of the whole object). "Amazon S3 supports ... full object checksums for CRC-based algorithms"
// only, and composite ones for every algorithm but CRC64NVME, which is full-object by default
// (Amazon S3 User Guide, "Checking object integrity", "Using part-level checksums for multipart
// uploads").
import { AwsError } from "../../../errors/aws-error.js";
import type { UploadRecord } from "../../../model/types.js";
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  parseAlgorithm,
  wireName,
} from "../checksum/algorithms.js";
import type { DeclaredChecksum } from "../checksum/declared.js";
import { COMPOSITE, FULL_OBJECT } from "../constants.js";

type Header = (name: string) => string | undefined;
type UploadChecksum = Pick<UploadRecord, "checksumAlgorithm" | "checksumType">;

const COMPOSITE_ALGORITHMS: ReadonlySet<string> = new Set(["crc32", "crc32c", "sha1", "sha256"]);
const FULL_OBJECT_ALGORITHMS: ReadonlySet<string> = new Set(["crc32", "crc32c", "crc64nvme"]);

function invalid(message: string): AwsError {
  return new AwsError("InvalidRequest", message);
}

export function uploadChecksum(header: Header): UploadChecksum {
  const named = header("x-amz-checksum-algorithm");
  const typeText = header("x-amz-checksum-type")?.trim().toUpperCase();
  if (named === undefined) {
    if (typeText !== undefined) {
      throw invalid(
        "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.",
      );
    }
    return {};
  }

  const algorithm = parseAlgorithm(named);
  if (algorithm === undefined) {
    const valid = CHECKSUM_ALGORITHMS.map(wireName).join(", ");
    throw invalid(
      "Checksum algorithm provided is unsupported. Please try again with any of the valid " +
        `types: [${valid}]`,
    );
  }
  if (typeText !== undefined && typeText !== COMPOSITE && typeText !== FULL_OBJECT) {
    throw invalid("Value for x-amz-checksum-type header is invalid.");
  }
  const type = typeText ?? (COMPOSITE_ALGORITHMS.has(algorithm) ? COMPOSITE : FULL_OBJECT);
  const allowed = type === COMPOSITE ? COMPOSITE_ALGORITHMS : FULL_OBJECT_ALGORITHMS;
  if (!allowed.has(algorithm)) {
    throw invalid(
      `The ${type} checksum type cannot be used with the ${algorithm} checksum algorithm.`,
    );
  }
  return { checksumAlgorithm: wireName(algorithm), checksumType: type };
}

/** The algorithm an upload's parts are checksummed with, if it has one. */
export const uploadAlgorithm = (upload: UploadRecord): ChecksumAlgorithm | undefined =>
  upload.checksumAlgorithm === undefined ? undefined : parseAlgorithm(upload.checksumAlgorithm);

/**
 * The algorithm a part is hashed with: the upload's, which a part may not contradict, else the
 * one the part's request names (verified, but not kept: the object will have no checksum).
 */
export function partAlgorithm(
  upload: UploadRecord,
  declared: DeclaredChecksum | undefined,
): ChecksumAlgorithm | undefined {
  const expected = uploadAlgorithm(upload);
  if (expected !== undefined && declared !== undefined && declared.algorithm !== expected) {
    throw invalid(
      `Checksum Type mismatch occurred, expected checksum Type: ${expected}, actual checksum ` +
        `Type: ${declared.algorithm}`,
    );
  }
  return expected ?? declared?.algorithm;
}
