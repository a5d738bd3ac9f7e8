import type { EventStore } from '@driftwatch/core';
import { createEventStoreMigrationProvider } from '../internal/event-store-migrations.js';
import { tableNames, type EventStoreTables } from '../internal/event-store-tables.js';
import { checkIntegerSetting } from '../internal/check-store-config.js';
import { createKyselyEventStore } from '../internal/kysely-event-store.js';
import { createSqliteConnection, migrateSqlite, serializeInProcess } from '../internal/sqlite-connection.js';
import { sqliteDialect } from '../internal/storage-dialect.js';
import type { SqliteEventStoreConfig } from './sqlite-event-store-config.js';

const defaults = Object.freeze({
  filename: './driftwatch.db',
  writeAheadLog: true,
  busyTimeoutMillis: 5000,
  profileCacheBytes: 4 * 1024 * 1024,
});

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
  const connection = createSqliteConnection<EventStoreTables>({ factory: 'createSqliteEventStore', ...settings });

  return createKyselyEventStore({
    backendName: 'SQLite',
    db: connection.db,
    dialect: sqliteDialect,
    profileCacheBytes: settings.profileCacheBytes,
    migrate: () =>
      migrateSqlite(connection, createEventStoreMigrationProvider(sqliteDialect, undefined), {
        migrationTableName: tableNames.migrations,
        migrationLockTableName: tableNames.migrationLock,
      }),
    // Writes of every store of this file in this process take turns (see serializeInProcess).
    serializeWrites: (body) => serializeInProcess(connection.fileKey, body),
    close: () => connection.close(),
  });
}
