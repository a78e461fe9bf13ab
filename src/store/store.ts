// The persistence contract. Every entity is a JSON record with a kind, an id unique within its
// kind, and a scope to list by (an account, a bucket, a user's policies). Only src/store/ knows
// which database is underneath; the interface is asynchronous and transactional so that a
// PostgreSQL backend fits behind it unchanged.

export type Kind =
  | "meta"
  | "account"
  | "user"
  | "accessKey"
  | "role"
  | "inlinePolicy"
  | "managedPolicy"
  | "policyAttachment"
  | "group"
  | "groupMembership"
  | "instanceProfile"
  | "instance"
  | "association"
  | "session"
  | "bucket"
  | "bucketTags"
  | "object"
  | "upload"
  | "part";

export interface ListOptions {
  /** Only ids starting with this text. */
  prefix?: string;
  /** Only ids sorting after this one (byte order of UTF-8, as S3 lists keys). */
  after?: string;
  limit?: number;
}

export interface Store {
  get<T>(kind: Kind, id: string): Promise<T | undefined>;
  /** Inserts or replaces. */
  put<T>(kind: Kind, id: string, scope: string, value: T): Promise<void>;
  /** Returns whether a record was there. */
  delete(kind: Kind, id: string): Promise<boolean>;
  /** Records of one scope, ordered by id. */
  list<T>(kind: Kind, scope: string, options?: ListOptions): Promise<T[]>;
  /** Records of every scope, ordered by id. */
  listAll<T>(kind: Kind): Promise<T[]>;
  /**
   * Runs fn with every change it makes applied together or not at all. Transactions run one at a
   * time; fn must only touch the store (no network, no blob writes) so that it stays short.
   */
  transaction<R>(fn: () => Promise<R>): Promise<R>;
  close(): Promise<void>;
}
