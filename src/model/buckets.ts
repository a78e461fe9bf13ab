import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import { BLOCK_ALL_PUBLIC_ACCESS } from "./bucket-settings.js";
import { removeUploads } from "./multipart-uploads.js";
import type { BucketRecord } from "./types.js";

/** Bucket names are global across accounts, as on AWS. */
export class Buckets {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly blobs: BlobStore,
  ) {}

  create(account: string, name: string, region: string): Promise<BucketRecord> {
    return this.store.transaction(async () => {
      const existing = await this.find(name);
      if (existing) {
        throw existing.account === account
          ? new AwsError("BucketAlreadyOwnedByYou", undefined, { fields: { BucketName: name } })
          : new AwsError("BucketAlreadyExists", undefined, { fields: { BucketName: name } });
      }
      const bucket: BucketRecord = {
        name,
        account,
        region,
        createDate: this.clock.now(),
        publicAccessBlock: { ...BLOCK_ALL_PUBLIC_ACCESS },
      };
      await this.store.put("bucket", name, account, bucket);
      return bucket;
    });
  }

  find(name: string): Promise<BucketRecord | undefined> {
    return this.store.get<BucketRecord>("bucket", name);
  }

  async get(name: string): Promise<BucketRecord> {
    const bucket = await this.find(name);
    if (!bucket) throw new AwsError("NoSuchBucket", undefined, { fields: { BucketName: name } });
    return bucket;
  }

  list(account: string): Promise<BucketRecord[]> {
    return this.store.list<BucketRecord>("bucket", account);
  }

  /**
   * Only an empty bucket goes. Multipart uploads in progress do not keep it: they go with it, as
   * on S3, and so does its tag set.
   */
  async delete(name: string): Promise<void> {
    const partBlobs = await this.store.transaction(async () => {
      await this.get(name);
      const objects = await this.store.list("object", name, { limit: 1 });
      if (objects.length > 0) {
        throw new AwsError("BucketNotEmpty", undefined, { fields: { BucketName: name } });
      }
      await this.store.delete("bucketTags", name);
      await this.store.delete("bucket", name);
      return removeUploads(this.store, name);
    });
    for (const blobId of partBlobs) await this.blobs.delete(blobId);
  }
}
