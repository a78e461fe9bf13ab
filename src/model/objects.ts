import type { Readable } from "node:stream";
import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { BlobStore, ByteRange } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import type { Buckets } from "./buckets.js";
import { objectKey } from "./names.js";
import type { ObjectRecord } from "./types.js";

export type NewObject = Omit<ObjectRecord, "blobId" | "size" | "lastModified" | "etag">;

/** What a finished upload computed about its bytes, checked before the object becomes visible. */
export interface UploadDigest {
  etag: string;
  checksums: Record<string, string>;
}

export class Objects {
  constructor(
    private readonly store: Store,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly buckets: Buckets,
  ) {}

  /**
   * Streams body into a new blob, then makes it the object's bytes in one step. If the body
   * fails, or finish() rejects the digest, the blob is removed and the old object stays.
   * precondition() sees the object being replaced, inside the transaction that replaces it, and
   * may throw to keep it (S3's conditional writes: If-Match, If-None-Match). alsoCommit() runs in
   * that transaction too, for changes that must land with the object or not at all (completing a
   * multipart upload removes the upload).
   */
  async put(
    input: NewObject,
    body: Readable,
    finish: () => UploadDigest,
    precondition?: (current: ObjectRecord | undefined) => void,
    alsoCommit?: () => Promise<void>,
  ): Promise<ObjectRecord> {
    await this.buckets.get(input.bucket);
    const blob = await this.blobs.write(body);
    let digest: UploadDigest;
    try {
      digest = finish();
    } catch (error) {
      await this.blobs.delete(blob.id);
      throw error;
    }
    const record: ObjectRecord = {
      ...input,
      checksums: { ...input.checksums, ...digest.checksums },
      blobId: blob.id,
      size: blob.size,
      etag: digest.etag,
      lastModified: this.clock.now(),
    };
    const replaced = await this.store
      .transaction(async () => {
        await this.buckets.get(input.bucket);
        const old = await this.find(input.bucket, input.key);
        precondition?.(old);
        await alsoCommit?.();
        await this.store.put("object", objectKey(input.bucket, input.key), input.bucket, record);
        return old;
      })
      .catch(async (error: unknown) => {
        await this.blobs.delete(blob.id);
        throw error;
      });
    if (replaced) await this.blobs.delete(replaced.blobId);
    return record;
  }

  find(bucket: string, key: string): Promise<ObjectRecord | undefined> {
    return this.store.get<ObjectRecord>("object", objectKey(bucket, key));
  }

  async get(bucket: string, key: string): Promise<ObjectRecord> {
    const record = await this.find(bucket, key);
    if (!record) throw new AwsError("NoSuchKey", undefined, { fields: { Key: key } });
    return record;
  }

  /** Replaces an object's tags (none when undefined), leaving its bytes and ETag as they are. */
  setTags(bucket: string, key: string, tags: Record<string, string> | undefined): Promise<void> {
    return this.store.transaction(async () => {
      const { tags: _old, ...record } = await this.get(bucket, key);
      const updated: ObjectRecord = tags === undefined ? record : { ...record, tags };
      await this.store.put("object", objectKey(bucket, key), bucket, updated);
    });
  }

  read(record: ObjectRecord, range?: ByteRange): Readable {
    return this.blobs.read(record.blobId, range);
  }

  /** A small object's bytes at once (see BlobStore.bytes). */
  bytes(record: ObjectRecord): Promise<Buffer> {
    return this.blobs.bytes(record.blobId);
  }

  /** Keys of a bucket in UTF-8 byte order, starting after `after`, under `prefix`. */
  list(bucket: string, options: { prefix: string; after: string; limit: number }) {
    return this.store.list<ObjectRecord>("object", bucket, {
      prefix: objectKey(bucket, options.prefix),
      after: options.after ? objectKey(bucket, options.after) : "",
      limit: options.limit,
    });
  }

  async delete(bucket: string, key: string): Promise<void> {
    const record = await this.find(bucket, key);
    if (!record) return;
    await this.store.delete("object", objectKey(bucket, key));
    await this.blobs.delete(record.blobId);
  }
}
