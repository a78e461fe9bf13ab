// S3 lists keys "in UTF-8 binary order" (Amazon S3 API Reference, ListObjectsV2), which is not
// JavaScript's UTF-16 order once a key holds characters beyond U+FFFF.

export const compareUtf8 = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/** The greatest of two keys in UTF-8 order. */
export const maxUtf8 = (a: string, b: string): string => (compareUtf8(a, b) >= 0 ? a : b);

/** Sorts after every key that starts with a prefix, bar keys holding U+10FFFF right after it. */
export const pastPrefix = (prefix: string): string => `${prefix}\u{10FFFF}`;
