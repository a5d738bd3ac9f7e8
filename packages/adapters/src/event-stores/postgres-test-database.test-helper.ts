import { randomBytes } from 'node:crypto';
import { DriftwatchError } from '@driftwatch/core';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

/** The PostgreSQL the tests use; CI provides it on 127.0.0.1:5432 with trust auth. */
export const postgresTestUrl = process.env.DRIFTWATCH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL is reachable. Returns a skip reason when it is not; in CI (`CI=true`)
 * throws instead, so a missing database fails the run loudly rather than skipping silently.
 */
export async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresTestUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    const reason = `PostgreSQL is not reachable at ${postgresTestUrl} (${(error as Error).message}); set DRIFTWATCH_TEST_POSTGRES_URL or start it`;
    if (process.env.CI === 'true') throw new Error(`${reason}. PostgreSQL is required in CI.`, { cause: error });
    console.warn(`[driftwatch] skipping PostgreSQL tests: ${reason}.`);
    return reason;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A PostgreSQL suite's title, with the reason it is skipped when {@link probePostgres} gave one. */
export function postgresSuiteTitle(title: string, skipReason: string | undefined): string {
  return skipReason === undefined ? title : `${title} (skipped: ${skipReason})`;
}

/** A schema name no other run uses, so reruns and parallel runs never collide. */
export function createSchemaName(): string {
  return `dw_test_${randomBytes(6).toString('hex')}`;
}

/** Drops the given schemas and everything in them. */
export async function dropSchemas(schemas: Iterable<string>): Promise<void> {
  const names = [...schemas];
  if (names.length === 0) return;
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: postgresTestUrl, max: 1 }) }) });
  try {
    for (const name of names) await db.schema.dropSchema(name).ifExists().cascade().execute();
  } finally {
    await db.destroy();
  }
}

/** Fresh schema names for one test file, remembered so that `dropAll` can drop them afterwards. */
export interface SchemaTracker {
  /** The names handed out and not dropped yet, oldest first. */
  schemas: string[];
  /** A fresh schema name, remembered for `dropAll`. */
  newSchema(): string;
  /** Drops every schema handed out so far, and forgets them. */
  dropAll(): Promise<void>;
}

export function createSchemaTracker(): SchemaTracker {
  const schemas: string[] = [];
  return {
    schemas,
    newSchema() {
      const schema = createSchemaName();
      schemas.push(schema);
      return schema;
    },
    dropAll: () => dropSchemas(schemas.splice(0)),
  };
}

/** A pg pool on the test database whose idle-client errors (a terminated backend) are ignored. */
export function createTestPool(options: { max: number; connectionTimeoutMillis?: number }): pg.Pool {
  const pool = new pg.Pool({ connectionString: postgresTestUrl, ...options });
  pool.on('error', () => undefined);
  return pool;
}

/** The `DriftwatchError` code `build` throws (or the error as text, or `'no error'`). */
export function errorCode(build: () => unknown): string {
  try {
    build();
    return 'no error';
  } catch (error) {
    return DriftwatchError.isInstance(error) ? error.code : String(error);
  }
}
