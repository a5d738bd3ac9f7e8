/**
 * The subset of a better-sqlite3 `Statement` that the SQLite event store calls.
 *
 * Described here instead of imported so that `@driftwatch/adapters` does not depend on
 * better-sqlite3 or its types: the driver is an optional peer dependency that you pass in
 * (the same reasoning as Kysely's `SqliteDialectConfig`).
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import type { SqliteStatement } from '@driftwatch/adapters';
 * const statement: SqliteStatement = new Database(':memory:').prepare('select 1 as one');
 * ```
 */
export interface SqliteStatement {
  readonly reader: boolean;
  all(parameters: ReadonlyArray<unknown>): unknown[];
  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown>;
}

/**
 * The subset of a better-sqlite3 (v12) `Database` that the SQLite event store calls. A
 * `new Database(filename)` from better-sqlite3 satisfies it.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import type { SqliteDatabase } from '@driftwatch/adapters';
 * const database: SqliteDatabase = new Database('monitoring.db');
 * ```
 */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/**
 * Configuration of {@link createSqliteEventStore}.
 *
 * @example
 * ```ts
 * import type { SqliteEventStoreConfig } from '@driftwatch/adapters';
 * const config: SqliteEventStoreConfig = { filename: './var/driftwatch.db' };
 * ```
 */
export interface SqliteEventStoreConfig {
  /**
   * An open better-sqlite3 database. The store never closes it: its owner does, after
   * `shutdown()`. When absent, the store loads better-sqlite3 itself (an optional peer
   * dependency), opens `filename` on first use (with `synchronous = NORMAL`, the usual
   * setting with a write-ahead log), and closes it on `shutdown()`. For a database you pass
   * in, consider `database.pragma('synchronous = normal')` too: with the default `FULL`,
   * every batch waits for a disk sync.
   * @default undefined (open `filename`)
   */
  database?: SqliteDatabase;
  /**
   * The file the store opens when no `database` is given. Ignored when `database` is given.
   * @default './driftwatch.db'
   */
  filename?: string;
  /**
   * Switch the database to write-ahead logging on first use, so that readers (the dashboard,
   * the Monitor) never block the logger's writes. The mode is stored in the file, so this
   * also changes a database you pass in.
   * @default true
   */
  writeAheadLog?: boolean;
  /**
   * How long a write waits for another process's write lock before failing. Applies to the
   * database the store opens; a database you pass in keeps its own timeout.
   * @default 5000
   */
  busyTimeoutMillis?: number;
  /**
   * Text bytes of parsed profiles the store keeps, so that the Monitor, which re-reads the same
   * hour of window profiles every minute, validates each profile once instead of every time.
   * Memory use is about three times this. Cached profiles are frozen and shared between reads.
   * `0` turns the cache off.
   * @default 4194304 (4 MiB)
   */
  profileCacheBytes?: number;
}
