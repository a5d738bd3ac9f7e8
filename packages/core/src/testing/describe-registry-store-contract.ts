import { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import type { MoveAliasRequest, RegistryStore } from '../contracts/registry-store.js';
import type { ModelVersionRecord, RoutingConfigRecord, RunMetricPoint, RunRecord } from '../records/registry-records.js';
import { describeStoreSuite } from './internal/describe-store-suite.js';

/**
 * Options for {@link describeRegistryStoreContract}.
 *
 * @example
 * ```ts
 * import { createInMemoryRegistryStore, type RegistryStoreContractOptions } from '@driftwatch/core/testing';
 * const options: RegistryStoreContractOptions = {
 *   name: 'in-memory',
 *   createStore: async () => createInMemoryRegistryStore(),
 * };
 * ```
 */
export interface RegistryStoreContractOptions {
  /** Shown in the test report, as in `RegistryStore contract: PostgreSQL`. */
  name: string;
  /**
   * Returns a new, empty store. Called once per test (twice in the tests that share a database
   * between two stores, when `createSecondStore` is given); the suite calls `migrate()` on it and
   * `shutdown()` after the test, so the store may own its connections.
   */
  createStore: () => Promise<RegistryStore>;
  /**
   * Returns a second store on the same database as the last `createStore()` (another process,
   * as far as the store can tell), for the races between two workers. @default undefined (those tests use one store)
   */
  createSecondStore?: () => Promise<RegistryStore>;
  /** Runs once after every test of the suite, to drop what `createStore` made. @default nothing */
  cleanup?: () => void | Promise<void>;
  /** When set, the suite is registered but skipped, with this reason in its name. @default undefined (the suite runs) */
  skipReason?: string;
}

const minute = 60_000;
const start = Date.UTC(2026, 0, 5, 12, 0, 0);
const at = (offsetMillis: number) => new Date(start + offsetMillis);

/**
 * The behaviour every {@link RegistryStore} must have, as a vitest suite: version numbering
 * (monotonic per model, also under concurrent registration), exact round trips of every record
 * (dates, nested JSON, large inline artifacts, floats), artifact data left out of listings, runs
 * and their metric series, compare-and-set alias moves with their history (exactly one of
 * concurrent moves wins, a refused move writes nothing), routing configs, leases, and shutdown.
 * Call it from a test file of your adapter; it registers a `describe` block.
 *
 * Requires vitest (an optional peer dependency of `@driftwatch/core`, needed only for this
 * `testing` subpath).
 *
 * @example
 * ```ts
 * // sqlite-registry-store.test.ts
 * import { describeRegistryStoreContract } from '@driftwatch/core/testing';
 * import { createSqliteRegistryStore } from './sqlite-registry-store.js';
 *
 * describeRegistryStoreContract({
 *   name: 'SQLite',
 *   createStore: async () => createSqliteRegistryStore({ filename: ':memory:' }),
 * });
 * ```
 */
export function describeRegistryStoreContract(options: RegistryStoreContractOptions): void {
  describeStoreSuite<RegistryStore>(`RegistryStore contract: ${options.name}`, options, (openStore) => {
    const createStore = () => openStore(() => options.createStore());

    /** A second handle on the same database, or the same store when the adapter cannot make one. */
    async function createPeer(store: RegistryStore): Promise<RegistryStore> {
      if (options.createSecondStore === undefined) return store;
      return openStore(() => options.createSecondStore!());
    }

    describe('migrate', () => {
      it('is idempotent and safe to call concurrently', async () => {
        const store = await createStore();
        await Promise.all([store.migrate(), store.migrate(), store.migrate()]);
        await store.migrate();
        const created = await store.createModelVersion(version('churn'));
        expect(created.version).toBe(1);
      });
    });

    describe('model versions', () => {
      it('round-trips every field exactly, and a version with none of the optional fields', async () => {
        const store = await createStore();
        const full: Omit<ModelVersionRecord, 'version'> = {
          modelName: 'churn',
          artifact: {
            flavor: 'driftwatch.classifier',
            formatVersion: 1,
            data: { trees: [{ feature: [0, 1], threshold: [0.1 + 0.2, -1e-300] }], nested: { empty: {}, list: [], flag: false, nothing: null }, text: 'é ✓ "quoted"' },
            sha256: 'a'.repeat(64),
          },
          params: { trees: 100, maxDepth: null, flavor: 'forest', exclude: ['customerID'] },
          metrics: { auc: 0.8161234567890123, accuracy: 0.7771, logLoss: 1e-12 },
          tags: { stage: 'candidate', owner: 'data-science' },
          trainingDataFingerprint: 'f'.repeat(64),
          trainingRowCount: 5634,
          featureSchema: { tenure: 'numeric', Contract: 'categorical' },
          description: 'Retrained after tenure drift',
          runId: 'run-1',
          createdAt: at(1234),
        };
        const minimal = version('churn', { artifact: { flavor: 'external', formatVersion: 2, uri: 'ab/cd.json', sha256: 'b'.repeat(64) } });
        const first = await store.createModelVersion(full);
        const second = await store.createModelVersion(minimal);
        expect(first).toEqual({ ...full, version: 1 });
        expect(second).toEqual({ ...minimal, version: 2 });
        const readFirst = await store.readModelVersion('churn', 1);
        expect(readFirst).toEqual({ ...full, version: 1 });
        expect(readFirst!.createdAt).toBeInstanceOf(Date);
        const readSecond = await store.readModelVersion('churn', 2);
        expect(readSecond).toEqual({ ...minimal, version: 2 });
        expect(Object.keys(readSecond!).sort()).toEqual([...Object.keys(minimal), 'version'].sort());
        expect(await store.readModelVersion('churn', 3)).toBeUndefined();
        expect(await store.readModelVersion('fraud', 1)).toBeUndefined();
      });

      it('numbers versions from 1 per model name, monotonic, also under concurrent registration', async () => {
        const store = await createStore();
        const peer = await createPeer(store);
        await store.createModelVersion(version('fraud'));
        const created = await Promise.all(
          Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? store : peer).createModelVersion(version('churn', { description: `c${index}` }))),
        );
        expect(created.map((record) => record.version).sort((left, right) => left - right)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
        expect((await store.createModelVersion(version('fraud'))).version).toBe(2);
        const listed = await store.listModelVersions('churn');
        expect(listed.map((record) => record.version)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
        expect(await store.listModelNames()).toEqual(['churn', 'fraud']);
        expect(await store.listModelVersions('absent')).toEqual([]);
      });

      it('leaves inline artifact data out of listings unless asked for, keeping the rest of the artifact', async () => {
        const store = await createStore();
        const withData = version('churn', { artifact: { flavor: 'f', formatVersion: 1, data: { weights: [1, 2, 3] }, sha256: 'c'.repeat(64) } });
        await store.createModelVersion(withData);
        const [listed] = await store.listModelVersions('churn');
        expect(listed!.artifact).toEqual({ flavor: 'f', formatVersion: 1, sha256: 'c'.repeat(64) });
        expect('data' in listed!.artifact).toBe(false);
        const [full] = await store.listModelVersions('churn', { includeArtifactData: true });
        expect(full!.artifact).toEqual(withData.artifact);
      });

      it('stores a large inline artifact (about 2 MB of JSON) unchanged', async () => {
        const store = await createStore();
        const values = Array.from({ length: 100_000 }, (_, index) => Math.sin(index) * 1e3);
        const large = version('churn', { artifact: { flavor: 'f', formatVersion: 1, data: { values, base64: 'QUJD'.repeat(50_000) } } });
        await store.createModelVersion(large);
        const read = await store.readModelVersion('churn', 1);
        expect(read!.artifact.data).toEqual(large.artifact.data);
      });

      it('replaces tags, and refuses to tag an unknown version with NOT_FOUND', async () => {
        const store = await createStore();
        await store.createModelVersion(version('churn', { tags: { a: '1', b: '2' } }));
        await store.setModelVersionTags('churn', 1, { c: '3' });
        expect((await store.readModelVersion('churn', 1))!.tags).toEqual({ c: '3' });
        await store.setModelVersionTags('churn', 1, {});
        expect((await store.readModelVersion('churn', 1))!.tags).toEqual({});
        await expect(store.setModelVersionTags('churn', 2, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
      });

      it('returns copies: changing a returned record changes nothing stored', async () => {
        const store = await createStore();
        const created = await store.createModelVersion(version('churn', { tags: { a: '1' } }));
        created.tags.a = 'changed';
        (created.artifact.data as { value: number }).value = -1;
        const read = await store.readModelVersion('churn', 1);
        expect(read!.tags).toEqual({ a: '1' });
        expect(read!.artifact.data).toEqual({ value: 1 });
      });
    });

    describe('runs', () => {
      it('creates, replaces and reads a run with every field', async () => {
        const store = await createStore();
        const running: RunRecord = {
          id: 'run-1',
          experiment: 'churn-retraining',
          status: 'running',
          params: { trigger: 'alert', window: { from: at(0).toISOString(), days: 30 }, seed: 7 },
          metrics: {},
          artifacts: {},
          tags: { model: 'churn' },
          startedAt: at(0),
        };
        await store.writeRun(running);
        expect(await store.readRun('run-1')).toEqual(running);
        const finished: RunRecord = {
          ...running,
          status: 'failed',
          metrics: { auc: 0.83, 'train.durationMillis': 1042.5 },
          artifacts: { steps: { train: { status: 'failed', output: { rows: 5634 } } }, model: { flavor: 'f', formatVersion: 1, uri: 'x.json' } },
          endedAt: at(5 * minute),
          error: 'training failed: one class only',
        };
        await store.writeRun(finished);
        const read = await store.readRun('run-1');
        expect(read).toEqual(finished);
        expect(read!.endedAt).toBeInstanceOf(Date);
        expect(await store.readRun('absent')).toBeUndefined();
      });

      it('lists an experiment newest first, filtered by status, 100 by default', async () => {
        const store = await createStore();
        for (let index = 0; index < 105; index++) {
          await store.writeRun(run(`r${String(index).padStart(3, '0')}`, 'exp', at(index * 1000), index % 3 === 0 ? 'succeeded' : 'running'));
        }
        await store.writeRun(run('other', 'other-exp', at(0), 'running'));
        // Same start time: the larger id comes first.
        await store.writeRun(run('r104b', 'exp', at(104 * 1000), 'failed'));
        const all = await store.listRuns('exp');
        expect(all).toHaveLength(100);
        expect(all.slice(0, 3).map((record) => record.id)).toEqual(['r104b', 'r104', 'r103']);
        expect((await store.listRuns('exp', { limit: 1000 })).length).toBe(106);
        expect((await store.listRuns('exp', { limit: 2 })).map((record) => record.id)).toEqual(['r104b', 'r104']);
        const succeeded = await store.listRuns('exp', { status: 'succeeded', limit: 1000 });
        expect(succeeded).toHaveLength(35);
        expect(succeeded[0]!.id).toBe('r102');
        expect((await store.listRuns('exp', { status: 'failed' })).map((record) => record.id)).toEqual(['r104b']);
        expect(await store.listRuns('absent')).toEqual([]);
      });

      it('appends metric points and reads them by key then step, optionally one key', async () => {
        const store = await createStore();
        await store.writeRun(run('r1', 'exp', at(0), 'running'));
        const point = (key: string, step: number, value: number, runId = 'r1'): RunMetricPoint => ({ runId, key, value, step, at: at(step * 1000) });
        await store.writeRunMetrics([point('loss', 2, 0.4), point('auc', 0, 0.7), point('loss', 0, 0.9)]);
        await store.writeRunMetrics([point('loss', 1, 0.6), point('auc', 1, 0.8), point('loss', 0, 0.9, 'r2')]);
        await store.writeRunMetrics([]);
        const series = await store.readRunMetrics('r1');
        expect(series.map((entry) => `${entry.key}:${entry.step}:${entry.value}`)).toEqual(['auc:0:0.7', 'auc:1:0.8', 'loss:0:0.9', 'loss:1:0.6', 'loss:2:0.4']);
        expect(series[0]!.at).toBeInstanceOf(Date);
        expect(series[0]).toEqual(point('auc', 0, 0.7));
        expect((await store.readRunMetrics('r1', 'loss')).map((entry) => entry.value)).toEqual([0.9, 0.6, 0.4]);
        expect(await store.readRunMetrics('r1', 'absent')).toEqual([]);
        expect(await store.readRunMetrics('r3')).toEqual([]);
      });
    });

    describe('aliases', () => {
      it('creates, moves and removes an alias by compare-and-set, appending history with evidence', async () => {
        const store = await createStore();
        for (let index = 0; index < 3; index++) await store.createModelVersion(version('churn'));
        expect(await store.readAlias('churn', 'champion')).toBeUndefined();
        const created = await store.moveAlias(move({ expectedVersion: undefined, toVersion: 1, at: at(1000), reason: 'first model' }));
        expect(created).toEqual({
          modelName: 'churn',
          alias: 'champion',
          toVersion: 1,
          actor: 'pipeline',
          reason: 'first model',
          evidence: {},
          at: at(1000),
          sequence: 1,
        });
        expect('fromVersion' in created).toBe(false);
        expect(await store.readAlias('churn', 'champion')).toEqual({ modelName: 'churn', alias: 'champion', version: 1, updatedAt: at(1000) });

        const evidence = { test: 'normal-mixture', lowerBound: 0.012, n: { champion: 9000, challenger: 1000 }, passed: true };
        const moved = await store.moveAlias(move({ expectedVersion: 1, toVersion: 3, at: at(2000), evidence, actor: 'promotion' }));
        expect(moved).toMatchObject({ fromVersion: 1, toVersion: 3, evidence, actor: 'promotion', sequence: 2 });
        expect((await store.readAlias('churn', 'champion'))!.version).toBe(3);

        const removed = await store.moveAlias(move({ alias: 'challenger', expectedVersion: undefined, toVersion: 2, at: at(2500) }));
        expect(removed.sequence).toBe(1);
        const gone = await store.moveAlias(move({ alias: 'challenger', expectedVersion: 2, toVersion: undefined, at: at(3000), reason: 'retired' }));
        expect(gone).toMatchObject({ fromVersion: 2, reason: 'retired', sequence: 2 });
        expect('toVersion' in gone).toBe(false);
        expect(await store.readAlias('churn', 'challenger')).toBeUndefined();

        const history = await store.readAliasHistory('churn', 'champion');
        expect(history.map((entry) => [entry.fromVersion, entry.toVersion, entry.sequence])).toEqual([
          [undefined, 1, 1],
          [1, 3, 2],
        ]);
        expect(history[1]!.evidence).toEqual(evidence);
        expect(history[1]!.at).toBeInstanceOf(Date);
        const everything = await store.readAliasHistory('churn');
        expect(everything.map((entry) => `${entry.alias}#${entry.sequence}`)).toEqual(['champion#1', 'champion#2', 'challenger#1', 'challenger#2']);
        expect(await store.readAliasHistory('fraud')).toEqual([]);
      });

      it('refuses a stale move with CONFLICT and writes nothing', async () => {
        const store = await createStore();
        for (let index = 0; index < 3; index++) await store.createModelVersion(version('churn'));
        await store.moveAlias(move({ expectedVersion: undefined, toVersion: 1 }));
        await expect(store.moveAlias(move({ expectedVersion: undefined, toVersion: 2 }))).rejects.toMatchObject({ code: 'CONFLICT' });
        await expect(store.moveAlias(move({ expectedVersion: 2, toVersion: 3 }))).rejects.toMatchObject({ code: 'CONFLICT' });
        await expect(store.moveAlias(move({ alias: 'challenger', expectedVersion: 1, toVersion: 2 }))).rejects.toMatchObject({ code: 'CONFLICT' });
        await expect(store.moveAlias(move({ alias: 'challenger', expectedVersion: 1, toVersion: undefined }))).rejects.toMatchObject({ code: 'CONFLICT' });
        expect((await store.readAlias('churn', 'champion'))!.version).toBe(1);
        expect(await store.readAlias('churn', 'challenger')).toBeUndefined();
        expect(await store.readAliasHistory('churn')).toHaveLength(1);
      });

      it('refuses a move to an unregistered version with NOT_FOUND and writes nothing', async () => {
        const store = await createStore();
        await store.createModelVersion(version('churn'));
        await store.createModelVersion(version('fraud'));
        await store.createModelVersion(version('fraud'));
        await expect(store.moveAlias(move({ expectedVersion: undefined, toVersion: 2 }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
        expect(await store.readAlias('churn', 'champion')).toBeUndefined();
        expect(await store.readAliasHistory('churn')).toEqual([]);
      });

      it('lets exactly one of many concurrent moves from the same version win', async () => {
        const store = await createStore();
        const peer = await createPeer(store);
        for (let index = 0; index < 9; index++) await store.createModelVersion(version('churn'));
        await store.moveAlias(move({ expectedVersion: undefined, toVersion: 1 }));
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? store : peer).moveAlias(move({ expectedVersion: 1, toVersion: index + 2, actor: `worker-${index}` }))),
        );
        const won = results.filter((result) => result.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(DriftwatchError.isInstance(result.reason) ? result.reason.code : result.reason).toBe('CONFLICT');
        }
        const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<RegistryStore['moveAlias']>>>).value;
        expect((await store.readAlias('churn', 'champion'))!.version).toBe(winner.toVersion);
        const history = await store.readAliasHistory('churn', 'champion');
        expect(history.map((entry) => entry.sequence)).toEqual([1, 2]);
        expect(history[1]!.actor).toBe(winner.actor);
      });

      it('lists a model’s aliases by name', async () => {
        const store = await createStore();
        await store.createModelVersion(version('churn'));
        await store.createModelVersion(version('churn'));
        await store.createModelVersion(version('fraud'));
        await store.moveAlias(move({ alias: 'champion', expectedVersion: undefined, toVersion: 1 }));
        await store.moveAlias(move({ alias: 'challenger', expectedVersion: undefined, toVersion: 2 }));
        await store.moveAlias(move({ alias: 'blue', expectedVersion: undefined, toVersion: 2 }));
        await store.moveAlias(move({ modelName: 'fraud', alias: 'champion', expectedVersion: undefined, toVersion: 1 }));
        expect((await store.listAliases('churn')).map((record) => `${record.alias}=${record.version}`)).toEqual(['blue=2', 'challenger=2', 'champion=1']);
        expect(await store.listAliases('absent')).toEqual([]);
      });

      it('orders the history of moves within one millisecond by sequence', async () => {
        const store = await createStore();
        for (let index = 0; index < 3; index++) await store.createModelVersion(version('churn'));
        await store.moveAlias(move({ expectedVersion: undefined, toVersion: 1, at: at(0) }));
        await store.moveAlias(move({ expectedVersion: 1, toVersion: 2, at: at(0) }));
        await store.moveAlias(move({ expectedVersion: 2, toVersion: 3, at: at(0) }));
        await store.moveAlias(move({ expectedVersion: 3, toVersion: 1, at: at(0) }));
        const history = await store.readAliasHistory('churn', 'champion');
        expect(history.map((entry) => entry.toVersion)).toEqual([1, 2, 3, 1]);
      });
    });

    describe('routing config', () => {
      it('round-trips and replaces a routing config', async () => {
        const store = await createStore();
        expect(await store.readRoutingConfig('churn')).toBeUndefined();
        const split: RoutingConfigRecord = {
          modelName: 'churn',
          weights: { champion: 0.9, challenger: 0.1 },
          killSwitch: false,
          salt: 'run-42',
          updatedAt: at(1000),
        };
        await store.writeRoutingConfig(split);
        const read = await store.readRoutingConfig('churn');
        expect(read).toEqual(split);
        expect('shadowAlias' in read!).toBe(false);
        expect(read!.updatedAt).toBeInstanceOf(Date);
        const shadow: RoutingConfigRecord = { ...split, weights: { champion: 1 }, shadowAlias: 'challenger', killSwitch: true, updatedAt: at(2000) };
        await store.writeRoutingConfig(shadow);
        expect(await store.readRoutingConfig('churn')).toEqual(shadow);
        expect(await store.readRoutingConfig('fraud')).toBeUndefined();
      });
    });

    describe('leases', () => {
      it('grants a free lease, refuses another owner until it expires or is released, and renews for its owner', async () => {
        const store = await createStore();
        const peer = await createPeer(store);
        const lease = (owner: string, atOffset: number, durationMillis = minute) => ({
          name: 'retraining:churn',
          owner,
          at: at(atOffset),
          expiresAt: at(atOffset + durationMillis),
        });
        expect(await store.acquireLease(lease('a', 0))).toBe(true);
        expect(await peer.acquireLease(lease('b', 1000))).toBe(false);
        expect(await store.acquireLease({ ...lease('b', 1000), name: 'retraining:fraud' })).toBe(true);
        // Renewal by the owner moves the expiry.
        expect(await store.acquireLease(lease('a', 50_000))).toBe(true);
        expect(await peer.acquireLease(lease('b', minute))).toBe(false);
        expect(await peer.acquireLease(lease('b', 50_000 + minute))).toBe(true);
        expect(await store.acquireLease(lease('a', 50_000 + minute + 1))).toBe(false);
        // Releasing someone else's lease does nothing; releasing one's own frees it.
        await store.releaseLease('retraining:churn', 'a');
        expect(await store.acquireLease(lease('a', 50_000 + minute + 2))).toBe(false);
        await peer.releaseLease('retraining:churn', 'b');
        expect(await store.acquireLease(lease('a', 50_000 + minute + 3))).toBe(true);
        await store.releaseLease('absent', 'a');
      });

      it('gives a free lease to exactly one of many concurrent claimants', async () => {
        const store = await createStore();
        const peer = await createPeer(store);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            (index % 2 === 0 ? store : peer).acquireLease({ name: 'retraining:churn', owner: `worker-${index}`, at: at(0), expiresAt: at(minute) }),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('shutdown', () => {
      it('is idempotent, and afterwards every method rejects with SHUTDOWN', async () => {
        const store = await createStore();
        await store.createModelVersion(version('churn'));
        await store.shutdown();
        await store.shutdown();
        const calls: Array<[string, () => Promise<unknown>]> = [
          ['migrate', () => store.migrate()],
          ['createModelVersion', () => store.createModelVersion(version('churn'))],
          ['readModelVersion', () => store.readModelVersion('churn', 1)],
          ['listModelVersions', () => store.listModelVersions('churn')],
          ['listModelNames', () => store.listModelNames()],
          ['setModelVersionTags', () => store.setModelVersionTags('churn', 1, {})],
          ['writeRun', () => store.writeRun(run('r', 'exp', at(0), 'running'))],
          ['readRun', () => store.readRun('r')],
          ['listRuns', () => store.listRuns('exp')],
          ['writeRunMetrics', () => store.writeRunMetrics([])],
          ['readRunMetrics', () => store.readRunMetrics('r')],
          ['readAlias', () => store.readAlias('churn', 'champion')],
          ['listAliases', () => store.listAliases('churn')],
          ['moveAlias', () => store.moveAlias(move({ expectedVersion: undefined, toVersion: 1 }))],
          ['readAliasHistory', () => store.readAliasHistory('churn')],
          ['readRoutingConfig', () => store.readRoutingConfig('churn')],
          ['writeRoutingConfig', () => store.writeRoutingConfig({ modelName: 'churn', weights: {}, killSwitch: false, salt: 's', updatedAt: at(0) })],
          ['acquireLease', () => store.acquireLease({ name: 'n', owner: 'o', at: at(0), expiresAt: at(1) })],
          ['releaseLease', () => store.releaseLease('n', 'o')],
        ];
        for (const [name, call] of calls) {
          const error = await call().then(
            () => new Error(`${name} resolved after shutdown`),
            (rejection: unknown) => rejection,
          );
          expect(DriftwatchError.isInstance(error) ? error.code : error, name).toBe('SHUTDOWN');
        }
      });
    });
  });
}

function version(modelName: string, extra: Partial<Omit<ModelVersionRecord, 'version'>> = {}): Omit<ModelVersionRecord, 'version'> {
  return {
    modelName,
    artifact: { flavor: 'constant', formatVersion: 1, data: { value: 1 } },
    params: {},
    metrics: {},
    tags: {},
    createdAt: at(0),
    ...extra,
  };
}

function run(id: string, experiment: string, startedAt: Date, status: RunRecord['status']): RunRecord {
  return { id, experiment, status, params: {}, metrics: {}, artifacts: {}, tags: {}, startedAt };
}

function move(extra: Partial<MoveAliasRequest> & Pick<MoveAliasRequest, 'expectedVersion' | 'toVersion'>): MoveAliasRequest {
  return { modelName: 'churn', alias: 'champion', actor: 'pipeline', reason: 'test', at: at(0), ...extra };
}
