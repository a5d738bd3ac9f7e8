import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DriftwatchError, type ModelVersionRecord } from '@driftwatch/core';
import { describeRegistryStoreContract } from '@driftwatch/core/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runTypeScript } from '../event-stores/child-process.test-helper.js';
import { createSqliteEventStore } from '../event-stores/sqlite-event-store.js';
import { createSqliteRegistryStore } from './sqlite-registry-store.js';

const directory = mkdtempSync(join(tmpdir(), 'driftwatch-registry-'));
let fileCount = 0;
const nextFile = () => join(directory, `registry-${++fileCount}.db`);
let lastFile = '';

afterAll(() => rmSync(directory, { recursive: true, force: true }));

// A new file per test; the second store of the race tests is a second connection to that file.
describeRegistryStoreContract({
  name: 'SQLite (a file per test, two connections for the races)',
  createStore: async () => createSqliteRegistryStore({ filename: (lastFile = nextFile()) }),
  createSecondStore: async () => createSqliteRegistryStore({ filename: lastFile }),
});

const version = (modelName: string, description?: string): Omit<ModelVersionRecord, 'version'> => ({
  modelName,
  artifact: { flavor: 'constant', formatVersion: 1, data: { value: 1 } },
  params: {},
  metrics: {},
  tags: {},
  createdAt: new Date(Date.UTC(2026, 0, 1)),
  ...(description === undefined ? {} : { description }),
});

describe('createSqliteRegistryStore', () => {
  it('lets exactly one of several processes win the same compare-and-set move, and numbers their versions without gaps', { timeout: 90_000 }, async () => {
    const filename = nextFile();
    const store = createSqliteRegistryStore({ filename });
    await store.migrate();
    for (let index = 0; index < 5; index++) await store.createModelVersion(version('churn'));
    await store.moveAlias({ modelName: 'churn', alias: 'champion', expectedVersion: undefined, toVersion: 1, actor: 'setup', reason: 'first', at: new Date() });
    const script = fileURLToPath(new URL('./race-sqlite-registry.test-script.ts', import.meta.url));
    const processes = [1, 2, 3, 4];
    const startAt = String(Date.now() + 4000);
    const results = await Promise.all(
      processes.map((index) => runTypeScript(script, { DW_SQLITE_FILE: filename, DW_PROCESS: String(index), DW_START_AT: startAt }, 80_000)),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const outcomes = results.map((result) => JSON.parse(result.stdout) as { move: string; versions: number[] });
    expect(outcomes.filter((outcome) => outcome.move === 'won')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.move === 'CONFLICT')).toHaveLength(processes.length - 1);
    // Each process registered 5 versions while the others did the same.
    expect(outcomes.flatMap((outcome) => outcome.versions).sort((left, right) => left - right)).toEqual(
      Array.from({ length: processes.length * 5 }, (_, index) => index + 6),
    );
    const history = await store.readAliasHistory('churn', 'champion');
    expect(history.map((entry) => entry.sequence)).toEqual([1, 2]);
    expect((await store.readAlias('churn', 'champion'))!.version).toBe(history[1]!.toVersion);
    await store.shutdown();
  });

  it('shares a file with the event store: distinct tables and migration lists, writes of both in one process never wait out the busy timeout', async () => {
    const filename = nextFile();
    const events = createSqliteEventStore({ filename });
    const registry = createSqliteRegistryStore({ filename, busyTimeoutMillis: 2000 });
    await Promise.all([events.migrate(), registry.migrate()]);
    const started = Date.now();
    await Promise.all([
      ...Array.from({ length: 20 }, (_, index) =>
        events.writePredictions([
          { id: `p${index}`, timestamp: new Date(Date.UTC(2026, 0, 1) + index), modelName: 'churn', modelVersion: '1', features: {}, prediction: {} },
        ]),
      ),
      ...Array.from({ length: 20 }, (_, index) => registry.createModelVersion(version('churn', `v${index}`))),
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await registry.listModelVersions('churn')).map((record) => record.version)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(await events.readPredictions({ modelName: 'churn', from: new Date(0), to: new Date(Date.UTC(2027, 0)), limit: 100 })).toHaveLength(20);
    await Promise.all([events.shutdown(), registry.shutdown()]);
    const database = new Database(filename, { readonly: true });
    expect(database.prepare('select name from driftwatch_migration').all()).toEqual([{ name: '0001_create_event_store' }, { name: '0002_add_window_profile_record_id' }]);
    expect(database.prepare('select name from driftwatch_registry_migration').all()).toEqual([{ name: '0001_create_registry_store' }]);
    database.close();
  });

  it('stores timestamps as epoch milliseconds and the inline artifact as its exact JSON text', async () => {
    const database = new Database(nextFile());
    const store = createSqliteRegistryStore({ database });
    await store.migrate();
    await store.createModelVersion({ ...version('churn'), artifact: { flavor: 'f', formatVersion: 1, data: { b: 1, a: [0.1, 2e-300] } } });
    expect(database.prepare('select artifact_data, created_at from driftwatch_model_versions').get()).toEqual({
      artifact_data: '{"b":1,"a":[0.1,2e-300]}',
      created_at: Date.UTC(2026, 0, 1),
    });
    await store.shutdown();
    expect(database.open).toBe(true);
    database.close();
  });

  it('rejects a row that fails validation with VALIDATION_FAILED, naming the table and key', async () => {
    const database = new Database(nextFile());
    const store = createSqliteRegistryStore({ database });
    await store.migrate();
    await store.writeRun({ id: 'r1', experiment: 'e', status: 'running', params: {}, metrics: {}, artifacts: {}, tags: {}, startedAt: new Date(0) });
    database.prepare("update driftwatch_runs set status = 'paused'").run();
    const error = await store.readRun('r1').catch((rejection: unknown) => rejection);
    expect(DriftwatchError.isInstance(error) && error.code).toBe('VALIDATION_FAILED');
    expect((error as DriftwatchError).details).toMatchObject({ table: 'runs', key: 'r1' });
    await store.shutdown();
    database.close();
  });

  it('reads a metric that JSON could not hold (NaN) back as NaN instead of failing', async () => {
    const store = createSqliteRegistryStore({ filename: nextFile() });
    await store.migrate();
    await store.createModelVersion({ ...version('churn'), metrics: { auc: Number.NaN, accuracy: 0.5 } });
    expect((await store.readModelVersion('churn', 1))!.metrics).toEqual({ auc: Number.NaN, accuracy: 0.5 });
    await store.shutdown();
  });

  it('rejects an invalid busy timeout, and reports driver failures as STORE_FAILED', async () => {
    expect(() => createSqliteRegistryStore({ busyTimeoutMillis: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const store = createSqliteRegistryStore({ filename: join(directory, 'missing-directory', 'registry.db') });
    const error = await store.migrate().catch((rejection: unknown) => rejection);
    expect(DriftwatchError.isInstance(error) && error.code).toBe('STORE_FAILED');
    await store.shutdown();
  });
});
