// One clock for the whole server. Every expiry, rotation and propagation delay reads it, so that
// tests (and `keyless clock advance 2h`) can move time without sleeping.

export interface Clock {
  /** Milliseconds since the epoch, as the server sees it. */
  now(): number;
}

/** The real time shifted by an offset, or frozen at an instant. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.realNow() + this.offsetMs;
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  set(instantMs: number): void {
    this.offsetMs = instantMs - this.realNow();
    if (this.frozenAt !== undefined) this.frozenAt = instantMs;
  }

  freeze(): void {
    this.frozenAt = this.now();
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
  }

  describe(): { now: string; offsetMs: number; frozen: boolean } {
    return {
      now: new Date(this.now()).toISOString(),
      offsetMs: this.frozenAt === undefined ? this.offsetMs : this.frozenAt - this.realNow(),
      frozen: this.frozenAt !== undefined,
    };
  }
}
