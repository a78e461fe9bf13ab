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
  private backlog: { path: string; size: number; torn: boolean } | undefined;

  constructor(dataDir: string | undefined) {
    if (dataDir === undefined) return;
    const path = join(dataDir, "trail.jsonl");
    // A restart keeps the trail; the latest events are read back from the file when first
    // asked for, so that a long trail does not slow the start.
    const { size, torn } = fileEnd(path);
    if (size > 0) this.backlog = { path, size, torn };
    this.file = createWriteStream(path, { flags: "a" });
    // A line cut short stays alone on its line: the next event starts on a fresh one.
    if (torn) this.file.write("\n");
  }

  /**
   * Puts the file's latest events before those recorded since the start. An event's sequence
   * number is its line in the file, so a poller's `after` means the same event across restarts;
   * those recorded since the start follow the file's lines (a line cut short by a killed process
   * counts, and leaves a gap). Nothing has been listed before this runs, so no one has seen the
   * numbers those had until now.
   */
  private readBacklog(): void {
    if (this.backlog === undefined) return;
    const { path, size, torn } = this.backlog;
    const { lines, events: earlier } = lastEvents(path, size, KEPT_IN_MEMORY);
    this.backlog = undefined;
    const linesBefore = lines + (torn ? 1 : 0);
    // Those recorded since the start may have been trimmed already; each keeps its place.
    const since = this.events.map((numbered) => ({
      sequence: linesBefore + numbered.sequence,
      event: numbered.event,
    }));
    this.sequence += linesBefore;
    const kept = [...earlier, ...since].slice(-KEPT_IN_MEMORY);
    this.events.length = 0;
    this.events.push(...kept);
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
 * The last `count` events in a trail file before byte `end`, oldest first, each numbered by its
 * line, and how many complete lines the file holds there. Only the end is parsed; the rest is
 * only counted. A line that does not parse (one cut short by a killed process) is skipped.
 */
function lastEvents(
  path: string,
  end: number,
  count: number,
): { lines: number; events: NumberedEvent[] } {
  return readingFile(path, { lines: 0, events: [] }, (fd) => {
    const chunks: Buffer[] = [];
    let start = end;
    let newlines = 0;
    // One more line than wanted: the first may be cut at the edge of what was read.
    while (start > 0 && newlines <= count + 1) {
      const from = Math.max(0, start - TAIL_CHUNK_BYTES);
      const chunk = Buffer.alloc(start - from);
      readSync(fd, chunk, 0, chunk.length, from);
      newlines += countNewlines(chunk);
      chunks.unshift(chunk);
      start = from;
    }
    const before = newlinesBefore(fd, start);
    // Piece i of the tail is line before + 1 + i; the first is cut short unless it starts the file.
    const pieces = Buffer.concat(chunks).toString("utf8").split("\n");
    const events = pieces.flatMap((piece, index) =>
      index === 0 && start > 0
        ? []
        : parsedEvent(piece).map((event) => ({ sequence: before + 1 + index, event })),
    );
    return { lines: before + newlines, events: events.slice(-count) };
  });
}

function countNewlines(chunk: Buffer): number {
  let found = 0;
  for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, at + 1)) found += 1;
  return found;
}

/** The newlines in the first `end` bytes of the file, read a chunk at a time. */
function newlinesBefore(fd: number, end: number): number {
  let found = 0;
  const chunk = Buffer.alloc(Math.min(end, TAIL_CHUNK_BYTES));
  for (let at = 0; at < end; at += chunk.length) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, end - at), at);
    found += countNewlines(chunk.subarray(0, read));
  }
  return found;
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
