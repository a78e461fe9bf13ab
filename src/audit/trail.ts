// The trail: the most recent events in memory for the API and the console, every event
// appended to trail.jsonl in the data dir when there is one, and a feed for followers.
import {
  closeSync,
  createWriteStream,
  fstatSync,
  openSync,
  readSync,
  type WriteStream,
} from "node:fs";
import { join } from "node:path";
import type { TrailEvent } from "./cloudtrail-event.js";

const KEPT_IN_MEMORY = 10_000;
/** Old events are dropped this many at a time, so that recording stays O(1) once full. */
const DROPPED_AT_ONCE = 1_000;

export interface TrailQuery {
  /** Only events after this sequence number. */
  after?: number;
  limit?: number;
}

export interface NumberedEvent {
  sequence: number;
  event: TrailEvent;
}

export class Trail {
  private readonly events: NumberedEvent[] = [];
  private sequence = 0;
  private readonly file: WriteStream | undefined;
  private readonly listeners = new Set<() => void>();
  /** Lines not yet handed to the file: one write per turn of the event loop, not per event. */
  private pending = "";
  /**
   * The file, and its size at the start, whose earlier events have yet to be read back: what
   * lies past that size was recorded by this process and is in memory already.
   */
  private backlog: { path: string; size: number } | undefined;

  constructor(dataDir: string | undefined) {
    if (dataDir === undefined) return;
    const path = join(dataDir, "trail.jsonl");
    // A restart keeps the trail; the latest events are read back from the file when first
    // asked for, so that a long trail does not slow the start.
    const { size, torn } = fileEnd(path);
    if (size > 0) this.backlog = { path, size };
    this.file = createWriteStream(path, { flags: "a" });
    // A line cut short stays alone on its line: the next event starts on a fresh one.
    if (torn) this.file.write("\n");
  }

  /**
   * Puts the file's latest events before those recorded since the start and numbers them all
   * anew. Nothing has been listed before this runs, so no one has seen the old numbers.
   */
  private readBacklog(): void {
    if (this.backlog === undefined) return;
    const earlier = lastEvents(this.backlog.path, this.backlog.size, KEPT_IN_MEMORY);
    this.backlog = undefined;
    // Those recorded since the start may have been trimmed already; they count all the same.
    const kept = [...earlier, ...this.events.map((numbered) => numbered.event)].slice(
      -KEPT_IN_MEMORY,
    );
    this.sequence += earlier.length;
    const first = this.sequence - kept.length + 1;
    this.events.length = 0;
    for (const [index, event] of kept.entries()) {
      this.events.push({ sequence: first + index, event });
    }
  }

  record(event: TrailEvent): void {
    this.sequence += 1;
    this.events.push({ sequence: this.sequence, event });
    if (this.events.length >= KEPT_IN_MEMORY + DROPPED_AT_ONCE) {
      this.events.splice(0, this.events.length - KEPT_IN_MEMORY);
    }
    if (this.file) {
      if (this.pending === "") setImmediate(() => this.flush());
      this.pending += `${JSON.stringify(event)}\n`;
    }
    if (this.listeners.size > 0) for (const listener of [...this.listeners]) listener();
  }

  list(query: TrailQuery = {}): NumberedEvent[] {
    this.readBacklog();
    const after = query.after ?? 0;
    const newer = this.events
      .slice(-KEPT_IN_MEMORY)
      .filter((numbered) => numbered.sequence > after);
    return query.limit === undefined ? newer : newer.slice(0, query.limit);
  }

  get latest(): number {
    this.readBacklog();
    return this.sequence;
  }

  /** Calls listener after each new event; returns a function that stops it. */
  onEvent(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    this.flush();
    return new Promise((resolve) => file.end(() => resolve()));
  }

  private flush(): void {
    if (this.pending === "" || !this.file || this.file.writableEnded) return;
    this.file.write(this.pending);
    this.pending = "";
  }
}

/** How much of the file's end is read at a time, looking for the latest events. */
const TAIL_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * The last `count` events in a trail file before byte `end`, oldest first, reading only the end
 * of the file. A line that does not parse (one cut short by a killed process) is skipped.
 */
function lastEvents(path: string, end: number, count: number): TrailEvent[] {
  return readingFile(path, [], (fd) => {
    const chunks: Buffer[] = [];
    let start = end;
    let newlines = 0;
    // One more line than wanted: the first may be cut at the edge of what was read.
    while (start > 0 && newlines <= count + 1) {
      const from = Math.max(0, start - TAIL_CHUNK_BYTES);
      const chunk = Buffer.alloc(start - from);
      readSync(fd, chunk, 0, chunk.length, from);
      for (const byte of chunk) if (byte === NEWLINE) newlines += 1;
      chunks.unshift(chunk);
      start = from;
    }
    const lines = Buffer.concat(chunks).toString("utf8").split("\n");
    if (start > 0) lines.shift();
    return lines.flatMap(parsedEvent).slice(-count);
  });
}

/** The file's size, and whether its last line lacks its newline (a write cut short). */
function fileEnd(path: string): { size: number; torn: boolean } {
  return readingFile(path, { size: 0, torn: false }, (fd) => {
    const size = fstatSync(fd).size;
    if (size === 0) return { size, torn: false };
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return { size, torn: last[0] !== NEWLINE };
  });
}

/** read(fd) of the file at path, opened for reading and closed after; absent if there is none. */
function readingFile<T>(path: string, absent: T, read: (fd: number) => T): T {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return absent;
  }
  try {
    return read(fd);
  } finally {
    closeSync(fd);
  }
}

function parsedEvent(line: string): TrailEvent[] {
  if (line === "") return [];
  try {
    return [JSON.parse(line) as TrailEvent];
  } catch {
    return [];
  }
}
