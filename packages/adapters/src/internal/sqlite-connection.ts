import { resolve } from 'node:path';
import { DriftwatchError } from '@driftwatch/core';
import { CompiledQuery, Kysely, Migrator, SqliteDialect, sql, type DatabaseConnection, type MigrationProvider } from 'kysely';
import type { SqliteDatabase, SqliteStatement } from '../event-stores/sqlite-event-store-config.js';

/** What {@link createSqliteConnection} needs: the parts of a SQLite store's config about the file. */
export interface SqliteConnectionSettings {
  /** The public factory, for error messages: `createSqliteEventStore`. */
  factory: string;
  database: SqliteDatabase | undefined;
  filename: string;
  writeAheadLog: boolean;
  busyTimeoutMillis: number;
}

/** A kysely database over one better-sqlite3 connection, opened lazily, shared by the SQLite stores. */
export interface SqliteConnection<Tables> {
  db: Kysely<Tables>;
  /**
   * Identifies the database file within this process, so that every store of one file can take
   * turns with {@link serializeInProcess}. A private database (`:memory:`) is its own key.
   */
  fileKey: unknown;
  /** Destroys kysely and closes the database if the connection opened it (never one passed in). */
  close(): Promise<void>;
}

/** Prepared statements kept per connection; the batched inserts reuse a handful of statement texts. */
const statementCacheSize = 64;

/**
 * Opens (on first use) the connection a SQLite store works on. With a write-ahead log, readers
 * never block the writer; the connection is switched to it on first use, and, for a file the
 * store opens itself, to `synchronous = NORMAL`.
 */
export function createSqliteConnection<Tables>(settings: SqliteConnectionSettings): SqliteConnection<Tables> {
  let ownedDatabase: SqliteDatabase | undefined;
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({
      // Called on the first query, so a store that is never used never opens a file.
      // If the first use fails after opening (a locked file), a retry reuses the same handle.
      database: async () => {
        if (settings.database !== undefined) return cachingStatements(settings.database);
        ownedDatabase ??= await openDatabase(settings.factory, settings.filename, settings.busyTimeoutMillis);
        return cachingStatements(ownedDatabase);
      },
      onCreateConnection: async (connection) => {
        if (!settings.writeAheadLog) return;
        await switchToWriteAheadLog(connection, settings.busyTimeoutMillis);
        // With a write-ahead log, NORMAL syncs at checkpoints instead of at every commit: the
        // file cannot be corrupted, and a power cut loses at most the last commits, which is
        // the right trade for monitoring data. A database you pass in keeps its own setting.
        if (settings.database === undefined) await connection.executeQuery(CompiledQuery.raw('pragma synchronous = normal'));
      },
    }),
  });
  return {
    db,
    fileKey: fileKeyOf(settings.database, settings.filename),
    close: async () => {
      await db.destroy();
      ownedDatabase?.close();
    },
  };
}

/**
 * Switching a file to WAL needs a moment of exclusive access, and SQLite may refuse it at once
 * (SQLITE_BUSY) while another process opens the same new file, without waiting out the busy
 * timeout. Retry without blocking the thread; once the file is in WAL mode this is one read.
 */
async function switchToWriteAheadLog(connection: DatabaseConnection, timeoutMillis: number): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    try {
      const { rows } = await connection.executeQuery<{ journal_mode: string }>(CompiledQuery.raw('pragma journal_mode'));
      if (rows[0]?.journal_mode === 'wal') return;
      await connection.executeQuery(CompiledQuery.raw('pragma journal_mode = wal'));
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const busy = typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
      if (!busy || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Work holding a file's write lock in this process, by file key. */
const lockHolders = new Map<unknown, Promise<unknown>>();

/**
 * Runs `body` when no other work for the same file runs in this process, whichever store (event
 * store or registry store) it comes from. better-sqlite3 waits for another connection's lock
 * synchronously, blocking the thread, so a connection that asked for the write lock while
 * another connection of this process held it across an `await` would block the very thread that
 * has to release it, until the busy timeout. Other processes wait on SQLite's own lock.
 */
export async function serializeInProcess<T>(key: unknown, body: () => Promise<T>): Promise<T> {
  const previous = lockHolders.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(body);
  const settled = current.catch(() => undefined);
  lockHolders.set(key, settled);
  try {
    return await current;
  } finally {
    if (lockHolders.get(key) === settled) lockHolders.delete(key);
  }
}

/**
 * Runs `body` on one connection inside `BEGIN IMMEDIATE … COMMIT` (rolled back when it throws),
 * after the in-process turn of {@link serializeInProcess}. `BEGIN IMMEDIATE` takes SQLite's write
 * lock up front, so a transaction that reads and then writes never fails half-way with
 * SQLITE_BUSY_SNAPSHOT, and another process waits (its busy timeout) instead.
 */
export function immediateTransaction<Tables, T>(connection: SqliteConnection<Tables>, body: (db: Kysely<Tables>) => Promise<T>): Promise<T> {
  return serializeInProcess(connection.fileKey, () =>
    connection.db.connection().execute(async (db) => {
      await sql`begin immediate`.execute(db);
      try {
        const result = await body(db);
        await sql`commit`.execute(db);
        return result;
      } catch (error) {
        await sql`rollback`.execute(db).catch(() => undefined);
        throw error;
      }
    }),
  );
}

/** Migration bookkeeping tables of one store. */
export interface MigrationTableNames {
  migrationTableName: string;
  migrationLockTableName: string;
}

/**
 * Applies `provider`'s migrations under `BEGIN IMMEDIATE`: kysely's SQLite adapter takes no lock,
 * so a second process waits here (busy timeout) and then finds the migrations applied.
 */
export function migrateSqlite<Tables>(connection: SqliteConnection<Tables>, provider: MigrationProvider, tables: MigrationTableNames): Promise<void> {
  return immediateTransaction(connection, async (db) => {
    const migrator = new Migrator({ db, provider, ...tables });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) throw error;
  });
}

function fileKeyOf(database: SqliteDatabase | undefined, filename: string): unknown {
  const name = database === undefined ? filename : (database as { name?: unknown }).name;
  if (typeof name !== 'string' || name === '' || name === ':memory:') return database ?? Symbol('private database');
  return resolve(name);
}

async function openDatabase(factory: string, filename: string, busyTimeoutMillis: number): Promise<SqliteDatabase> {
  let module: unknown;
  try {
    module = await import('better-sqlite3');
  } catch (error) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `${factory} needs better-sqlite3 to open ${filename}: install it (npm install better-sqlite3) or pass a database.`,
      cause: error,
    });
  }
  const exports = module as { default?: unknown };
  const Database = (exports.default ?? module) as new (filename: string, options: { timeout: number }) => SqliteDatabase;
  return new Database(filename, { timeout: busyTimeoutMillis });
}

/**
 * Wraps the database so that kysely's per-query `prepare` reuses compiled statements (a
 * 2,730-row insert compiles once, not once per batch), and so that `Kysely.destroy()` never
 * closes it: the store closes only a database it opened.
 */
function cachingStatements(database: SqliteDatabase): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(text: string): SqliteStatement {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = database.prepare(text);
        if (statements.size >= statementCacheSize) statements.delete(statements.keys().next().value as string);
        statements.set(text, statement);
      }
      return statement;
    },
    close() {},
  };
}
