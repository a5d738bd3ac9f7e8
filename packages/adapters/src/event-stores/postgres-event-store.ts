import { DriftwatchError, type EventStore } from '@driftwatch/core';
import { Kysely, Migrator, PostgresDialect, type PostgresPool as KyselyPostgresPool } from 'kysely';
import { createEventStoreMigrationProvider } from '../internal/event-store-migrations.js';
import { tableNames, type EventStoreTables } from '../internal/event-store-tables.js';
import { checkIntegerSetting } from '../internal/check-store-config.js';
import { createKyselyEventStore } from '../internal/kysely-event-store.js';
import { postgresDialect } from '../internal/storage-dialect.js';
import type { PostgresEventStoreConfig, PostgresPool, PostgresPoolClient } from './postgres-event-store-config.js';

const defaults = Object.freeze({
  schema: 'public',
  maxConnections: 10,
  connectionTimeoutMillis: 5000,
  onError: (error: Error) => console.warn(`[driftwatch] PostgreSQL connection error: ${error.message}`),
  profileCacheBytes: 4 * 1024 * 1024,
});

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

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
  if ((config.pool === undefined) === (config.connectionString === undefined)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: 'createPostgresEventStore needs exactly one of pool and connectionString.',
    });
  }
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
  if (!identifier.test(settings.schema)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `schema must be a plain identifier of at most 63 characters (letters, digits, _), not "${settings.schema}".`,
      details: { schema: settings.schema },
    });
  }

  const reportError = (error: Error) => {
    try {
      settings.onError(error);
    } catch {
      // A failing error hook must not turn a recoverable connection error into a crash.
    }
  };
  let pool: PostgresPool | undefined;

  const base = new Kysely<EventStoreTables>({
    dialect: new PostgresDialect({
      // Called on the first query, so a store that is never used never connects.
      pool: async () => {
        pool = settings.pool ?? (await createPool(settings.connectionString!, settings.maxConnections, settings.connectionTimeoutMillis));
        pool.on?.('error', reportError);
        const source = pool;
        return {
          async connect() {
            const client = await source.connect();
            // pg emits `error` on a checked-out client whose socket drops between queries, and
            // with no listener that is an uncaught exception. While the client is idle in the
            // pool, the pool forwards such errors to its own `error` event instead.
            client.on?.('error', reportError);
            return {
              query: (...parameters: Parameters<PostgresPoolClient['query']>) => client.query(...parameters),
              release(destroy?: boolean) {
                client.removeListener?.('error', reportError);
                client.release(destroy);
              },
            };
          },
          // Kysely.destroy() ends the pool; the store's own shutdown decides instead.
          end: async () => undefined,
          // pg types `command` as a string where kysely lists the commands it issues.
        } as KyselyPostgresPool;
      },
    }),
  });
  const db = base.withSchema(settings.schema);

  return createKyselyEventStore({
    backendName: 'PostgreSQL',
    db,
    dialect: postgresDialect,
    profileCacheBytes: settings.profileCacheBytes,
    migrate: async () => {
      const migrator = new Migrator({
        db: base,
        provider: createEventStoreMigrationProvider(postgresDialect, settings.schema),
        migrationTableName: tableNames.migrations,
        migrationLockTableName: tableNames.migrationLock,
        migrationTableSchema: settings.schema,
      });
      const { error } = await migrator.migrateToLatest();
      if (error !== undefined) throw error;
    },
    close: async () => {
      await base.destroy();
      pool?.removeListener?.('error', reportError);
      if (settings.pool === undefined) await pool?.end();
    },
  });
}

async function createPool(connectionString: string, max: number, connectionTimeoutMillis: number): Promise<PostgresPool> {
  let module: unknown;
  try {
    module = await import('pg');
  } catch (error) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: 'createPostgresEventStore needs pg to connect with a connectionString: install it (npm install pg) or pass a pool.',
      cause: error,
    });
  }
  const exports = module as { default?: { Pool?: unknown }; Pool?: unknown };
  const Pool = (exports.Pool ?? exports.default?.Pool) as new (options: Record<string, unknown>) => PostgresPool;
  return new Pool({ connectionString, max, connectionTimeoutMillis, idleTimeoutMillis: 10_000, keepAlive: true });
}
