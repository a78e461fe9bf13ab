// One clock for the whole server. Every expiry, rotation and propagation delay reads it, so that
// tests (and `keyless clock advance 2h`) can move time without sleeping.

export interface Clock {
  /** Milliseconds since the epoch, as the server sees it. */
  now(): number;
}

export interface ClockState {
  offsetMs: number;
  frozenAt?: number;
}

export interface ClockReading {
  now: string;
  offsetMs: number;
  frozen: boolean;
  /** Goes up by one with every change, so that watchers can ask for the next one. */
  version: number;
}

/** The real time shifted by an offset, or frozen at an instant. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.realNow() + this.offsetMs;
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
    this.changed();
  }

  set(instantMs: number): void {
    this.offsetMs = instantMs - this.realNow();
    if (this.frozenAt !== undefined) this.frozenAt = instantMs;
    this.changed();
  }

  freeze(): void {
    this.frozenAt = this.now();
    this.changed();
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
    this.changed();
  }

  /** What to keep so that a restart resumes the same time. */
  state(): ClockState {
    return this.frozenAt === undefined
      ? { offsetMs: this.offsetMs }
      : { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }

  restore(state: ClockState): void {
    this.offsetMs = state.offsetMs;
    this.frozenAt = state.frozenAt;
    this.changed();
  }

  describe(): ClockReading {
    const now = this.now();
    return {
      now: new Date(now).toISOString(),
      offsetMs: now - this.realNow(),
      frozen: this.frozenAt !== undefined,
      version: this.version,
    };
  }

  /** Calls listener after every change; returns a function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }
}
