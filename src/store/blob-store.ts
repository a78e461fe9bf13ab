// Object bytes, apart from the records that describe them. A blob is written under a temporary
// name and renamed into place only once complete, so an interrupted upload leaves nothing visible.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
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
  delete(id: string): Promise<void>;
}

export class FileBlobStore implements BlobStore {
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

  async delete(id: string): Promise<void> {
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

  async delete(id: string): Promise<void> {
    this.blobs.delete(id);
  }
}
