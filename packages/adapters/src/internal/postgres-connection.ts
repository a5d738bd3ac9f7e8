import { DriftwatchError } from '@driftwatch/core';
import { Kysely, Migrator, PostgresDialect, type MigrationProvider, type PostgresPool as KyselyPostgresPool } from 'kysely';
import type { PostgresPool, PostgresPoolClient } from '../event-stores/postgres-event-store-config.js';
import { checkIntegerSetting } from './check-store-config.js';

/** The connection part of a PostgreSQL adapter's config, as the user gives it. */
export interface PostgresConnectionConfig {
  pool?: PostgresPool;
  connectionString?: string;
  schema?: string;
  maxConnections?: number;
  connectionTimeoutMillis?: number;
}

/** An adapter's defaults for the connection part of its config. */
export interface PostgresConnectionDefaults {
  schema: string;
  maxConnections: number;
  connectionTimeoutMillis: number;
}

/** The connection part of a PostgreSQL adapter's config, defaults applied. */
export interface ResolvedPostgresConnectionConfig {
  pool: PostgresPool | undefined;
  connectionString: string | undefined;
  schema: string;
  maxConnections: number;
  connectionTimeoutMillis: number;
}

/** The stores' default `onError`: a one-line `console.warn`. */
export const warnOfConnectionError = (error: Error): void => console.warn(`[driftwatch] PostgreSQL connection error: ${error.message}`);

/** What {@link createPostgresConnection} needs: the connection part of a PostgreSQL adapter's config. */
export interface PostgresConnectionSettings {
  /** The public factory, for error messages: `createPostgresEventStore`. */
  factory: string;
  pool: PostgresPool | undefined;
  connectionString: string | undefined;
  maxConnections: number;
  connectionTimeoutMillis: number;
  onError: (error: Error) => void;
}

/** A kysely database over a pg pool (given or created lazily), shared by the PostgreSQL adapters. */
export interface PostgresConnection<Tables> {
  /** Not scoped to a schema: call `withSchema` for the store's tables. */
  db: Kysely<Tables>;
  /** Destroys kysely and ends the pool if the connection created it (never one passed in). */
  close(): Promise<void>;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Throws `INVALID_ARGUMENT` unless exactly one of `pool` and `connectionString` is given. */
export function checkPoolOrConnectionString(factory: string, config: { pool?: unknown; connectionString?: unknown }): void {
  if ((config.pool === undefined) === (config.connectionString === undefined)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `${factory} needs exactly one of pool and connectionString.`,
    });
  }
}

/**
 * Throws `INVALID_ARGUMENT` unless exactly one of `pool` and `connectionString` is given, and
 * returns the connection part of `config` with `defaults` applied. The values are not checked
 * yet: see {@link checkConnectionLimits} and {@link checkSchemaName}.
 */
export function resolvePostgresConnectionConfig(
  factory: string,
  config: PostgresConnectionConfig,
  defaults: PostgresConnectionDefaults,
): ResolvedPostgresConnectionConfig {
  checkPoolOrConnectionString(factory, config);
  return {
    pool: config.pool,
    connectionString: config.connectionString,
    schema: config.schema ?? defaults.schema,
    maxConnections: config.maxConnections ?? defaults.maxConnections,
    connectionTimeoutMillis: config.connectionTimeoutMillis ?? defaults.connectionTimeoutMillis,
  };
}

/** Throws `INVALID_ARGUMENT` unless `maxConnections` and `connectionTimeoutMillis` are integers of at least 1. */
export function checkConnectionLimits(factory: string, settings: { maxConnections: number; connectionTimeoutMillis: number }): void {
  checkIntegerSetting(factory, 'maxConnections', settings.maxConnections, 1);
  checkIntegerSetting(factory, 'connectionTimeoutMillis', settings.connectionTimeoutMillis, 1);
}

/**
 * Throws `INVALID_ARGUMENT` unless `schema` is a plain identifier: it is written into DDL and
 * `search_path`-free table references, where no parameter can carry it.
 */
export function checkSchemaName(factory: string, schema: string, maximumLength = 63): void {
  if (!identifier.test(schema) || schema.length > maximumLength) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `${factory}: schema must be a plain identifier of at most ${maximumLength} characters (letters, digits, _), not "${schema}".`,
      details: { schema },
    });
  }
}

/**
 * Connects an adapter to PostgreSQL. pg emits `error` on a pool's idle clients and on checked-out
 * clients whose socket drops between queries; with no listener that is an uncaught exception,
 * so the connection listens on both and reports to `onError` (guarded: a throwing hook is ignored).
 */
export function createPostgresConnection<Tables>(settings: PostgresConnectionSettings): PostgresConnection<Tables> {
  const reportError = (error: Error) => {
    try {
      settings.onError(error);
    } catch {
      // A failing error hook must not turn a recoverable connection error into a crash.
    }
  };
  let pool: Promise<PostgresPool> | undefined;
  let opened: PostgresPool | undefined;

  function getPool(): Promise<PostgresPool> {
    pool ??= (async () => {
      const created = settings.pool ?? (await createPool(settings.factory, settings.connectionString!, settings.maxConnections, settings.connectionTimeoutMillis));
      created.on?.('error', reportError);
      opened = created;
      return created;
    })().catch((error: unknown) => {
      pool = undefined;
      throw error;
    });
    return pool;
  }

  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({
      // Called on the first query, so an adapter that is never used never connects.
      pool: async () => {
        const source = await getPool();
        return {
          async connect() {
            const client = await source.connect();
            // While the client is checked out its errors reach its own listeners only; back in
            // the pool, the pool forwards them to its `error` event instead.
            client.on?.('error', reportError);
            return {
              query: (...parameters: Parameters<PostgresPoolClient['query']>) => client.query(...parameters),
              release(destroy?: boolean) {
                client.removeListener?.('error', reportError);
                client.release(destroy);
              },
            };
          },
          // Kysely.destroy() ends the pool; the adapter's own shutdown decides instead.
          end: async () => undefined,
          // pg types `command` as a string where kysely lists the commands it issues.
        } as KyselyPostgresPool;
      },
    }),
  });

  return {
    db,
    close: async () => {
      await db.destroy();
      opened?.removeListener?.('error', reportError);
      if (settings.pool === undefined) await opened?.end();
    },
  };
}

/**
 * Migrates `schema` to the latest of `provider`'s migrations with kysely's migrator, which holds
 * an advisory lock (so several processes may migrate at once), and throws the failure it reports.
 */
export async function migratePostgresSchema(
  db: Kysely<any>,
  provider: MigrationProvider,
  tables: { migrations: string; migrationLock: string },
  schema: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: tables.migrations,
    migrationLockTableName: tables.migrationLock,
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

async function createPool(factory: string, connectionString: string, max: number, connectionTimeoutMillis: number): Promise<PostgresPool> {
  let module: unknown;
  try {
    module = await import('pg');
  } catch (error) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `${factory} needs pg to connect with a connectionString: install it (npm install pg) or pass a pool.`,
      cause: error,
    });
  }
  const exports = module as { default?: { Pool?: unknown }; Pool?: unknown };
  const Pool = (exports.Pool ?? exports.default?.Pool) as new (options: Record<string, unknown>) => PostgresPool;
  return new Pool({ connectionString, max, connectionTimeoutMillis, idleTimeoutMillis: 10_000, keepAlive: true });
}
