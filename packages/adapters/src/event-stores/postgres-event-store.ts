import type { EventStore } from '@driftwatch/core';
import { Migrator } from 'kysely';
import { createEventStoreMigrationProvider } from '../internal/event-store-migrations.js';
import { tableNames, type EventStoreTables } from '../internal/event-store-tables.js';
import { checkIntegerSetting } from '../internal/check-store-config.js';
import { createKyselyEventStore } from '../internal/kysely-event-store.js';
import { checkPoolOrConnectionString, checkSchemaName, createPostgresConnection } from '../internal/postgres-connection.js';
import { postgresDialect } from '../internal/storage-dialect.js';
import type { PostgresEventStoreConfig } from './postgres-event-store-config.js';

const defaults = Object.freeze({
  schema: 'public',
  maxConnections: 10,
  connectionTimeoutMillis: 5000,
  onError: (error: Error) => console.warn(`[driftwatch] PostgreSQL connection error: ${error.message}`),
  profileCacheBytes: 4 * 1024 * 1024,
});

/**
 * An event store in PostgreSQL through pg, for several replicas writing to one database.
 * Timestamps are `timestamptz`, JSON columns `jsonb` (`json` for prediction features, which are
 * written on the hot path and never queried inside), profiles compact text. `migrate()` is
 * safe from several processes at once: kysely's migrator holds an advisory lock.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresEventStore } from '@driftwatch/adapters';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5000 });
 * const store = createPostgresEventStore({ pool, schema: 'driftwatch' });
 * await store.migrate();
 * // … hand `store` to the prediction logger and the Monitor …
 * await store.shutdown();
 * await pool.end(); // the store never ends a pool you pass in
 * ```
 */
export function createPostgresEventStore(config: PostgresEventStoreConfig): EventStore {
  checkPoolOrConnectionString('createPostgresEventStore', config);
  const settings = Object.freeze({
    pool: config.pool,
    connectionString: config.connectionString,
    schema: config.schema ?? defaults.schema,
    maxConnections: config.maxConnections ?? defaults.maxConnections,
    connectionTimeoutMillis: config.connectionTimeoutMillis ?? defaults.connectionTimeoutMillis,
    onError: config.onError ?? defaults.onError,
    profileCacheBytes: config.profileCacheBytes ?? defaults.profileCacheBytes,
  });
  checkIntegerSetting('createPostgresEventStore', 'maxConnections', settings.maxConnections, 1);
  checkIntegerSetting('createPostgresEventStore', 'connectionTimeoutMillis', settings.connectionTimeoutMillis, 1);
  checkIntegerSetting('createPostgresEventStore', 'profileCacheBytes', settings.profileCacheBytes, 0);
  checkSchemaName('createPostgresEventStore', settings.schema);
  const connection = createPostgresConnection<EventStoreTables>({ factory: 'createPostgresEventStore', ...settings });
  const db = connection.db.withSchema(settings.schema);

  return createKyselyEventStore({
    backendName: 'PostgreSQL',
    db,
    dialect: postgresDialect,
    profileCacheBytes: settings.profileCacheBytes,
    migrate: async () => {
      const migrator = new Migrator({
        db: connection.db,
        provider: createEventStoreMigrationProvider(postgresDialect, settings.schema),
        migrationTableName: tableNames.migrations,
        migrationLockTableName: tableNames.migrationLock,
        migrationTableSchema: settings.schema,
      });
      const { error } = await migrator.migrateToLatest();
      if (error !== undefined) throw error;
    },
    close: () => connection.close(),
  });
}
