import type { RegistryStore } from '@driftwatch/core';
import type { PostgresPool } from '../event-stores/postgres-event-store-config.js';
import { createKyselyRegistryStore } from '../internal/kysely-registry-store.js';
import {
  checkConnectionLimits,
  checkSchemaName,
  createPostgresConnection,
  migratePostgresSchema,
  resolvePostgresConnectionConfig,
  warnOfConnectionError,
} from '../internal/postgres-connection.js';
import { createRegistryStoreMigrationProvider } from '../internal/registry-store-migrations.js';
import { registryTableNames, type RegistryStoreTables } from '../internal/registry-store-tables.js';
import { postgresDialect } from '../internal/storage-dialect.js';

/**
 * Configuration of {@link createPostgresRegistryStore}. Give `pool` or `connectionString`.
 *
 * @example
 * ```ts
 * import type { PostgresRegistryStoreConfig } from '@driftwatch/adapters';
 * const config: PostgresRegistryStoreConfig = {
 *   connectionString: 'postgres://driftwatch@localhost:5432/monitoring',
 *   schema: 'driftwatch',
 * };
 * ```
 */
export interface PostgresRegistryStoreConfig {
  /**
   * A pg pool, which may be the one the event store uses. The store never ends it: its owner
   * does, after `shutdown()`. Keep pg's default type parser for jsonb (the store reads jsonb
   * columns as parsed values).
   * @default undefined (create a pool from `connectionString`)
   */
  pool?: PostgresPool;
  /**
   * Connection string for the pool the store creates (and ends on `shutdown()`) when no `pool`
   * is given. pg is then loaded by the store (an optional peer dependency).
   * @default undefined
   */
  connectionString?: string;
  /**
   * Schema that holds the tables; created by `migrate()` when missing. May be the event store's
   * schema: the tables and migration lists of the two stores are distinct.
   * @default 'public'
   */
  schema?: string;
  /**
   * Connections in the pool the store creates. Registry traffic is light (the router re-reads
   * routing and aliases once per cache TTL; the pipeline writes a few rows per run). Ignored
   * when `pool` is given.
   * @default 4
   */
  maxConnections?: number;
  /**
   * How long the pool the store creates waits for a connection before the call fails, instead
   * of hanging while the database is unreachable. Ignored when `pool` is given.
   * @default 5000
   */
  connectionTimeoutMillis?: number;
  /**
   * Called with connection errors that happen outside a query (an idle connection dropped by the
   * server or the network), which pg emits as `error` events that would crash the process.
   * @default a one-line `console.warn`
   */
  onError?: (error: Error) => void;
}

const defaults = Object.freeze({
  schema: 'public',
  maxConnections: 4,
  connectionTimeoutMillis: 5000,
  onError: warnOfConnectionError,
});

/**
 * A registry store in PostgreSQL through pg, for several replicas and workers sharing one
 * registry. Version numbers come from a per-model counter row locked by the registering
 * transaction; an alias move locks the alias row (`SELECT … FOR UPDATE`), compares, and appends
 * its history in the same transaction, so of two workers promoting at once exactly one wins and
 * the other gets `CONFLICT`. Inline artifacts are JSON text, the other JSON columns jsonb.
 * `migrate()` is safe from several processes at once (kysely's migrator holds an advisory lock).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresRegistryStore } from '@driftwatch/adapters';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5000 });
 * const store = createPostgresRegistryStore({ pool, schema: 'driftwatch' });
 * await store.migrate();
 * const champion = await store.readAlias('churn', 'champion');
 * console.log(champion?.version);
 * await store.shutdown();
 * await pool.end(); // the store never ends a pool you pass in
 * ```
 */
export function createPostgresRegistryStore(config: PostgresRegistryStoreConfig): RegistryStore {
  const settings = Object.freeze({
    ...resolvePostgresConnectionConfig('createPostgresRegistryStore', config, defaults),
    onError: config.onError ?? defaults.onError,
  });
  checkConnectionLimits('createPostgresRegistryStore', settings);
  checkSchemaName('createPostgresRegistryStore', settings.schema);
  const connection = createPostgresConnection<RegistryStoreTables>({ factory: 'createPostgresRegistryStore', ...settings });
  const db = connection.db.withSchema(settings.schema);

  return createKyselyRegistryStore({
    backendName: 'PostgreSQL',
    db,
    dialect: postgresDialect,
    transaction: (body) => db.transaction().execute((trx) => body(trx)),
    lockRowsForUpdate: true,
    migrate: () => migratePostgresSchema(connection.db, createRegistryStoreMigrationProvider(postgresDialect, settings.schema), registryTableNames, settings.schema),
    close: () => connection.close(),
  });
}
