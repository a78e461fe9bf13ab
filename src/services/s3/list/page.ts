// One page of a listing: keys under a prefix after a marker, with the keys that share a
// common prefix up to the delimiter rolled into one CommonPrefixes entry. max-keys counts keys
// and common prefixes together (Amazon S3 API Reference, ListObjectsV2). The store is read in
// batches, and a common prefix is skipped past in one step rather than read key by key.
import type { ObjectRecord } from "../../../model/types.js";
import { MAX_KEYS } from "../constants.js";
import { maxUtf8, pastPrefix } from "./utf8-order.js";

/** Rows read right after jumping past a common prefix. */
const JUMP_BATCH = 8;

export interface PageRequest {
  prefix: string;
  /** "" when the request has none. */
  delimiter: string;
  /** Start after this key (start-after, marker, or a continuation token); "" for the start. */
  after: string;
  maxKeys: number;
}

export interface Page {
  contents: ObjectRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix on the page: the next page starts after it. */
  last: string | undefined;
}

/** Reads up to `limit` records after a key, in UTF-8 order, under the request's prefix. */
export type ReadKeys = (after: string, limit: number) => Promise<ObjectRecord[]>;

/** The common prefix a key rolls up into, if the delimiter occurs after the prefix. */
export function commonPrefixOf(key: string, prefix: string, delimiter: string): string | undefined {
  if (delimiter === "" || !key.startsWith(prefix)) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at === -1 ? undefined : key.slice(0, at + delimiter.length);
}

export async function listPage(read: ReadKeys, request: PageRequest): Promise<Page> {
  const page: Page = { contents: [], commonPrefixes: [], isTruncated: false, last: undefined };
  if (request.maxKeys === 0) return page;
  const { prefix, delimiter } = request;

  // A marker that is itself a common prefix (a NextMarker or token of an earlier page) resumes
  // past every key under it, or the same prefix would be returned again.
  const resumed = commonPrefixOf(request.after, prefix, delimiter);
  let group = resumed === request.after ? resumed : undefined;
  let cursor = group === undefined ? request.after : maxUtf8(request.after, pastPrefix(group));
  let count = 0;
  // After a jump past a common prefix, the next rows are read a few at a time (the next key
  // may open another group, jumped past in turn); a run of plain keys doubles the batch.
  let batchSize = MAX_KEYS;

  for (;;) {
    const limit = Math.min(batchSize, request.maxKeys - count + 1);
    const batch = await read(cursor, limit);
    let jumped = false;
    for (const record of batch) {
      const shared = commonPrefixOf(record.key, prefix, delimiter);
      if (shared !== undefined && shared === group) continue;
      if (count === request.maxKeys) {
        page.isTruncated = true;
        return page;
      }
      if (shared === undefined) page.contents.push(record);
      else page.commonPrefixes.push(shared);
      group = shared;
      page.last = shared ?? record.key;
      count++;
      if (shared !== undefined) {
        cursor = maxUtf8(record.key, pastPrefix(shared));
        jumped = true;
        break;
      }
    }
    if (jumped) {
      batchSize = JUMP_BATCH;
      continue;
    }
    const lastRead = batch.at(-1);
    if (lastRead === undefined || batch.length < limit) return page;
    batchSize = Math.min(MAX_KEYS, batchSize * 2);
    cursor =
      group !== undefined && lastRead.key.startsWith(group)
        ? maxUtf8(lastRead.key, pastPrefix(group))
        : lastRead.key;
  }
}
