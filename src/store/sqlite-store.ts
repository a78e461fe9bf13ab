import { chmodSync } from "node:fs";
import Database from "better-sqlite3";
import type { Kind, ListOptions, Store } from "./store.js";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    scope TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS records_by_scope ON records (kind, scope, id);
`;

/** The highest code point, so that `id < prefix + MAX` bounds a prefix range. */
const MAX = "\u{10FFFF}";
/** Records kept parsed after a read; the oldest go first. */
const KEPT_RECORDS = 10_000;

/**
 * SQLite through better-sqlite3: one file, or memory when the path is ":memory:".
 *
 * Records read by get() are kept parsed, so that the records every request reads (an S3
 * request's bucket and object) cost neither a query nor a JSON.parse. This process is the
 * database's only writer, and every write passes through put() and delete(), which drop what
 * they change. While a transaction is open nothing read is kept, since its writes may yet be
 * rolled back. Records come back frozen, kept or not: a caller changes one by putting a copy.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly recent = new Map<string, unknown>();
  private inTransaction = false;

  constructor(path: string) {
    this.db = new Database(path);
    try {
      // The database holds secret keys: readable by its owner only (WAL files follow its mode).
      if (path !== ":memory:") chmodSync(path, 0o600);
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      this.db.exec(SCHEMA);
    } catch (error) {
      // A file that is not a database (SQLITE_NOTADB): let go of it for whoever fixes it.
      this.db.close();
      throw error;
    }
    this.statements = {
      get: this.db.prepare("SELECT value FROM records WHERE kind = ? AND id = ?").pluck(),
      put: this.db.prepare(
        "INSERT INTO records (kind, id, scope, value) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (kind, id) DO UPDATE SET scope = excluded.scope, value = excluded.value",
      ),
      delete: this.db.prepare("DELETE FROM records WHERE kind = ? AND id = ?"),
      // One lower bound each, so that SQLite seeks straight to the first row of the page: with
      // both `>= prefix` and `> after` it seeks on the prefix and filters every row up to
      // `after`, which made deep pages of a large bucket slow (bench/list-objects.ts).
      listFrom: this.db
        .prepare(
          "SELECT value FROM records WHERE kind = ? AND scope = ? AND id >= ? AND id < ? " +
            "ORDER BY id LIMIT ?",
        )
        .pluck(),
      listAfter: this.db
        .prepare(
          "SELECT value FROM records WHERE kind = ? AND scope = ? AND id > ? AND id < ? " +
            "ORDER BY id LIMIT ?",
        )
        .pluck(),
      listAll: this.db.prepare("SELECT value FROM records WHERE kind = ? ORDER BY id").pluck(),
    };
  }

  async get<T>(kind: Kind, id: string): Promise<T | undefined> {
    const cacheKey = `${kind}\0${id}`;
    const kept = this.recent.get(cacheKey);
    if (kept !== undefined) return kept as T;
    const text = this.statements.get.get(kind, id) as string | undefined;
    if (text === undefined) return undefined;
    const value = deepFreeze(JSON.parse(text) as T);
    if (!this.inTransaction) this.keep(cacheKey, value);
    return value;
  }

  async put<T>(kind: Kind, id: string, scope: string, value: T): Promise<void> {
    this.recent.delete(`${kind}\0${id}`);
    this.statements.put.run(kind, id, scope, JSON.stringify(value));
  }

  async delete(kind: Kind, id: string): Promise<boolean> {
    this.recent.delete(`${kind}\0${id}`);
    return this.statements.delete.run(kind, id).changes > 0;
  }

  async list<T>(kind: Kind, scope: string, options: ListOptions = {}): Promise<T[]> {
    const prefix = options.prefix ?? "";
    const after = options.after ?? "";
    // SQLite orders TEXT by its UTF-8 bytes; so does Buffer.compare.
    const afterWins = Buffer.compare(Buffer.from(after), Buffer.from(prefix)) >= 0 && after !== "";
    const statement = afterWins ? this.statements.listAfter : this.statements.listFrom;
    const rows = statement.all(
      kind,
      scope,
      afterWins ? after : prefix,
      prefix + MAX,
      options.limit ?? -1,
    ) as string[];
    return rows.map((text) => JSON.parse(text) as T);
  }

  async listAll<T>(kind: Kind): Promise<T[]> {
    return (this.statements.listAll.all(kind) as string[]).map((text) => JSON.parse(text) as T);
  }

  transaction<R>(fn: () => Promise<R>): Promise<R> {
    const run = async (): Promise<R> => {
      this.db.exec("BEGIN IMMEDIATE");
      this.inTransaction = true;
      try {
        const result = await fn();
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        this.db.exec("ROLLBACK");
        throw error;
      } finally {
        this.inTransaction = false;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }

  private keep(cacheKey: string, value: unknown): void {
    this.recent.set(cacheKey, value);
    if (this.recent.size <= KEPT_RECORDS) return;
    const oldest = this.recent.keys().next().value;
    if (oldest !== undefined) this.recent.delete(oldest);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
