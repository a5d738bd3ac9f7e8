import type { RegistryStore } from '@driftwatch/core';
import type { SqliteDatabase } from '../event-stores/sqlite-event-store-config.js';
import { checkIntegerSetting } from '../internal/check-store-config.js';
import { createKyselyRegistryStore } from '../internal/kysely-registry-store.js';
import { createRegistryStoreMigrationProvider } from '../internal/registry-store-migrations.js';
import { registryTableNames, type RegistryStoreTables } from '../internal/registry-store-tables.js';
import { createSqliteConnection, immediateTransaction, migrateSqlite } from '../internal/sqlite-connection.js';
import { sqliteDialect } from '../internal/storage-dialect.js';

/**
 * Configuration of {@link createSqliteRegistryStore}. Give `database` or `filename` (or neither,
 * for `./driftwatch.db`).
 *
 * @example
 * ```ts
 * import type { SqliteRegistryStoreConfig } from '@driftwatch/adapters';
 * const config: SqliteRegistryStoreConfig = { filename: './var/driftwatch.db' };
 * ```
 */
export interface SqliteRegistryStoreConfig {
  /**
   * An open better-sqlite3 database. The store never closes it: its owner does, after
   * `shutdown()`. When absent, the store loads better-sqlite3 itself (an optional peer
   * dependency), opens `filename` on first use, and closes it on `shutdown()`.
   * @default undefined (open `filename`)
   */
  database?: SqliteDatabase;
  /**
   * The file the store opens when no `database` is given. The event store's file is a fine
   * choice: the two stores' tables and migrations never collide, and in one process their
   * writes take turns. Ignored when `database` is given.
   * @default './driftwatch.db'
   */
  filename?: string;
  /**
   * Switch the database to write-ahead logging on first use, so that readers (the model router)
   * never wait for a writer. The mode is stored in the file, so this also changes a database you
   * pass in.
   * @default true
   */
  writeAheadLog?: boolean;
  /**
   * How long a write waits for another process's write lock before failing. Applies to the
   * database the store opens; a database you pass in keeps its own timeout.
   * @default 5000
   */
  busyTimeoutMillis?: number;
}

const defaults = Object.freeze({
  filename: './driftwatch.db',
  writeAheadLog: true,
  busyTimeoutMillis: 5000,
});

/**
 * A registry store in SQLite through better-sqlite3: model versions (inline artifacts as JSON
 * text), runs and their metric series, aliases with their history, routing configs and leases,
 * in one file. Every write is a `BEGIN IMMEDIATE` transaction, so an alias move is a
 * compare-and-set that exactly one of several processes wins (the others get `CONFLICT`), and
 * version numbers never repeat. Run `migrate()` once before use; it is safe from several
 * processes at once.
 *
 * @example
 * ```ts
 * import { createSqliteRegistryStore } from '@driftwatch/adapters';
 *
 * const store = createSqliteRegistryStore({ filename: './driftwatch.db' });
 * await store.migrate();
 * const { version } = await store.createModelVersion({
 *   modelName: 'churn',
 *   artifact: { flavor: 'constant', formatVersion: 1, data: { score: 0.3 } },
 *   params: {}, metrics: { auc: 0.84 }, tags: {}, createdAt: new Date(),
 * });
 * await store.moveAlias({
 *   modelName: 'churn', alias: 'champion', expectedVersion: undefined, toVersion: version,
 *   actor: 'me', reason: 'first model', at: new Date(),
 * });
 * await store.shutdown();
 * ```
 */
export function createSqliteRegistryStore(config: SqliteRegistryStoreConfig = {}): RegistryStore {
  const settings = Object.freeze({
    database: config.database,
    filename: config.filename ?? defaults.filename,
    writeAheadLog: config.writeAheadLog ?? defaults.writeAheadLog,
    busyTimeoutMillis: config.busyTimeoutMillis ?? defaults.busyTimeoutMillis,
  });
  checkIntegerSetting('createSqliteRegistryStore', 'busyTimeoutMillis', settings.busyTimeoutMillis, 0);
  const connection = createSqliteConnection<RegistryStoreTables>({ factory: 'createSqliteRegistryStore', ...settings });

  return createKyselyRegistryStore({
    backendName: 'SQLite',
    db: connection.db,
    dialect: sqliteDialect,
    transaction: (body) => immediateTransaction(connection, body),
    lockRowsForUpdate: false,
    migrate: () =>
      migrateSqlite(connection, createRegistryStoreMigrationProvider(sqliteDialect, undefined), {
        migrationTableName: registryTableNames.migrations,
        migrationLockTableName: registryTableNames.migrationLock,
      }),
    close: () => connection.close(),
  });
}
