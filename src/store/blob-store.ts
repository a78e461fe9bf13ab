// Object bytes, apart from the records that describe them. A blob is written under a temporary
// name and renamed into place only once complete, so an interrupted upload leaves nothing visible.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface ByteRange {
  start: number;
  /** Inclusive, as in an HTTP Range header. */
  end: number;
}

export interface BlobStore {
  /** Stores the bytes of source under a new id; nothing is kept if source fails. */
  write(source: Readable): Promise<{ id: string; size: number }>;
  read(id: string, range?: ByteRange): Readable;
  /**
   * The whole blob at once, for one no larger than WHOLE_READ_BYTES: a small object's GET then
   * costs no stream, and a recently read one no file system call.
   */
  bytes(id: string): Promise<Buffer>;
  delete(id: string): Promise<void>;
}

/** The largest blob bytes() reads; larger ones stream. */
export const WHOLE_READ_BYTES = 64 * 1024;
/** What FileBlobStore keeps of recently read small blobs. A blob never changes under its id. */
const KEPT_BYTES = 32 * 1024 * 1024;

/** Recently read small blobs, oldest first, up to KEPT_BYTES in all. */
class RecentBlobs {
  private readonly blobs = new Map<string, Buffer>();
  private size = 0;

  get(id: string): Buffer | undefined {
    return this.blobs.get(id);
  }

  keep(id: string, bytes: Buffer): void {
    if (bytes.length > WHOLE_READ_BYTES || this.blobs.has(id)) return;
    this.blobs.set(id, bytes);
    this.size += bytes.length;
    for (const [oldest, kept] of this.blobs) {
      if (this.size <= KEPT_BYTES) break;
      this.forget(oldest, kept);
    }
  }

  delete(id: string): void {
    const kept = this.blobs.get(id);
    if (kept) this.forget(id, kept);
  }

  private forget(id: string, bytes: Buffer): void {
    this.blobs.delete(id);
    this.size -= bytes.length;
  }
}

export class FileBlobStore implements BlobStore {
  private readonly recent = new RecentBlobs();

  constructor(private readonly dir: string) {}

  /**
   * Removes uploads that were still being written when the process stopped: a temporary file
   * becomes a blob only by its rename, so nothing under tmp/ is referenced. Call before serving.
   */
  async sweepTemporary(): Promise<void> {
    await rm(join(this.dir, "tmp"), { recursive: true, force: true });
  }

  async write(source: Readable): Promise<{ id: string; size: number }> {
    const id = randomUUID();
    const temporary = join(this.dir, "tmp", `${id}.part`);
    await mkdir(join(this.dir, "tmp"), { recursive: true });
    await mkdir(join(this.dir, id.slice(0, 2)), { recursive: true });
    try {
      await pipeline(source, createWriteStream(temporary));
      await rename(temporary, this.path(id));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { id, size: (await stat(this.path(id))).size };
  }

  read(id: string, range?: ByteRange): Readable {
    return createReadStream(this.path(id), range ?? {});
  }

  async bytes(id: string): Promise<Buffer> {
    const kept = this.recent.get(id);
    if (kept) return kept;
    const bytes = await readFile(this.path(id));
    this.recent.keep(id, bytes);
    return bytes;
  }

  async delete(id: string): Promise<void> {
    this.recent.delete(id);
    await rm(this.path(id), { force: true });
  }

  private path(id: string): string {
    return join(this.dir, id.slice(0, 2), id);
  }
}

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async write(source: Readable): Promise<{ id: string; size: number }> {
    const chunks: Buffer[] = [];
    for await (const chunk of source) chunks.push(chunk as Buffer);
    const id = randomUUID();
    const bytes = Buffer.concat(chunks);
    this.blobs.set(id, bytes);
    return { id, size: bytes.length };
  }

  read(id: string, range?: ByteRange): Readable {
    const bytes = this.blobs.get(id) ?? Buffer.alloc(0);
    return Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes]);
  }

  async bytes(id: string): Promise<Buffer> {
    return this.blobs.get(id) ?? Buffer.alloc(0);
  }

  async delete(id: string): Promise<void> {
    this.blobs.delete(id);
  }
}
