import type { EventStore } from '@driftwatch/core';
import { createEventStoreMigrationProvider } from '../internal/event-store-migrations.js';
import { tableNames, type EventStoreTables } from '../internal/event-store-tables.js';
import { checkIntegerSetting } from '../internal/check-store-config.js';
import { createKyselyEventStore } from '../internal/kysely-event-store.js';
import {
  checkConnectionLimits,
  checkSchemaName,
  createPostgresConnection,
  migratePostgresSchema,
  resolvePostgresConnectionConfig,
  warnOfConnectionError,
} from '../internal/postgres-connection.js';
import { postgresDialect } from '../internal/storage-dialect.js';
import type { PostgresEventStoreConfig } from './postgres-event-store-config.js';

const defaults = Object.freeze({
  schema: 'public',
  maxConnections: 10,
  connectionTimeoutMillis: 5000,
  onError: warnOfConnectionError,
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
  const settings = Object.freeze({
    ...resolvePostgresConnectionConfig('createPostgresEventStore', config, defaults),
    onError: config.onError ?? defaults.onError,
    profileCacheBytes: config.profileCacheBytes ?? defaults.profileCacheBytes,
  });
  checkConnectionLimits('createPostgresEventStore', settings);
  checkIntegerSetting('createPostgresEventStore', 'profileCacheBytes', settings.profileCacheBytes, 0);
  checkSchemaName('createPostgresEventStore', settings.schema);
  const connection = createPostgresConnection<EventStoreTables>({ factory: 'createPostgresEventStore', ...settings });
  const db = connection.db.withSchema(settings.schema);

  return createKyselyEventStore({
    backendName: 'PostgreSQL',
    db,
    dialect: postgresDialect,
    profileCacheBytes: settings.profileCacheBytes,
    migrate: () => migratePostgresSchema(connection.db, createEventStoreMigrationProvider(postgresDialect, settings.schema), tableNames, settings.schema),
    close: () => connection.close(),
  });
}
