import { DriftwatchError, type ModelVersionRecord } from '@driftwatch/core';
import { describeRegistryStoreContract } from '@driftwatch/core/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../event-stores/postgres-event-store.js';
import { createSchemaTracker, createTestPool, errorCode, postgresSuiteTitle, postgresTestUrl, probePostgres } from '../event-stores/postgres-test-database.test-helper.js';
import { createPostgresRegistryStore } from './postgres-registry-store.js';

const skipReason = await probePostgres();
const { newSchema, dropAll } = createSchemaTracker();
let lastSchema = '';
// One pool for the first store of every test, which the stores must never end; the second store
// of the race tests gets a pool of its own, as another process would.
const sharedPool = createTestPool({ max: 4, connectionTimeoutMillis: 5000 });

describeRegistryStoreContract({
  name: 'PostgreSQL (a fresh schema per test, a second pool for the races)',
  createStore: async () => createPostgresRegistryStore({ pool: sharedPool, schema: (lastSchema = newSchema()) }),
  createSecondStore: async () => createPostgresRegistryStore({ connectionString: postgresTestUrl, schema: lastSchema, maxConnections: 4 }),
  cleanup: async () => {
    await sharedPool.end();
    await dropAll();
  },
  ...(skipReason === undefined ? {} : { skipReason }),
});

const version = (modelName: string): Omit<ModelVersionRecord, 'version'> => ({
  modelName,
  artifact: { flavor: 'constant', formatVersion: 1, data: { value: 1 } },
  params: {},
  metrics: {},
  tags: {},
  createdAt: new Date(Date.UTC(2026, 0, 1)),
});

describe.skipIf(skipReason !== undefined)(postgresSuiteTitle('createPostgresRegistryStore', skipReason), () => {
  const admin = createTestPool({ max: 2 });
  afterAll(async () => {
    await admin.end();
    await dropAll();
  });

  it('lets exactly one of two pools win each compare-and-set race, round after round', { timeout: 60_000 }, async () => {
    const schema = newSchema();
    const first = createPostgresRegistryStore({ connectionString: postgresTestUrl, schema });
    const second = createPostgresRegistryStore({ connectionString: postgresTestUrl, schema });
    await Promise.all([first.migrate(), second.migrate()]);
    const rounds = 15;
    for (let index = 0; index < 2 * rounds + 1; index++) await first.createModelVersion(version('churn'));
    await first.moveAlias({ modelName: 'churn', alias: 'champion', expectedVersion: undefined, toVersion: 1, actor: 'setup', reason: 'first', at: new Date() });
    let current = 1;
    for (let round = 0; round < rounds; round++) {
      const targets = [2 + 2 * round, 3 + 2 * round];
      const results = await Promise.allSettled(
        [first, second].map((store, index) =>
          store.moveAlias({ modelName: 'churn', alias: 'champion', expectedVersion: current, toVersion: targets[index], actor: `pool-${index}`, reason: `round ${round}`, at: new Date() }),
        ),
      );
      const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      expect(won, `round ${round}`).toHaveLength(1);
      const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(DriftwatchError.isInstance(lost.reason) && lost.reason.code).toBe('CONFLICT');
      current = won[0]!.toVersion!;
      expect((await second.readAlias('churn', 'champion'))!.version).toBe(current);
    }
    expect((await first.readAliasHistory('churn', 'champion')).map((entry) => entry.sequence)).toEqual(Array.from({ length: rounds + 1 }, (_, index) => index + 1));
    await Promise.all([first.shutdown(), second.shutdown()]);
  });

  it('shares a schema with the event store, each with its own migration list', async () => {
    const schema = newSchema();
    const events = createPostgresEventStore({ connectionString: postgresTestUrl, schema });
    const registry = createPostgresRegistryStore({ connectionString: postgresTestUrl, schema });
    await Promise.all([events.migrate(), registry.migrate(), events.migrate(), registry.migrate()]);
    const migrations = async (table: string) => (await admin.query<{ name: string }>(`select name from "${schema}".${table} order by name`)).rows.map((row) => row.name);
    expect(await migrations('driftwatch_migration')).toEqual(['0001_create_event_store', '0002_add_window_profile_record_id']);
    expect(await migrations('driftwatch_registry_migration')).toEqual(['0001_create_registry_store']);
    await registry.createModelVersion(version('churn'));
    await events.writePredictions([{ id: 'p', timestamp: new Date(0), modelName: 'churn', modelVersion: '1', features: {}, prediction: {} }]);
    expect(await registry.listModelNames()).toEqual(['churn']);
    expect(await events.listModels()).toEqual(['churn']);
    await Promise.all([events.shutdown(), registry.shutdown()]);
  });

  it('keeps the inline artifact as its exact JSON text, the other JSON as jsonb, and sorts names by code point', async () => {
    const schema = newSchema();
    const store = createPostgresRegistryStore({ connectionString: postgresTestUrl, schema });
    await store.migrate();
    await store.createModelVersion({ ...version('b'), artifact: { flavor: 'f', formatVersion: 1, data: { z: 1, a: [0.1, -1e-300] } } });
    await store.createModelVersion(version('B'));
    await store.createModelVersion(version('a'));
    const { rows } = await admin.query<{ artifact_data: string }>(`select artifact_data from "${schema}".driftwatch_model_versions where model_name = 'b'`);
    expect(rows[0]!.artifact_data).toBe('{"z":1,"a":[0.1,-1e-300]}');
    const { rows: columns } = await admin.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = 'driftwatch_model_versions'`,
      [schema],
    );
    expect(Object.fromEntries(columns.map((column) => [column.column_name, column.data_type]))).toMatchObject({
      artifact_data: 'text',
      params: 'jsonb',
      created_at: 'timestamp with time zone',
    });
    expect(await store.listModelNames()).toEqual(['B', 'a', 'b']);
    await store.shutdown();
  });

  it('never ends a pool it was given', async () => {
    const pool = new pg.Pool({ connectionString: postgresTestUrl, max: 2 });
    const store = createPostgresRegistryStore({ pool, schema: newSchema() });
    await store.migrate();
    await store.shutdown();
    expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('rejects a configuration without exactly one of pool and connectionString, or with an unsafe schema name', () => {
    expect(errorCode(() => createPostgresRegistryStore({}))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPostgresRegistryStore({ pool: sharedPool, connectionString: postgresTestUrl }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPostgresRegistryStore({ connectionString: postgresTestUrl, schema: 'x"; drop schema public; --' }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPostgresRegistryStore({ connectionString: postgresTestUrl, maxConnections: 0 }))).toBe('INVALID_ARGUMENT');
  });
});
