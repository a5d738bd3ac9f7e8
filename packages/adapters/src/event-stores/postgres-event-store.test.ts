import { randomBytes } from 'node:crypto';
import type { PredictionRecord } from '@driftwatch/core';
import { describeEventStoreContract } from '@driftwatch/core/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore } from './postgres-event-store.js';
import { createSchemaTracker, createTestPool, errorCode, postgresSuiteTitle, postgresTestUrl, probePostgres } from './postgres-test-database.test-helper.js';

const skipReason = await probePostgres();
const { newSchema, dropAll } = createSchemaTracker();
// One pool for the contract suite: the stores are given it, so they must never end it.
const sharedPool = createTestPool({ max: 4, connectionTimeoutMillis: 5000 });

describeEventStoreContract({
  name: 'PostgreSQL (a fresh schema per test, pool given by the caller)',
  createStore: async () => createPostgresEventStore({ pool: sharedPool, schema: newSchema() }),
  cleanup: async () => {
    await sharedPool.end();
    await dropAll();
  },
  ...(skipReason === undefined ? {} : { skipReason }),
});

const record = (id: string, offsetMillis = 0): PredictionRecord => ({
  id,
  timestamp: new Date(Date.UTC(2026, 0, 1) + offsetMillis),
  modelName: 'churn',
  modelVersion: '1',
  features: { tenure: 3 },
  prediction: { score: 0.5 },
});
const everything = { modelName: 'churn', from: new Date(0), to: new Date(Date.UTC(2030, 0)) };

describe.skipIf(skipReason !== undefined)(postgresSuiteTitle('createPostgresEventStore', skipReason), () => {
  const admin = createTestPool({ max: 2 });
  afterAll(async () => {
    await admin.end();
    await dropAll();
  });

  it('creates its schema with timestamptz and jsonb columns and the indexes the queries use', async () => {
    const schema = newSchema();
    const store = createPostgresEventStore({ connectionString: postgresTestUrl, schema });
    await store.migrate();
    const { rows: columns } = await admin.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = 'driftwatch_predictions'`,
      [schema],
    );
    const types = Object.fromEntries(columns.map((column) => [column.column_name, column.data_type]));
    expect(types).toMatchObject({ timestamp: 'timestamp with time zone', features: 'json', cache_hit: 'boolean', latency_millis: 'double precision' });
    const { rows: indexes } = await admin.query<{ indexname: string }>('select indexname from pg_indexes where schemaname = $1', [schema]);
    expect(indexes.map((index) => index.indexname)).toEqual(
      expect.arrayContaining([
        'driftwatch_predictions_model_time',
        'driftwatch_outcomes_pkey',
        'driftwatch_window_profiles_model_window',
        'driftwatch_check_results_model_kind_time',
        'driftwatch_alerts_dedupe_time',
        'driftwatch_alerts_status_time',
      ]),
    );
    await store.shutdown();
  });

  it('migrates once when several pools migrate the same fresh schema at once', async () => {
    const schema = newSchema();
    const stores = Array.from({ length: 4 }, () => createPostgresEventStore({ connectionString: postgresTestUrl, schema, maxConnections: 2 }));
    await Promise.all(stores.map((store) => store.migrate()));
    const { rows } = await admin.query(`select name from "${schema}".driftwatch_migration order by name`);
    expect(rows).toEqual([{ name: '0001_create_event_store' }, { name: '0002_add_window_profile_record_id' }]);
    await Promise.all(stores.map((store, index) => store.writePredictions([record(`p${index}`, index)])));
    expect(await stores[0]!.readPredictions(everything)).toHaveLength(4);
    await Promise.all(stores.map((store) => store.shutdown()));
  });

  it('keeps schemas apart', async () => {
    const first = createPostgresEventStore({ connectionString: postgresTestUrl, schema: newSchema() });
    const second = createPostgresEventStore({ connectionString: postgresTestUrl, schema: newSchema() });
    await Promise.all([first.migrate(), second.migrate()]);
    await first.writePredictions([record('only-in-first')]);
    expect(await second.readPredictions(everything)).toEqual([]);
    expect(await second.listModels()).toEqual([]);
    await Promise.all([first.shutdown(), second.shutdown()]);
  });

  it('never ends a pool it was given, and ends the pool it created', async () => {
    const applicationName = `dw_owned_${randomBytes(4).toString('hex')}`;
    const connections = async () =>
      Number((await admin.query<{ count: string }>('select count(*) from pg_stat_activity where application_name = $1', [applicationName])).rows[0]!.count);
    const owned = createPostgresEventStore({ connectionString: `${postgresTestUrl}?application_name=${applicationName}`, schema: newSchema() });
    await owned.migrate();
    expect(await connections()).toBeGreaterThan(0);
    await owned.shutdown();
    await expect.poll(connections, { timeout: 5000 }).toBe(0);

    const pool = new pg.Pool({ connectionString: postgresTestUrl, max: 2 });
    const given = createPostgresEventStore({ pool, schema: newSchema() });
    await given.migrate();
    await given.shutdown();
    expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('survives its idle connections being terminated, reporting them to onError', async () => {
    const applicationName = `dw_killed_${randomBytes(4).toString('hex')}`;
    const errors: Error[] = [];
    const store = createPostgresEventStore({
      connectionString: `${postgresTestUrl}?application_name=${applicationName}`,
      schema: newSchema(),
      onError: (error) => errors.push(error),
    });
    await store.migrate();
    await store.writePredictions([record('before')]);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
    await expect.poll(() => errors.length, { timeout: 5000 }).toBeGreaterThan(0);
    await store.writePredictions([record('after', 1)]);
    expect((await store.readPredictions(everything)).map((read) => read.id)).toEqual(['after', 'before']);
    await store.shutdown();
  });

  it('rejects a configuration without exactly one of pool and connectionString, or with an unsafe schema name', () => {
    expect(errorCode(() => createPostgresEventStore({}))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPostgresEventStore({ pool: sharedPool, connectionString: postgresTestUrl }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPostgresEventStore({ connectionString: postgresTestUrl, schema: 'a"; drop schema public; --' }))).toBe('INVALID_ARGUMENT');
  });

  it('stores timestamps as timestamptz with millisecond precision', async () => {
    const schema = newSchema();
    const store = createPostgresEventStore({ connectionString: postgresTestUrl, schema });
    await store.migrate();
    await store.writePredictions([record('a', 123)]);
    const { rows } = await admin.query<{ millis: string }>(
      `select (extract(epoch from timestamp) * 1000)::bigint as millis from "${schema}".driftwatch_predictions`,
    );
    expect(Number(rows[0]!.millis)).toBe(Date.UTC(2026, 0, 1) + 123);
    await store.shutdown();
  });
});
