import { randomBytes } from "node:crypto";
import type { Store } from "../store/store.js";

/** Server-wide values kept with the state: made once per data dir, read at start. */
export class Meta {
  constructor(private readonly store: Store) {}

  /** A 32-byte secret stored under name, created on first use. */
  secret(name: string): Promise<Buffer> {
    return this.store.transaction(async () => {
      const existing = await this.store.get<string>("meta", name);
      if (existing) return Buffer.from(existing, "base64");
      const made = randomBytes(32);
      await this.store.put("meta", name, "", made.toString("base64"));
      return made;
    });
  }

  get<T>(name: string): Promise<T | undefined> {
    return this.store.get<T>("meta", name);
  }

  async set<T>(name: string, value: T): Promise<void> {
    await this.store.put("meta", name, "", value);
  }
}
