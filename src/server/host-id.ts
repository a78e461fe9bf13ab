// S3's x-amz-id-2: 24 random bytes in base64. They are cut from a pool filled 512 ids at a time,
// as node's randomUUID does, because one getrandom call per request cost more than the rest of
// a small GetObject's ids together (bench/presigned-get.ts).
import { randomBytes } from "node:crypto";

const ID_BYTES = 24;
const POOL_BYTES = ID_BYTES * 512;

let pool = Buffer.alloc(0);
let offset = 0;

export function newHostId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const id = pool.toString("base64", offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}
