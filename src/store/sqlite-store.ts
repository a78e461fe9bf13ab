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

/** SQLite through better-sqlite3: one file, or memory when the path is ":memory:". */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.db = new Database(path);
    // The database holds secret keys: readable by its owner only (WAL files follow its mode).
    if (path !== ":memory:") chmodSync(path, 0o600);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(SCHEMA);
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
    const text = this.statements.get.get(kind, id) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async put<T>(kind: Kind, id: string, scope: string, value: T): Promise<void> {
    this.statements.put.run(kind, id, scope, JSON.stringify(value));
  }

  async delete(kind: Kind, id: string): Promise<boolean> {
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
      try {
        const result = await fn();
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        this.db.exec("ROLLBACK");
        throw error;
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
}
