// The trail: the most recent events in memory for the API and the console, every event
// appended to trail.jsonl in the data dir when there is one, and a feed for followers.
import { createWriteStream, type WriteStream } from "node:fs";
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

  constructor(dataDir: string | undefined) {
    this.file = dataDir
      ? createWriteStream(join(dataDir, "trail.jsonl"), { flags: "a" })
      : undefined;
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
    const after = query.after ?? 0;
    const newer = this.events
      .slice(-KEPT_IN_MEMORY)
      .filter((numbered) => numbered.sequence > after);
    return query.limit === undefined ? newer : newer.slice(0, query.limit);
  }

  get latest(): number {
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
