// A bucket's tag set (Amazon S3 API Reference, PutBucketTagging), kept apart from the bucket's
// record and removed with the bucket.
import type { Store } from "../store/store.js";
import type { Buckets } from "./buckets.js";

export class BucketTags {
  constructor(
    private readonly store: Store,
    private readonly buckets: Buckets,
  ) {}

  /** The bucket's tags; undefined when it has none. */
  get(bucket: string): Promise<Record<string, string> | undefined> {
    return this.store.get<Record<string, string>>("bucketTags", bucket);
  }

  /** Replaces the whole tag set, as PutBucketTagging does. */
  put(bucket: string, tags: Record<string, string>): Promise<void> {
    return this.store.transaction(async () => {
      await this.buckets.get(bucket);
      await this.store.put("bucketTags", bucket, bucket, tags);
    });
  }

  async delete(bucket: string): Promise<void> {
    await this.store.delete("bucketTags", bucket);
  }
}
