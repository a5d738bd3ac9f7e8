import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DriftwatchError, type PredictionRecord, type WindowProfileRecord } from '@driftwatch/core';
import { createProfileSpec, profileDataset } from '@driftwatch/drift';
import { describeEventStoreContract } from '@driftwatch/core/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runTypeScript } from './child-process.test-helper.js';
import { createSqliteEventStore } from './sqlite-event-store.js';

const directory = mkdtempSync(join(tmpdir(), 'driftwatch-sqlite-'));
let fileCount = 0;
const nextFile = () => join(directory, `store-${++fileCount}.db`);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

// The store opens (and closes) each file itself: the path a user without configuration takes.
describeEventStoreContract({
  name: 'SQLite (file opened by the store)',
  createStore: async () => createSqliteEventStore({ filename: nextFile() }),
});

const record = (id: string, offsetMillis = 0): PredictionRecord => ({
  id,
  timestamp: new Date(Date.UTC(2026, 0, 1) + offsetMillis),
  modelName: 'churn',
  modelVersion: '1',
  features: { tenure: 3 },
  prediction: { score: 0.5 },
});

describe('createSqliteEventStore', () => {
  it('never closes a database it was given, and switches it to write-ahead logging', async () => {
    const database = new Database(nextFile());
    const store = createSqliteEventStore({ database });
    await store.migrate();
    await store.writePredictions([record('a')]);
    await store.shutdown();
    expect(database.open).toBe(true);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.prepare('select count(*) as count from driftwatch_predictions').get()).toEqual({ count: 1 });
    database.close();
  });

  it('closes the file it opened on shutdown, and reopens it with the data intact', async () => {
    const filename = nextFile();
    const store = createSqliteEventStore({ filename });
    await store.migrate();
    await store.writePredictions([record('a')]);
    expect(existsSync(`${filename}-wal`)).toBe(true);
    await store.shutdown();
    // SQLite checkpoints and removes the WAL when the last connection closes.
    expect(existsSync(`${filename}-wal`)).toBe(false);
    const reopened = createSqliteEventStore({ filename });
    await reopened.migrate();
    expect(await reopened.readPrediction('a')).toEqual(record('a'));
    await reopened.shutdown();
  });

  it('opens nothing when shut down unused', async () => {
    const filename = nextFile();
    const store = createSqliteEventStore({ filename });
    await store.shutdown();
    expect(existsSync(filename)).toBe(false);
  });

  it('keeps the in-memory database working with writeAheadLog off', async () => {
    const store = createSqliteEventStore({ filename: ':memory:', writeAheadLog: false });
    await store.migrate();
    await store.writePredictions([record('a')]);
    expect(await store.readPrediction('a')).toEqual(record('a'));
    await store.shutdown();
  });

  it('migrates safely when several stores migrate one file at once', async () => {
    const filename = nextFile();
    const stores = Array.from({ length: 4 }, () => createSqliteEventStore({ filename }));
    await Promise.all(stores.map((store) => store.migrate()));
    // Writes take turns: better-sqlite3 waits for another connection's lock synchronously, so
    // interleaved transactions of two connections in one thread would wait out the busy timeout.
    for (const [index, store] of stores.entries()) await store.writePredictions([record(`from-${index}`, index)]);
    const read = await stores[0]!.readPredictions({ modelName: 'churn', from: new Date(0), to: new Date(Date.UTC(2027, 0)) });
    expect(read).toHaveLength(4);
    await Promise.all(stores.map((store) => store.shutdown()));
    const database = new Database(filename, { readonly: true });
    expect(database.prepare('select name from driftwatch_migration').all()).toEqual([{ name: '0001_create_event_store' }, { name: '0002_add_window_profile_record_id' }]);
    database.close();
  });

  it('migrates once when several processes migrate the same new files at the same moment', { timeout: 60_000 }, async () => {
    const filenames = Array.from({ length: 16 }, nextFile);
    const script = fileURLToPath(new URL('./migrate-sqlite-file.test-script.ts', import.meta.url));
    const startAt = String(Date.now() + 3000);
    const processes = [1, 2, 3, 4];
    const results = await Promise.all(
      processes.map((index) =>
        runTypeScript(script, { DW_SQLITE_FILES: filenames.join(','), DW_PROCESS: String(index), DW_START_AT: startAt }),
      ),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    for (const filename of filenames) {
      const database = new Database(filename, { readonly: true });
      expect(database.prepare('select name from driftwatch_migration').all()).toEqual([{ name: '0001_create_event_store' }, { name: '0002_add_window_profile_record_id' }]);
      expect(database.prepare('select id from driftwatch_predictions order by id').all()).toEqual(
        processes.map((index) => ({ id: `process-${index}` })),
      );
      database.close();
    }
  });

  it('indexes the queries that checks and the dashboard run', async () => {
    const database = new Database(nextFile());
    const store = createSqliteEventStore({ database });
    await store.migrate();
    const plan = (query: string) =>
      (database.prepare(`explain query plan ${query}`).all() as Array<{ detail: string }>).map((row) => row.detail).join('; ');
    expect(plan("select * from driftwatch_predictions where model_name = 'm' and timestamp >= 0 and timestamp < 9 order by timestamp desc")).toMatch(
      /USING INDEX driftwatch_predictions_model_time/,
    );
    expect(plan("select * from driftwatch_outcomes where prediction_id = 'x'")).toMatch(/USING INDEX sqlite_autoindex_driftwatch_outcomes_1/);
    expect(plan("select * from driftwatch_window_profiles where model_name = 'm' and window_start >= 0")).toMatch(
      /USING INDEX driftwatch_window_profiles_model_window/,
    );
    expect(plan("select * from driftwatch_check_results where model_name = 'm' and kind = 'volume' and checked_at >= 0")).toMatch(
      /USING INDEX driftwatch_check_results_model_kind_time/,
    );
    expect(plan("select * from driftwatch_alerts where dedupe_key = 'k' order by created_at desc")).toMatch(/USING INDEX driftwatch_alerts_dedupe_time/);
    expect(plan("select * from driftwatch_alerts where status = 'firing' order by created_at desc")).toMatch(/USING INDEX driftwatch_alerts_status_time/);
    await store.shutdown();
    database.close();
  });

  it('stores timestamps as integer epoch milliseconds and JSON as text', async () => {
    const database = new Database(nextFile());
    const store = createSqliteEventStore({ database });
    await store.migrate();
    await store.writePredictions([record('a', 1)]);
    expect(database.prepare('select timestamp, features, typeof(timestamp) as type from driftwatch_predictions').get()).toEqual({
      timestamp: Date.UTC(2026, 0, 1) + 1,
      features: '{"tenure":3}',
      type: 'integer',
    });
    await store.shutdown();
    database.close();
  });

  it('rejects a row that fails validation with VALIDATION_FAILED, naming the table and id', async () => {
    const database = new Database(nextFile());
    const store = createSqliteEventStore({ database });
    await store.migrate();
    database
      .prepare(
        "insert into driftwatch_predictions (id, model_name, model_version, segment, timestamp, features, prediction, status) values ('bad', 'churn', '1', '', 0, '[1]', '{}', 'maybe')",
      )
      .run();
    const error = await store.readPrediction('bad').catch((rejection: unknown) => rejection);
    expect(DriftwatchError.isInstance(error) && error.code).toBe('VALIDATION_FAILED');
    expect((error as DriftwatchError).details).toMatchObject({ table: 'predictions', key: 'bad' });
    await store.shutdown();
    database.close();
  });

  it('parses each stored profile once, sharing a frozen copy between reads, unless the cache is off', async () => {
    const spec = createProfileSpec({ tenure: [1, 2, 3, 40, 70] });
    const window: WindowProfileRecord = {
      id: 'window-1',
      modelName: 'churn',
      modelVersion: '1',
      segment: '',
      windowStart: new Date(Date.UTC(2026, 0, 1)),
      windowSeconds: 60,
      replicaId: 'a',
      requestCount: 3,
      errorCount: 0,
      profile: profileDataset(spec, { tenure: [5, 6, 7] }),
      latency: profileDataset(spec, { tenure: [1] }),
    };
    const range = { modelName: 'churn', from: new Date(0), to: new Date(Date.UTC(2027, 0)) };
    const filename = nextFile();
    const cached = createSqliteEventStore({ filename });
    await cached.migrate();
    await cached.writeWindowProfiles([window, { ...window, id: 'window-2', replicaId: 'b' }]);
    const [first] = await cached.readWindowProfiles(range);
    const [again] = await cached.readWindowProfiles(range);
    expect(again!.profile).toBe(first!.profile);
    expect(first!.profile).toEqual(window.profile);
    expect(Object.isFrozen(first!.profile.columns[0])).toBe(true);
    await cached.shutdown();

    const uncached = createSqliteEventStore({ filename, profileCacheBytes: 0 });
    const [one] = await uncached.readWindowProfiles(range);
    const [two] = await uncached.readWindowProfiles(range);
    expect(one!.profile).not.toBe(two!.profile);
    expect(one!.profile).toEqual(two!.profile);
    expect(Object.isFrozen(one!.profile)).toBe(false);
    await uncached.shutdown();
  });

  it('rejects a stored profile that was tampered with, naming the field', async () => {
    const database = new Database(nextFile());
    const store = createSqliteEventStore({ database, profileCacheBytes: 0 });
    await store.migrate();
    const spec = createProfileSpec({ tenure: [1, 2, 3] });
    const profile = profileDataset(spec, { tenure: [2] });
    await store.writeWindowProfiles([
      {
        id: 'window-1',
        modelName: 'churn',
        modelVersion: '1',
        segment: '',
        windowStart: new Date(0),
        windowSeconds: 60,
        replicaId: 'a',
        requestCount: 1,
        errorCount: 0,
        profile,
        latency: profile,
      },
    ]);
    database.prepare("update driftwatch_window_profiles set profile = replace(profile, '\"rows\":1', '\"rows\":2')").run();
    const error = await store.readWindowProfiles({ modelName: 'churn', from: new Date(0), to: new Date(1) }).catch((rejection: unknown) => rejection);
    expect(DriftwatchError.isInstance(error) && error.code).toBe('INVALID_PROFILE');
    await store.shutdown();
    database.close();
  });

  it('upgrades a file written before window profiles had ids: old rows read back with legacy ids, new writes are deduplicated', async () => {
    const filename = nextFile();
    const spec = createProfileSpec({ tenure: [1, 2, 3] });
    const window: WindowProfileRecord = {
      id: 'window-1',
      modelName: 'churn',
      modelVersion: '1',
      segment: '',
      windowStart: new Date(0),
      windowSeconds: 60,
      replicaId: 'a',
      requestCount: 1,
      errorCount: 0,
      profile: profileDataset(spec, { tenure: [2] }),
      latency: profileDataset(spec, { tenure: [1] }),
    };
    const before = createSqliteEventStore({ filename });
    await before.migrate();
    await before.writeWindowProfiles([window]);
    await before.shutdown();
    // Take the file back to the schema of migration 0001, keeping the row.
    const database = new Database(filename);
    database.exec("drop index driftwatch_window_profiles_record_id; alter table driftwatch_window_profiles drop column record_id; delete from driftwatch_migration where name = '0002_add_window_profile_record_id'");
    database.close();

    const after = createSqliteEventStore({ filename });
    await after.migrate();
    const range = { modelName: 'churn', from: new Date(0), to: new Date(60_000) };
    expect(await after.readWindowProfiles(range)).toEqual([{ ...window, id: 'legacy-1' }]);
    await after.writeWindowProfiles([{ ...window, id: 'window-2' }]);
    await after.writeWindowProfiles([{ ...window, id: 'window-2' }]);
    expect((await after.readWindowProfiles(range)).map((record) => record.id)).toEqual(['legacy-1', 'window-2']);
    await after.shutdown();
  });

  it('rejects settings that are not non-negative integers', () => {
    for (const config of [{ busyTimeoutMillis: -1 }, { profileCacheBytes: 1.5 }, { profileCacheBytes: Number.NaN }]) {
      expect(() => createSqliteEventStore(config)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('reports driver failures as STORE_FAILED with the cause attached', async () => {
    const store = createSqliteEventStore({ filename: join(directory, 'missing-directory', 'store.db') });
    const error = await store.migrate().catch((rejection: unknown) => rejection);
    expect(DriftwatchError.isInstance(error) && error.code).toBe('STORE_FAILED');
    expect((error as Error).cause).toBeInstanceOf(Error);
    await store.shutdown();
  });
});
