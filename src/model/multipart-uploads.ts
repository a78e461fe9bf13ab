// Multipart uploads (Amazon S3 User Guide, "Uploading and copying objects using multipart
// upload"). An upload and its parts are records of their own, never objects: no listing shows
// them and no GetObject finds them. Each part's bytes are a blob. Completing an upload streams
// the chosen parts, in order, into one new blob, which becomes the object in the transaction
// that removes the upload; the parts' blobs go after that, so a failure midway leaves either the
// upload or the object, never half of each.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import type { Buckets } from "./buckets.js";
import type { NewObject, Objects, UploadDigest } from "./objects.js";
import type { ObjectRecord, PartRecord, UploadRecord } from "./types.js";

export type NewUpload = Omit<UploadRecord, "uploadId" | "initiated">;

/** What a finished part upload computed about its bytes, checked before the part is kept. */
export interface PartDigest {
  etag: string;
  checksum: string | undefined;
}

/** Part numbers run from 1 to 10,000; padding them keeps the store's order numeric. */
const partId = (uploadId: string, partNumber: number): string =>
  `${uploadId}/${String(partNumber).padStart(5, "0")}`;

/** Upload ids are opaque; S3's are long URL-safe strings, and so are these. */
const newUploadId = (): string => randomBytes(36).toString("base64url");

export function noSuchUpload(uploadId: string): AwsError {
  return new AwsError("NoSuchUpload", undefined, { fields: { UploadId: uploadId } });
}

export class MultipartUploads {
  constructor(
    private readonly store: Store,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly buckets: Buckets,
    private readonly objects: Objects,
  ) {}

  async create(input: NewUpload): Promise<UploadRecord> {
    await this.buckets.get(input.bucket);
    const record: UploadRecord = { ...input, uploadId: newUploadId(), initiated: this.clock.now() };
    await this.store.put("upload", record.uploadId, input.bucket, record);
    return record;
  }

  /** The upload, when it is in progress for that bucket and key; NoSuchUpload otherwise. */
  async get(bucket: string, key: string, uploadId: string): Promise<UploadRecord> {
    const record = await this.store.get<UploadRecord>("upload", uploadId);
    if (!record || record.bucket !== bucket || record.key !== key) throw noSuchUpload(uploadId);
    return record;
  }

  /** Every upload in progress in a bucket, in no particular order. */
  list(bucket: string): Promise<UploadRecord[]> {
    return this.store.list<UploadRecord>("upload", bucket);
  }

  /** Parts in number order, after part number `after`. */
  parts(uploadId: string, options: { after?: number; limit?: number } = {}): Promise<PartRecord[]> {
    const after = options.after ?? 0;
    return this.store.list<PartRecord>("part", uploadId, {
      ...(after > 0 ? { after: partId(uploadId, after) } : {}),
      ...(options.limit === undefined ? {} : { limit: options.limit }),
    });
  }

  /**
   * Streams body into a new blob and keeps it as the part, replacing one uploaded earlier under
   * the same number. If the body fails, finish() rejects the digest or the upload ends meanwhile,
   * nothing is kept.
   */
  async putPart(
    upload: UploadRecord,
    partNumber: number,
    body: Readable,
    finish: () => PartDigest,
  ): Promise<PartRecord> {
    const blob = await this.blobs.write(body);
    let digest: PartDigest;
    try {
      digest = finish();
    } catch (error) {
      await this.blobs.delete(blob.id);
      throw error;
    }
    const part: PartRecord = {
      uploadId: upload.uploadId,
      partNumber,
      blobId: blob.id,
      size: blob.size,
      etag: digest.etag,
      lastModified: this.clock.now(),
      ...(digest.checksum === undefined ? {} : { checksum: digest.checksum }),
    };
    const id = partId(upload.uploadId, partNumber);
    const replaced = await this.store
      .transaction(async () => {
        await this.get(upload.bucket, upload.key, upload.uploadId);
        const old = await this.store.get<PartRecord>("part", id);
        await this.store.put("part", id, upload.uploadId, part);
        return old;
      })
      .catch(async (error: unknown) => {
        await this.blobs.delete(blob.id);
        throw error;
      });
    if (replaced) await this.blobs.delete(replaced.blobId);
    return part;
  }

  /** The chosen parts' bytes, one after the other, read as they are sent on. */
  read(parts: readonly PartRecord[]): Readable {
    const blobs = this.blobs;
    return Readable.from(
      (async function* partBytes() {
        for (const part of parts) yield* blobs.read(part.blobId);
      })(),
      { objectMode: false },
    );
  }

  /**
   * Makes body (the chosen parts, as read() gives them) the object, and removes the upload with
   * every part, chosen or not, in the same transaction. A part replaced or an upload ended while
   * the bytes were copied fails the completion and keeps nothing of it.
   */
  async complete(
    upload: UploadRecord,
    chosen: readonly PartRecord[],
    input: NewObject,
    body: Readable,
    finish: () => UploadDigest,
    precondition?: (current: ObjectRecord | undefined) => void,
  ): Promise<ObjectRecord> {
    let removed: PartRecord[] = [];
    const invalidPart = () =>
      new AwsError("InvalidPart", undefined, { fields: { UploadId: upload.uploadId } });
    const record = await this.objects
      .put(input, body, finish, precondition, async () => {
        await this.get(upload.bucket, upload.key, upload.uploadId);
        const current = new Map(
          (await this.parts(upload.uploadId)).map((part) => [part.partNumber, part.blobId]),
        );
        if (chosen.some((part) => current.get(part.partNumber) !== part.blobId)) {
          throw invalidPart();
        }
        removed = await dropUpload(this.store, upload.uploadId);
      })
      .catch(async (error: unknown) => {
        // A part's bytes went while they were being copied: an UploadPart replaced the part, or
        // the upload was aborted. The client is told which, as if it had asked a moment later.
        if ((error as { code?: unknown }).code !== "ENOENT") throw error;
        await this.get(upload.bucket, upload.key, upload.uploadId);
        throw invalidPart();
      });
    for (const part of removed) await this.blobs.delete(part.blobId);
    return record;
  }

  /** Removes the upload and its parts; NoSuchUpload when it has already ended. */
  async abort(upload: UploadRecord): Promise<void> {
    const parts = await this.store.transaction(async () => {
      await this.get(upload.bucket, upload.key, upload.uploadId);
      return dropUpload(this.store, upload.uploadId);
    });
    for (const part of parts) await this.blobs.delete(part.blobId);
  }
}

/**
 * Deletes an upload's record and its parts' records, inside the caller's transaction, and
 * returns the parts: their blobs are the caller's to delete once that transaction has committed.
 */
async function dropUpload(store: Store, uploadId: string): Promise<PartRecord[]> {
  const parts = await store.list<PartRecord>("part", uploadId);
  for (const part of parts) await store.delete("part", partId(uploadId, part.partNumber));
  await store.delete("upload", uploadId);
  return parts;
}

/** dropUpload for every upload of a bucket that is being deleted; returns the parts' blobs. */
export async function removeUploads(store: Store, bucket: string): Promise<string[]> {
  const blobIds: string[] = [];
  for (const upload of await store.list<UploadRecord>("upload", bucket)) {
    for (const part of await dropUpload(store, upload.uploadId)) blobIds.push(part.blobId);
  }
  return blobIds;
}
