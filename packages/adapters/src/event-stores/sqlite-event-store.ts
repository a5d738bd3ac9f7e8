import { resolve } from 'node:path';
import { DriftwatchError, type EventStore } from '@driftwatch/core';
import { CompiledQuery, Kysely, Migrator, SqliteDialect, sql, type DatabaseConnection } from 'kysely';
import { createEventStoreMigrationProvider } from '../internal/event-store-migrations.js';
import { tableNames, type EventStoreTables } from '../internal/event-store-tables.js';
import { checkIntegerSetting } from '../internal/check-store-config.js';
import { createKyselyEventStore } from '../internal/kysely-event-store.js';
import { sqliteDialect } from '../internal/storage-dialect.js';
import type { SqliteDatabase, SqliteEventStoreConfig, SqliteStatement } from './sqlite-event-store-config.js';

const defaults = Object.freeze({
  filename: './driftwatch.db',
  writeAheadLog: true,
  busyTimeoutMillis: 5000,
  profileCacheBytes: 4 * 1024 * 1024,
});

/** Prepared statements kept per store; the batched inserts reuse a handful of statement texts. */
const statementCacheSize = 64;

/**
 * An event store in SQLite through better-sqlite3: the embedded default, one file, no server.
 * Timestamps are integer epoch milliseconds and JSON is TEXT. Run `migrate()` once before use;
 * it is safe from several processes at once (it takes SQLite's write lock with
 * `BEGIN IMMEDIATE`).
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { createSqliteEventStore } from '@driftwatch/adapters';
 *
 * const database = new Database('monitoring.db');
 * const store = createSqliteEventStore({ database });
 * await store.migrate();
 * // … hand `store` to the prediction logger and the Monitor …
 * await store.shutdown();
 * database.close(); // the store never closes a database you pass in
 * ```
 */
export function createSqliteEventStore(config: SqliteEventStoreConfig = {}): EventStore {
  const settings = Object.freeze({
    database: config.database,
    filename: config.filename ?? defaults.filename,
    writeAheadLog: config.writeAheadLog ?? defaults.writeAheadLog,
    busyTimeoutMillis: config.busyTimeoutMillis ?? defaults.busyTimeoutMillis,
    profileCacheBytes: config.profileCacheBytes ?? defaults.profileCacheBytes,
  });
  checkIntegerSetting('createSqliteEventStore', 'busyTimeoutMillis', settings.busyTimeoutMillis, 0);
  checkIntegerSetting('createSqliteEventStore', 'profileCacheBytes', settings.profileCacheBytes, 0);
  let ownedDatabase: SqliteDatabase | undefined;

  const db = new Kysely<EventStoreTables>({
    dialect: new SqliteDialect({
      // Called on the first query, so a store that is never used never opens a file.
      // If the first use fails after opening (a locked file), a retry reuses the same handle.
      database: async () => {
        if (settings.database !== undefined) return cachingStatements(settings.database);
        ownedDatabase ??= await openDatabase(settings.filename, settings.busyTimeoutMillis);
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

  return createKyselyEventStore({
    backendName: 'SQLite',
    db,
    dialect: sqliteDialect,
    profileCacheBytes: settings.profileCacheBytes,
    migrate: () => serializeInProcess(migrationKey(settings.database, settings.filename), () => migrate(db)),
    close: async () => {
      await db.destroy();
      ownedDatabase?.close();
    },
  });
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

/** Migrations running in this process, by database file. */
const runningMigrations = new Map<unknown, Promise<void>>();

/**
 * better-sqlite3 waits for a lock synchronously, blocking the thread, so two stores of one file
 * in one process would deadlock until the busy timeout if both took the write lock; they take
 * turns here instead. Other processes wait on SQLite's lock.
 */
async function serializeInProcess(key: unknown, body: () => Promise<void>): Promise<void> {
  const previous = runningMigrations.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(body);
  const settled = current.catch(() => undefined);
  runningMigrations.set(key, settled);
  try {
    await current;
  } finally {
    if (runningMigrations.get(key) === settled) runningMigrations.delete(key);
  }
}

function migrationKey(database: SqliteDatabase | undefined, filename: string): unknown {
  const name = database === undefined ? filename : (database as { name?: unknown }).name;
  if (typeof name !== 'string' || name === '' || name === ':memory:') return database ?? Symbol('private database');
  return resolve(name);
}

async function migrate(db: Kysely<EventStoreTables>): Promise<void> {
  await db.connection().execute(async (connection) => {
    // SQLite's DDL is transactional but kysely's SQLite adapter takes no lock, so take the
    // database's write lock first: a second process waits here (busy timeout), then finds
    // the migrations already applied.
    await sql`begin immediate`.execute(connection);
    try {
      const migrator = new Migrator({
        db: connection,
        provider: createEventStoreMigrationProvider(sqliteDialect, undefined),
        migrationTableName: tableNames.migrations,
        migrationLockTableName: tableNames.migrationLock,
      });
      const { error } = await migrator.migrateToLatest();
      if (error !== undefined) throw error;
      await sql`commit`.execute(connection);
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}

async function openDatabase(filename: string, busyTimeoutMillis: number): Promise<SqliteDatabase> {
  let module: unknown;
  try {
    module = await import('better-sqlite3');
  } catch (error) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `createSqliteEventStore needs better-sqlite3 to open ${filename}: install it (npm install better-sqlite3) or pass a database.`,
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
