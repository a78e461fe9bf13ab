// Wire names of the S3 REST-XML protocol, written once.

/** The namespace of every S3 response document (Amazon S3 API Reference, "Common elements"). */
export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

/** "Amazon S3 stores the value of this header in the object metadata" under this prefix. */
export const USER_METADATA_PREFIX = "x-amz-meta-";

/** The content type S3 gives an object uploaded without one. */
export const DEFAULT_CONTENT_TYPE = "binary/octet-stream";

/** "The maximum length of a key name is 1,024 bytes" (Amazon S3 User Guide, "Naming objects"). */
export const MAX_KEY_BYTES = 1024;

/** PutObject can "upload a single object up to 5 GB" (Amazon S3 User Guide, "Uploading"). */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;

/** "The PUT request header is limited to 8 KB ... user-defined metadata is limited to 2 KB." */
export const MAX_USER_METADATA_BYTES = 2 * 1024;

/** ListObjects and ListObjectsV2 "return up to 1,000" keys per page, the default max-keys. */
export const MAX_KEYS = 1000;

/** A storage class every stored object has here; keyless keeps no other. */
export const STORAGE_CLASS = "STANDARD";

/**
 * "Amazon S3 now applies server-side encryption with Amazon S3 managed keys (SSE-S3) as the base
 * level of encryption for every bucket" (since January 2023), and says so on every object.
 */
export const SERVER_SIDE_ENCRYPTION = { "x-amz-server-side-encryption": "AES256" } as const;

/** The checksum type of a checksum over the whole object, as opposed to a composite of parts. */
export const FULL_OBJECT = "FULL_OBJECT";

/** The checksum type of a multipart object's checksum of its parts' checksums. */
export const COMPOSITE = "COMPOSITE";

/** "Part numbers can be any number from 1 to 10,000" (Amazon S3 User Guide, multipart upload). */
export const MAX_PART_NUMBER = 10_000;

/** Every part but the last is at least 5 MiB (Amazon S3 User Guide, "Multipart upload limits"). */
export const MIN_PART_BYTES = 5 * 1024 ** 2;

/** ListParts and ListMultipartUploads return at most 1,000 entries a page. */
export const MAX_LIST_ENTRIES = 1000;
