// Bucket policies ready for evaluation: compiled once per bucket and kept until the stored text
// or the unique IDs it was put with change, with what Block Public Access needs to know of them
// beside.

import type { BucketRecord } from "../../../model/types.js";
import type { AttachedPolicy, ParsedPolicy } from "../../../policy/index.js";
import { compilePolicy, parsePolicy, withPrincipalIds } from "../../../policy/index.js";
import { isPublicPolicy } from "./public-policy.js";

export interface CompiledBucketPolicy {
  policy: AttachedPolicy;
  /**
   * The policy's Deny statements alone: what still applies to a caller from outside the
   * bucket owner's account once RestrictPublicBuckets sets its Allow statements aside.
   */
  denies: AttachedPolicy;
  /** Public as Block Public Access defines it (public-policy.ts). */
  isPublic: boolean;
}

interface Entry {
  text: string;
  /** The policy's principal IDs as JSON: the same text put again may bind other IDs. */
  ids: string;
  compiled: CompiledBucketPolicy;
}

// By bucket name; an entry counts only while the bucket's stored policy is the one it was made
// from, so a change (made here or by another keyless sharing the database) replaces it.
const cache = new Map<string, Entry>();
const CACHE_LIMIT = 10_000;

/** The bucket's policy, compiled, or undefined when it has none. */
export function bucketPolicy(bucket: BucketRecord): CompiledBucketPolicy | undefined {
  const text = bucket.policy;
  if (text === undefined) return undefined;
  const ids = JSON.stringify(bucket.policyPrincipalIds ?? {});
  const cached = cache.get(bucket.name);
  if (cached?.text === text && cached.ids === ids) return cached.compiled;

  // The text was validated when it was put; one that no longer parses allows nothing.
  const parsed = parsePolicy(text, "resource");
  const document: ParsedPolicy = parsed.ok
    ? withPrincipalIds(parsed.policy, bucket.policyPrincipalIds ?? {})
    : { kind: "resource", version: undefined, statements: [], hash: "unparsable" };
  const compiled = compileBucketPolicy(bucket.name, document);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(bucket.name, { text, ids, compiled });
  return compiled;
}

export function compileBucketPolicy(bucket: string, document: ParsedPolicy): CompiledBucketPolicy {
  const source = { type: "Resource Policy" as const, id: bucket };
  const denies: ParsedPolicy = {
    ...document,
    statements: document.statements.filter((statement) => statement.effect === "Deny"),
    // Its own compile-cache key: the same document with fewer statements.
    hash: `${document.hash}:denies`,
  };
  return {
    policy: { source, policy: compilePolicy(document) },
    denies: { source, policy: compilePolicy(denies) },
    isPublic: isPublicPolicy(document),
  };
}
