// A bucket's permission settings: its bucket policy and its Block Public Access configuration.
// Both live on the bucket's record, so the read that finds a bucket for a request also brings
// what authorizes it, and both go when the bucket goes.
import type { Store } from "../store/store.js";
import type { Buckets } from "./buckets.js";
import type { BucketRecord, PublicAccessBlock } from "./types.js";

/**
 * "By default, new buckets, access points, and objects don't allow public access" (Amazon S3
 * User Guide, "Blocking public access to your Amazon S3 storage"): since April 2023 S3 turns all
 * four settings on for every new bucket, until its owner changes them.
 */
export const BLOCK_ALL_PUBLIC_ACCESS: Readonly<PublicAccessBlock> = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export class BucketSettings {
  constructor(
    private readonly store: Store,
    private readonly buckets: Buckets,
  ) {}

  /**
   * Stores a policy already validated, with the unique IDs of the users and roles it names;
   * check sees the bucket as it is inside the change.
   */
  putPolicy(
    name: string,
    policy: string,
    principalIds: Record<string, string>,
    check?: (bucket: BucketRecord) => void,
  ): Promise<void> {
    return this.change(name, (bucket) => {
      check?.(bucket);
      return { ...bucket, policy, policyPrincipalIds: principalIds };
    });
  }

  deletePolicy(name: string): Promise<void> {
    return this.change(name, ({ policy: _policy, policyPrincipalIds: _ids, ...bucket }) => bucket);
  }

  putPublicAccessBlock(name: string, settings: PublicAccessBlock): Promise<void> {
    return this.change(name, (bucket) => ({ ...bucket, publicAccessBlock: { ...settings } }));
  }

  deletePublicAccessBlock(name: string): Promise<void> {
    return this.change(name, ({ publicAccessBlock: _removed, ...bucket }) => bucket);
  }

  private change(name: string, update: (bucket: BucketRecord) => BucketRecord): Promise<void> {
    return this.store.transaction(async () => {
      const bucket = await this.buckets.get(name);
      await this.store.put("bucket", name, bucket.account, update(bucket));
    });
  }
}
