// Large test files written and hashed in pieces, so that no test holds hundreds of MiB at once.
import { createHash, randomBytes } from "node:crypto";
import { closeSync, createReadStream, mkdtempSync, openSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";

const PIECE = 4 * 1024 * 1024;

export const MiB = 1024 * 1024;

/** A fresh directory under the system's temporary one. */
export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `keyless-${label}-`));

/** Writes `size` random bytes to path and returns their SHA-256, hex. */
export function writeRandomFile(path: string, size: number): string {
  const hash = createHash("sha256");
  const fd = openSync(path, "w");
  try {
    for (let written = 0; written < size; written += PIECE) {
      const piece = randomBytes(Math.min(PIECE, size - written));
      hash.update(piece);
      writeSync(fd, piece);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** The SHA-256 of a file or a stream of bytes, hex. */
export async function sha256Of(source: string | Readable | AsyncIterable<Uint8Array>) {
  const hash = createHash("sha256");
  const stream = typeof source === "string" ? createReadStream(source) : source;
  for await (const chunk of stream) hash.update(chunk as Uint8Array);
  return hash.digest("hex");
}

/**
 * `size` bytes made up as they are read, the same for every call with the same seed byte: a
 * body of any length that costs no memory and can be checked afterwards.
 */
export function patternStream(size: number, seed = 7): Readable {
  const block = Buffer.alloc(PIECE);
  for (let i = 0; i < PIECE; i++) block[i] = (i * 31 + seed) & 0xff;
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const length = Math.min(PIECE, size - sent);
      sent += length;
      this.push(length === PIECE ? block : block.subarray(0, length));
    },
  });
}
