// IMDSv2 session tokens: opaque, random, kept only here with the instant they expire on the
// server clock. Each listener has its own store, so a token is good only on the instance that
// issued it. Tokens are secrets: they are never logged.
import { randomBytes } from "node:crypto";
import type { Clock } from "../clock/clock.js";

export class TokenStore {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  issue(ttlSeconds: number): string {
    this.purge();
    const token = `AQAEA${randomBytes(42).toString("base64url")}`;
    this.expiries.set(token, this.clock.now() + ttlSeconds * 1000);
    return token;
  }

  isValid(token: string): boolean {
    const expiry = this.expiries.get(token);
    return expiry !== undefined && this.clock.now() < expiry;
  }

  clear(): void {
    this.expiries.clear();
  }

  private purge(): void {
    const now = this.clock.now();
    for (const [token, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(token);
  }
}
