/**
 * The subset of a pg `PoolClient` that the PostgreSQL event store calls.
 *
 * Described here instead of imported so that `@driftwatch/adapters` does not depend on pg or
 * its types: the driver is an optional peer dependency that you pass in (the same reasoning
 * as Kysely's `PostgresDialectConfig`).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresPoolClient } from '@driftwatch/adapters';
 * const client: PostgresPoolClient = await new pg.Pool().connect();
 * client.release();
 * ```
 */
export interface PostgresPoolClient {
  query<Row>(sql: string, parameters: ReadonlyArray<unknown>): Promise<{ rows: Row[]; rowCount: number | null; command: string }>;
  release(destroy?: boolean): void;
  /** Present on pg clients; the store listens for `error` so that a dropped socket never crashes the process. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Present on pg clients; removes the store's listener when the client goes back to the pool. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The subset of a pg (v8) `Pool` that the PostgreSQL event store calls. A `new Pool()` from pg
 * satisfies it.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresPool } from '@driftwatch/adapters';
 * const pool: PostgresPool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PostgresPool {
  connect(): Promise<PostgresPoolClient>;
  end(): Promise<void>;
  /** Present on pg pools; see {@link PostgresPoolClient.on}. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Present on pg pools; removes the store's `error` listener on shutdown. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Configuration of {@link createPostgresEventStore}. Give `pool` or `connectionString`.
 *
 * @example
 * ```ts
 * import type { PostgresEventStoreConfig } from '@driftwatch/adapters';
 * const config: PostgresEventStoreConfig = {
 *   connectionString: 'postgres://driftwatch@localhost:5432/monitoring',
 *   schema: 'driftwatch',
 * };
 * ```
 */
export interface PostgresEventStoreConfig {
  /**
   * A pg pool. The store never ends it: its owner does, after `shutdown()`. Configure it to
   * recover from outages (`connectionTimeoutMillis`), as the pool the store creates does, and
   * keep pg's default type parser for jsonb (the store reads jsonb columns as parsed values).
   * @default undefined (create a pool from `connectionString`)
   */
  pool?: PostgresPool;
  /**
   * Connection string for the pool the store creates (and ends on `shutdown()`) when no
   * `pool` is given. pg is then loaded by the store (an optional peer dependency).
   * @default undefined
   */
  connectionString?: string;
  /**
   * Schema that holds the tables; created by `migrate()` when missing. Give each test run its
   * own to keep runs apart.
   * @default 'public'
   */
  schema?: string;
  /**
   * Connections in the pool the store creates. Ignored when `pool` is given.
   * @default 10
   */
  maxConnections?: number;
  /**
   * How long the pool the store creates waits for a connection before the write fails (and
   * the logger retries or counts it), instead of hanging while the database is unreachable.
   * Ignored when `pool` is given.
   * @default 5000
   */
  connectionTimeoutMillis?: number;
  /**
   * Called with connection errors that happen outside a query (an idle connection dropped by
   * the server or the network). pg emits them as `error` events, which crash the process when
   * nobody listens, so the store listens on the pool and on each client it uses.
   * @default a one-line `console.warn`
   */
  onError?: (error: Error) => void;
  /**
   * Text bytes of parsed profiles the store keeps, so that the Monitor, which re-reads the same
   * hour of window profiles every minute, validates each profile once instead of every time.
   * Memory use is about three times this. Cached profiles are frozen and shared between reads.
   * `0` turns the cache off.
   * @default 4194304 (4 MiB)
   */
  profileCacheBytes?: number;
}
