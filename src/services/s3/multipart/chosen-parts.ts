// Matching a CompleteMultipartUpload's list against the parts uploaded: each must exist with the
// ETag the list gives (else InvalidPart), every one but the last must hold at least 5 MiB (else
// EntityTooSmall), and an upload made with a composite checksum needs each part's checksum in
// the list, equal to the one S3 computed (Amazon S3 API Reference, CompleteMultipartUpload).
import { AwsError } from "../../../errors/aws-error.js";
import type { PartRecord, UploadRecord } from "../../../model/types.js";
import { COMPOSITE, MIN_PART_BYTES } from "../constants.js";
import type { CompletedPart } from "./complete-request.js";

const bare = (etag: string): string => etag.replace(/"/g, "").trim().toLowerCase();

function invalidPart(upload: UploadRecord, requested: CompletedPart): AwsError {
  return new AwsError("InvalidPart", undefined, {
    fields: {
      UploadId: upload.uploadId,
      PartNumber: String(requested.partNumber),
      ETag: requested.etag,
    },
  });
}

function checkChecksum(upload: UploadRecord, requested: CompletedPart, part: PartRecord): void {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === undefined) return;
  const given = requested.checksums[algorithm];
  if (given === undefined) {
    if (upload.checksumType !== COMPOSITE) return;
    throw new AwsError(
      "InvalidRequest",
      `The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request ` +
        "must include the checksum for each part. It was missing for part " +
        `${requested.partNumber} in the request.`,
    );
  }
  if (given !== part.checksum) throw invalidPart(upload, requested);
}

export function chooseParts(
  upload: UploadRecord,
  uploaded: ReadonlyMap<number, PartRecord>,
  requested: readonly CompletedPart[],
): PartRecord[] {
  const chosen = requested.map((entry) => {
    const part = uploaded.get(entry.partNumber);
    if (part === undefined || bare(part.etag) !== bare(entry.etag))
      throw invalidPart(upload, entry);
    checkChecksum(upload, entry, part);
    return part;
  });

  for (const [index, part] of chosen.slice(0, -1).entries()) {
    if (part.size < MIN_PART_BYTES) {
      throw new AwsError("EntityTooSmall", undefined, {
        fields: {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(MIN_PART_BYTES),
          PartNumber: String(part.partNumber),
          ETag: (requested[index] as CompletedPart).etag,
        },
      });
    }
  }
  return chosen;
}
