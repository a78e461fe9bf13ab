import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import type { BucketRecord } from "./types.js";

/** Bucket names are global across accounts, as on AWS. */
export class Buckets {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  create(account: string, name: string, region: string): Promise<BucketRecord> {
    return this.store.transaction(async () => {
      const existing = await this.find(name);
      if (existing) {
        throw existing.account === account
          ? new AwsError("BucketAlreadyOwnedByYou", undefined, { fields: { BucketName: name } })
          : new AwsError("BucketAlreadyExists", undefined, { fields: { BucketName: name } });
      }
      const bucket: BucketRecord = { name, account, region, createDate: this.clock.now() };
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

  delete(name: string): Promise<void> {
    return this.store.transaction(async () => {
      await this.get(name);
      const objects = await this.store.list("object", name, { limit: 1 });
      if (objects.length > 0) {
        throw new AwsError("BucketNotEmpty", undefined, { fields: { BucketName: name } });
      }
      await this.store.delete("bucket", name);
    });
  }
}
