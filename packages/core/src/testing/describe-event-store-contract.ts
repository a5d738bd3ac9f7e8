import { createProfileSpec, DriftwatchError, mergeProfiles, profileDataset, type DatasetProfile } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../contracts/event-store.js';
import type { AlertDelivery, AlertRecord } from '../records/alert-record.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import type { CheckResultRecord } from '../records/check-result-record.js';
import type { OutcomeRecord } from '../records/outcome-record.js';
import type { PredictionRecord } from '../records/prediction-record.js';
import type { WindowProfileRecord } from '../records/window-profile-record.js';
import { describeStoreSuite } from './internal/describe-store-suite.js';

/**
 * Options for {@link describeEventStoreContract}.
 *
 * @example
 * ```ts
 * import { createInMemoryEventStore, type EventStoreContractOptions } from '@driftwatch/core/testing';
 * const options: EventStoreContractOptions = {
 *   name: 'in-memory',
 *   createStore: async () => createInMemoryEventStore(),
 * };
 * ```
 */
export interface EventStoreContractOptions {
  /** Shown in the test report, as in `EventStore contract: SQLite`. */
  name: string;
  /**
   * Returns a new, empty store. Called once per test; the suite calls `migrate()` on it and
   * `shutdown()` after the test, so the store may own its connections.
   */
  createStore: () => Promise<EventStore>;
  /**
   * Runs once after every test of the suite, to drop what `createStore` made (temporary
   * files, schemas). @default nothing
   */
  cleanup?: () => void | Promise<void>;
  /**
   * When set, the suite is registered but skipped, with this reason in its name (for a
   * database that is absent on this machine). @default undefined (the suite runs)
   */
  skipReason?: string;
}

const minute = 60_000;
const start = Date.UTC(2026, 0, 5, 12, 0, 0);
const at = (offsetMillis: number) => new Date(start + offsetMillis);

/**
 * The behaviour every {@link EventStore} must have, as a vitest suite: every method, with the
 * edge cases that differ between backends (half-open ranges, filters, ordering, duplicate ids,
 * replaced outcomes, alerts and baselines, profile round trips, retention, shutdown). Call it
 * from a test file of your adapter; it registers a `describe` block.
 *
 * Requires vitest (an optional peer dependency of `@driftwatch/core`, needed only for this
 * `testing` subpath).
 *
 * @example
 * ```ts
 * // my-event-store.test.ts
 * import { describeEventStoreContract } from '@driftwatch/core/testing';
 * import { createMyEventStore } from './my-event-store.js';
 *
 * describeEventStoreContract({
 *   name: 'my store',
 *   createStore: async () => createMyEventStore({ url: 'memory://' }),
 * });
 * ```
 */
export function describeEventStoreContract(options: EventStoreContractOptions): void {
  describeStoreSuite<EventStore>(`EventStore contract: ${options.name}`, options, (openStore) => {
    const createStore = () => openStore(() => options.createStore());

    describe('migrate', () => {
      it('is idempotent and safe to call concurrently', async () => {
        const store = await createStore();
        await Promise.all([store.migrate(), store.migrate(), store.migrate()]);
        await store.migrate();
        await store.writePredictions([prediction('p1', at(0))]);
        expect(await store.readPrediction('p1')).toEqual(prediction('p1', at(0)));
      });
    });

    describe('predictions', () => {
      it('reads back a prediction with every field, and one with none of the optional fields, unchanged', async () => {
        const store = await createStore();
        const full: PredictionRecord = {
          id: 'full',
          timestamp: at(1234),
          modelName: 'churn',
          modelVersion: '3',
          features: { tenure: 12.5, Contract: 'Month-to-month', paperless: true, note: null, tags: ['a', 'b'], nested: { x: -1e-7 } },
          prediction: { label: 'Yes', score: 0.7100000000000001 },
          latencyMillis: 3.25,
          segment: 'eu',
          requestId: 'request-1',
          status: 'error',
          errorMessage: 'model timed out',
          cacheHit: true,
        };
        const minimal: PredictionRecord = {
          id: 'minimal',
          timestamp: at(0),
          modelName: 'churn',
          modelVersion: '3',
          features: {},
          prediction: {},
        };
        const labels: PredictionRecord[] = [
          { ...minimal, id: 'numeric-label', prediction: { label: 1, score: 0 } },
          { ...minimal, id: 'boolean-label', prediction: { label: false, score: null } },
          { ...minimal, id: 'null-label', prediction: { label: null }, cacheHit: false, latencyMillis: 0 },
        ];
        await store.writePredictions([full, minimal, ...labels]);
        for (const record of [full, minimal, ...labels]) {
          const read = await store.readPrediction(record.id);
          expect(read).toEqual(record);
          expect(Object.keys(read!).sort()).toEqual(Object.keys(record).sort());
          expect(read!.timestamp).toBeInstanceOf(Date);
        }
        expect(await store.readPrediction('absent')).toBeUndefined();
      });

      it('ignores a duplicate id, within a batch and across batches, keeping the first', async () => {
        const store = await createStore();
        const first = prediction('same', at(0), { prediction: { score: 0.1 } });
        await store.writePredictions([first, { ...first, prediction: { score: 0.2 } }]);
        await store.writePredictions([{ ...first, prediction: { score: 0.3 } }]);
        expect(await store.readPrediction('same')).toEqual(first);
        expect(await store.readPredictions(range('churn', 0, minute))).toHaveLength(1);
      });

      it('accepts empty batches of every kind', async () => {
        const store = await createStore();
        await store.writePredictions([]);
        await store.writeOutcomes([]);
        await store.writeWindowProfiles([]);
        await store.writeCheckResults([]);
        await store.writeAlerts([]);
        expect(await store.readPredictions(range('churn', 0, minute))).toEqual([]);
      });

      it('reads a half-open range [from, to), newest first, 100 by default', async () => {
        const store = await createStore();
        await store.writePredictions(Array.from({ length: 150 }, (_, index) => prediction(`p${index}`, at(index * 1000))));
        const defaultLimit = await store.readPredictions(range('churn', 10_000, 130_000));
        expect(defaultLimit).toHaveLength(100);
        expect(defaultLimit[0]!.id).toBe('p129');
        expect(defaultLimit[99]!.id).toBe('p30');
        const all = await store.readPredictions({ ...range('churn', 10_000, 130_000), limit: 1000 });
        expect(all.map((record) => record.id)).toEqual(Array.from({ length: 120 }, (_, index) => `p${129 - index}`));
        expect(await store.readPredictions({ ...range('churn', 10_000, 130_000), limit: 5 })).toHaveLength(5);
        expect(await store.readPredictions(range('churn', 10_500, 11_000))).toEqual([]);
        expect(await store.readPredictions(range('other', 0, 200_000))).toEqual([]);
      });

      it('filters by version, by segment (where "" means none) and to errors', async () => {
        const store = await createStore();
        await store.writePredictions([
          prediction('v1', at(1), { modelVersion: '1' }),
          prediction('v2', at(2), { modelVersion: '2' }),
          prediction('v2-eu', at(3), { modelVersion: '2', segment: 'eu' }),
          prediction('v2-us-error', at(4), { modelVersion: '2', segment: 'us', status: 'error', errorMessage: 'boom', prediction: {} }),
          prediction('v1-error', at(5), { modelVersion: '1', status: 'error', prediction: {} }),
          prediction('v1-ok', at(6), { modelVersion: '1', status: 'ok' }),
          prediction('other-model', at(7), { modelName: 'fraud' }),
        ]);
        const ids = async (query: Partial<Parameters<EventStore['readPredictions']>[0]>) =>
          (await store.readPredictions({ ...range('churn', 0, minute), ...query })).map((record) => record.id);
        expect(await ids({})).toEqual(['v1-ok', 'v1-error', 'v2-us-error', 'v2-eu', 'v2', 'v1']);
        expect(await ids({ modelVersion: '2' })).toEqual(['v2-us-error', 'v2-eu', 'v2']);
        expect(await ids({ segment: 'eu' })).toEqual(['v2-eu']);
        expect(await ids({ segment: '' })).toEqual(['v1-ok', 'v1-error', 'v2', 'v1']);
        expect(await ids({ errorsOnly: true })).toEqual(['v1-error', 'v2-us-error']);
        expect(await ids({ errorsOnly: true, modelVersion: '2', segment: 'us' })).toEqual(['v2-us-error']);
        expect(await ids({ modelVersion: '9' })).toEqual([]);
      });

      it('writes a batch larger than any statement can carry, with 20 features per prediction', async () => {
        const store = await createStore();
        const batch = Array.from({ length: 7000 }, (_, index) =>
          prediction(`bulk-${String(index).padStart(5, '0')}`, at(index), { features: twentyFeatures(index) }),
        );
        await store.writePredictions(batch);
        const read = await store.readPredictions({ ...range('churn', 0, 10_000), limit: 10_000 });
        expect(read).toHaveLength(7000);
        expect(read[0]).toEqual(batch[6999]);
        expect(read[6999]).toEqual(batch[0]);
      });

      it('keeps every record of concurrent batches', async () => {
        const store = await createStore();
        await Promise.all(
          Array.from({ length: 8 }, (_, batch) =>
            store.writePredictions(Array.from({ length: 50 }, (_, index) => prediction(`c${batch}-${index}`, at(batch * 50 + index)))),
          ),
        );
        expect(await store.readPredictions({ ...range('churn', 0, minute), limit: 1000 })).toHaveLength(400);
      });
    });

    describe('outcomes', () => {
      it('joins outcomes to predictions in the range, the latest outcome replacing earlier ones', async () => {
        const store = await createStore();
        await store.writePredictions([
          prediction('a', at(1000)),
          prediction('b', at(2000), { modelVersion: '2' }),
          prediction('c', at(3000), { segment: 'eu' }),
          prediction('unlabelled', at(4000)),
          prediction('late', at(2 * minute)),
        ]);
        const outcome = (predictionId: string, label: OutcomeRecord['label'], offset: number): OutcomeRecord => ({
          predictionId,
          label,
          timestamp: at(offset),
        });
        await store.writeOutcomes([outcome('a', 'Yes', 10_000), outcome('b', 'first', 10_000), outcome('b', 1, 11_000)]);
        await store.writeOutcomes([outcome('c', false, 12_000), outcome('late', 'Yes', 3 * minute), outcome('early', 'No', 13_000)]);
        await store.writeOutcomes([outcome('a', 'No', 20_000)]);
        // An outcome may arrive before its prediction is written; it joins once the prediction lands.
        await store.writePredictions([prediction('early', at(5000))]);

        const labelled = await store.readLabelledPredictions(range('churn', 0, minute));
        const byId = new Map(labelled.map((entry) => [entry.prediction.id, entry]));
        expect([...byId.keys()].sort()).toEqual(['a', 'b', 'c', 'early']);
        expect(byId.get('a')).toEqual({ prediction: prediction('a', at(1000)), outcome: outcome('a', 'No', 20_000) });
        expect(byId.get('b')!.outcome).toEqual(outcome('b', 1, 11_000));
        expect(byId.get('c')!.outcome).toEqual(outcome('c', false, 12_000));
        expect(byId.get('early')!.outcome.label).toBe('No');

        const version2 = await store.readLabelledPredictions({ ...range('churn', 0, minute), modelVersion: '2' });
        expect(version2.map((entry) => entry.prediction.id)).toEqual(['b']);
        const europe = await store.readLabelledPredictions({ ...range('churn', 0, minute), segment: 'eu' });
        expect(europe.map((entry) => entry.prediction.id)).toEqual(['c']);
        expect(await store.readLabelledPredictions(range('churn', 1000, 1001))).toHaveLength(1);
        expect(await store.readLabelledPredictions(range('churn', 1001, 2000))).toEqual([]);
      });
    });

    describe('window profiles', () => {
      it('round-trips profiles exactly, oldest window first, and merged replicas equal the profile of their union', async () => {
        const store = await createStore();
        const spec = createProfileSpec({ tenure: [1, 5, 12, 24, 36, 48, 60, 72], plan: ['basic', 'pro', 'team', 'pro', 'basic', 'pro', 'team', 'basic'] });
        const latencySpec = createProfileSpec({ latencyMillis: [1, 2, 4, 8, 16, 32] });
        const rows = (seed: number, count: number) =>
          Array.from({ length: count }, (_, index) => ({
            tenure: ((index * 7919 + seed * 104_729) % 7300) / 100,
            plan: ['basic', 'pro', 'team', 'enterprise'][(index + seed) % 4],
          }));
        const latencies = (seed: number, count: number) => ({
          latencyMillis: Array.from({ length: count }, (_, index) => 0.5 + ((index * 31 + seed) % 400) / 10),
        });
        const window = (offsetMinutes: number, replicaId: string, seed: number, extra: Partial<WindowProfileRecord> = {}): WindowProfileRecord => ({
          id: `window-${seed}`,
          modelName: 'churn',
          modelVersion: '1',
          segment: '',
          windowStart: at(offsetMinutes * minute),
          windowSeconds: 60,
          replicaId,
          requestCount: 50 + seed,
          errorCount: seed % 3,
          profile: profileDataset(spec, rows(seed, 50 + seed)),
          latency: profileDataset(latencySpec, latencies(seed, 50 + seed)),
          ...extra,
        });
        const replicaA = window(0, 'replica-a', 1);
        const replicaB = window(0, 'replica-b', 2);
        const replicaAAgain = window(0, 'replica-a', 3);
        const nextWindow = window(1, 'replica-a', 4);
        const version2 = window(0, 'replica-a', 5, { modelVersion: '2' });
        const europe = window(0, 'replica-a', 6, { segment: 'eu' });
        const otherModel = window(0, 'replica-a', 7, { modelName: 'fraud' });
        const atEnd = window(2, 'replica-a', 8);
        await store.writeWindowProfiles([nextWindow, replicaA, replicaB]);
        await store.writeWindowProfiles([replicaAAgain, version2, europe, otherModel, atEnd]);

        const read = await store.readWindowProfiles(range('churn', 0, 2 * minute));
        expect(read.map((record) => record.windowStart.getTime())).toEqual([...Array(5).fill(start), start + minute]);
        expect(sortWindows(read)).toEqual(sortWindows([replicaA, replicaB, replicaAAgain, version2, europe, nextWindow]));

        const firstWindow = await store.readWindowProfiles({ ...range('churn', 0, minute), modelVersion: '1', segment: '' });
        expect(firstWindow).toHaveLength(3);
        const merged = mergeProfiles(...firstWindow.map((record) => record.profile));
        const union = profileDataset(spec, [...rows(1, 51), ...rows(2, 52), ...rows(3, 53)]);
        expectSameProfile(merged, union);
        expectSameProfile(
          mergeProfiles(...firstWindow.map((record) => record.latency)),
          profileDataset(latencySpec, {
            latencyMillis: [...latencies(1, 51).latencyMillis, ...latencies(2, 52).latencyMillis, ...latencies(3, 53).latencyMillis],
          }),
        );

        expect(await store.readWindowProfiles({ ...range('churn', 0, 2 * minute), segment: 'eu' })).toEqual([europe]);
        expect(await store.readWindowProfiles({ ...range('churn', 0, 2 * minute), modelVersion: '2' })).toEqual([version2]);
        expect(await store.readWindowProfiles(range('fraud', 0, 2 * minute))).toEqual([otherModel]);
        expect(await store.readWindowProfiles(range('churn', minute, 3 * minute))).toEqual([nextWindow, atEnd]);
      });

      it('ignores a record whose id it already holds, within a batch and across batches, keeping the first', async () => {
        // A write that timed out after the store committed it is retried with the same records:
        // the window must not be counted twice.
        const store = await createStore();
        const spec = createProfileSpec({ tenure: [1, 5, 12, 24] });
        const record: WindowProfileRecord = {
          id: '0190f5a2-7c3e-7a01-8c4f-1b2e3d4c5b6a',
          modelName: 'churn',
          modelVersion: '1',
          segment: '',
          windowStart: at(0),
          windowSeconds: 60,
          replicaId: 'replica-a',
          requestCount: 3,
          errorCount: 0,
          profile: profileDataset(spec, { tenure: [2, 6, 13] }),
          latency: profileDataset(spec, { tenure: [1, 1, 2] }),
        };
        const later = { ...record, id: 'another-flush-of-the-same-window', requestCount: 1, profile: profileDataset(spec, { tenure: [30] }) };
        await store.writeWindowProfiles([record, { ...record, requestCount: 99 }]);
        await store.writeWindowProfiles([{ ...record, requestCount: 98 }, later]);
        await store.writeWindowProfiles([record]);
        const read = await store.readWindowProfiles(range('churn', 0, minute));
        expect(read).toEqual([record, later]);
        expect(read.reduce((total, entry) => total + entry.requestCount, 0)).toBe(4);
      });
    });

    describe('check results', () => {
      it('filters by kind, subject, version, segment and a half-open range, oldest first', async () => {
        const store = await createStore();
        const result = (id: string, offset: number, extra: Partial<CheckResultRecord> = {}): CheckResultRecord => ({
          id,
          modelName: 'churn',
          modelVersion: '1',
          segment: '',
          checkedAt: at(offset),
          windowStart: at(offset - minute),
          windowEnd: at(offset),
          kind: 'feature-drift',
          subject: 'tenure',
          value: 0.12,
          severity: 'WARNING',
          details: { test: 'psi', statistic: 0.12, pValue: 0.001, n: 1000, bins: [{ bin: '(1, 5]', share: 0.25 }] },
          ...extra,
        });
        const records = [
          result('r3', 3000),
          result('r1', 1000),
          result('r2', 2000, { subject: 'Contract', value: 0.01, severity: 'OK' }),
          result('r4', 4000, { kind: 'performance', subject: 'accuracy', value: 0.81, details: {} }),
          result('r5', 5000, { modelVersion: '', segment: 'eu', kind: 'volume', subject: 'requests', value: 1200, severity: 'CRITICAL' }),
          result('r6', minute, {}),
          result('r7', 6000, { modelName: 'fraud' }),
        ];
        await store.writeCheckResults(records);
        const ids = async (query: Partial<Parameters<EventStore['readCheckResults']>[0]>) =>
          (await store.readCheckResults({ ...range('churn', 1000, minute), ...query })).map((record) => record.id);
        expect(await store.readCheckResults(range('churn', 1000, minute))).toEqual([records[1], records[2], records[0], records[3], records[4]]);
        expect(await ids({ kind: 'feature-drift' })).toEqual(['r1', 'r2', 'r3']);
        expect(await ids({ kind: 'feature-drift', subject: 'tenure' })).toEqual(['r1', 'r3']);
        expect(await ids({ modelVersion: '' })).toEqual(['r5']);
        expect(await ids({ segment: 'eu' })).toEqual(['r5']);
        expect(await ids({ segment: '' })).toEqual(['r1', 'r2', 'r3', 'r4']);
        expect(await ids({ from: at(1001) })).toEqual(['r2', 'r3', 'r4', 'r5']);
        expect(await ids({ to: at(5000) })).toEqual(['r1', 'r2', 'r3', 'r4']);
        expect(await ids({ modelName: 'fraud' })).toEqual(['r7']);
      });
    });

    describe('alerts', () => {
      it('filters newest first, replaces an alert by id and appends deliveries', async () => {
        const store = await createStore();
        const delivery = (sink: string, offset: number, extra: Partial<AlertDelivery> = {}): AlertDelivery => ({
          sink,
          ok: true,
          attempts: 1,
          at: at(offset),
          ...extra,
        });
        const alert = (id: string, offset: number, extra: Partial<AlertRecord> = {}): AlertRecord => ({
          id,
          dedupeKey: 'churn/1/feature-drift/tenure',
          modelName: 'churn',
          modelVersion: '1',
          severity: 'WARNING',
          status: 'firing',
          title: 'tenure drifted',
          message: 'PSI 0.31 over 0.25',
          evidence: { test: 'psi', statistic: 0.31, threshold: 0.25, n: 1200, topBins: [{ bin: '(0, 1]', referenceShare: 0.1, currentShare: 0.3 }] },
          createdAt: at(offset),
          deliveries: [],
          ...extra,
        });
        const first = alert('a1', 1000, { deliveries: [delivery('webhook', 1100, { ok: false, attempts: 3, statusCode: 503, error: 'HTTP 503' })] });
        const second = alert('a2', 2000, { severity: 'CRITICAL' });
        const other = alert('a3', 3000, { dedupeKey: 'churn/1/volume/requests', status: 'resolved', severity: 'INFO' });
        const otherModel = alert('a4', 4000, { modelName: 'fraud', dedupeKey: 'fraud/2/latency/p95', modelVersion: '2' });
        await store.writeAlerts([first, second, other, otherModel]);

        const ids = async (query: Parameters<EventStore['readAlerts']>[0]) => (await store.readAlerts(query)).map((record) => record.id);
        expect(await store.readAlerts({})).toEqual([otherModel, other, second, first]);
        expect(await ids({ modelName: 'churn' })).toEqual(['a3', 'a2', 'a1']);
        expect(await ids({ status: 'resolved' })).toEqual(['a3']);
        expect(await ids({ dedupeKey: 'churn/1/feature-drift/tenure' })).toEqual(['a2', 'a1']);
        expect(await ids({ from: at(2000), to: at(4000) })).toEqual(['a3', 'a2']);
        expect(await ids({ limit: 2 })).toEqual(['a4', 'a3']);

        const resolved = { ...second, status: 'resolved' as const, message: 'back under 0.1' };
        await store.writeAlerts([resolved]);
        expect(await store.readAlerts({ dedupeKey: 'churn/1/feature-drift/tenure' })).toEqual([resolved, first]);

        await store.recordAlertDeliveries('a1', [delivery('slack', 1200)]);
        await store.recordAlertDeliveries('a1', [delivery('email', 1300), delivery('webhook', 1400, { attempts: 2 })]);
        await store.recordAlertDeliveries('a1', []);
        const [stored] = await store.readAlerts({ dedupeKey: 'churn/1/feature-drift/tenure', to: at(1001) });
        expect(stored!.deliveries).toEqual([
          ...first.deliveries,
          delivery('slack', 1200),
          delivery('email', 1300),
          delivery('webhook', 1400, { attempts: 2 }),
        ]);
        expect(stored!.deliveries[1]!.at).toBeInstanceOf(Date);
        await expect(store.recordAlertDeliveries('absent', [delivery('slack', 0)])).rejects.toMatchObject({ code: 'NOT_FOUND' });
      });
    });

    describe('baselines', () => {
      it('reads the newest baseline or a named version, and replaces a version', async () => {
        const store = await createStore();
        const reference = { tenure: [1, 2, 3, 10, 20, 40, 70], Contract: ['Month-to-month', 'One year', 'Two year', 'One year', 'a', 'b', 'c'] };
        const spec = createProfileSpec(reference);
        const baseline = (version: string, offset: number, metrics: Record<string, number>): BaselineRecord => ({
          modelName: 'churn',
          version,
          createdAt: at(offset),
          profile: profileDataset(spec, reference),
          metrics,
        });
        await store.writeBaseline(baseline('1', 1000, { accuracy: 0.8 }));
        await store.writeBaseline(baseline('3', 3000, { accuracy: 0.82, auc: 0.86 }));
        await store.writeBaseline(baseline('2', 2000, { accuracy: 0.81 }));
        expect(await store.readBaseline('churn')).toEqual(baseline('3', 3000, { accuracy: 0.82, auc: 0.86 }));
        expect(await store.readBaseline('churn', '1')).toEqual(baseline('1', 1000, { accuracy: 0.8 }));
        expect(await store.readBaseline('churn', '9')).toBeUndefined();
        expect(await store.readBaseline('fraud')).toBeUndefined();

        await store.writeBaseline(baseline('1', 4000, { accuracy: 0.9 }));
        expect(await store.readBaseline('churn', '1')).toEqual(baseline('1', 4000, { accuracy: 0.9 }));
        expect(await store.readBaseline('churn')).toEqual(baseline('1', 4000, { accuracy: 0.9 }));
      });
    });

    describe('listModels', () => {
      it('lists each model with predictions or a baseline once', async () => {
        const store = await createStore();
        expect(await store.listModels()).toEqual([]);
        await store.writePredictions([prediction('b1', at(0), { modelName: 'b' }), prediction('a1', at(1), { modelName: 'a' })]);
        await store.writePredictions([prediction('b2', at(2), { modelName: 'b' })]);
        const spec = createProfileSpec({ x: [1, 2, 3] });
        await store.writeBaseline({ modelName: 'c', version: '1', createdAt: at(0), profile: profileDataset(spec, { x: [1] }), metrics: {} });
        await store.writeBaseline({ modelName: 'a', version: '1', createdAt: at(0), profile: profileDataset(spec, { x: [1] }), metrics: {} });
        expect((await store.listModels()).sort()).toEqual(['a', 'b', 'c']);
      });
    });

    describe('deleteBefore', () => {
      it('deletes records strictly older than the cutoff, counts them, and keeps alerts and baselines', async () => {
        const store = await createStore();
        const cutoff = at(10 * minute);
        const spec = createProfileSpec({ x: [1, 2, 3] });
        const profile = profileDataset(spec, { x: [1, 2] });
        await store.writePredictions([
          prediction('old-1', at(0)),
          prediction('old-2', at(10 * minute - 1), { modelName: 'fraud' }),
          prediction('kept-at-cutoff', cutoff),
          prediction('kept', at(11 * minute)),
        ]);
        await store.writeOutcomes([
          { predictionId: 'old-1', label: 'No', timestamp: at(minute) },
          { predictionId: 'kept-at-cutoff', label: 'Yes', timestamp: at(10 * minute) },
        ]);
        const window = (offset: number): WindowProfileRecord => ({
          id: `window-at-${offset}`,
          modelName: 'churn',
          modelVersion: '1',
          segment: '',
          windowStart: at(offset),
          windowSeconds: 60,
          replicaId: 'r',
          requestCount: 2,
          errorCount: 0,
          profile,
          latency: profile,
        });
        await store.writeWindowProfiles([window(0), window(9 * minute), window(10 * minute)]);
        const check = (id: string, offset: number): CheckResultRecord => ({
          id,
          modelName: 'churn',
          modelVersion: '1',
          segment: '',
          checkedAt: at(offset),
          windowStart: at(offset - minute),
          windowEnd: at(offset),
          kind: 'volume',
          subject: 'requests',
          value: 2,
          severity: 'OK',
          details: {},
        });
        await store.writeCheckResults([check('old', 5 * minute), check('kept', 10 * minute)]);
        const alert: AlertRecord = {
          id: 'old-alert',
          dedupeKey: 'k',
          modelName: 'churn',
          modelVersion: '1',
          severity: 'INFO',
          status: 'firing',
          title: 't',
          message: 'm',
          evidence: { test: 'volume', statistic: 2, threshold: 1, n: 2 },
          createdAt: at(0),
          deliveries: [],
        };
        await store.writeAlerts([alert]);
        await store.writeBaseline({ modelName: 'churn', version: '1', createdAt: at(0), profile, metrics: {} });

        expect(await store.deleteBefore(cutoff)).toEqual({ predictions: 2, outcomes: 1, windowProfiles: 2, checkResults: 1 });
        expect(await store.deleteBefore(cutoff)).toEqual({ predictions: 0, outcomes: 0, windowProfiles: 0, checkResults: 0 });

        const everything = { from: at(-minute), to: at(60 * minute) };
        expect((await store.readPredictions({ modelName: 'churn', ...everything })).map((record) => record.id)).toEqual([
          'kept',
          'kept-at-cutoff',
        ]);
        expect(await store.readPrediction('old-2')).toBeUndefined();
        expect((await store.readLabelledPredictions({ modelName: 'churn', ...everything })).map((entry) => entry.prediction.id)).toEqual([
          'kept-at-cutoff',
        ]);
        expect(await store.readWindowProfiles({ modelName: 'churn', ...everything })).toEqual([window(10 * minute)]);
        expect((await store.readCheckResults({ modelName: 'churn', ...everything })).map((record) => record.id)).toEqual(['kept']);
        expect(await store.readAlerts({})).toEqual([alert]);
        expect(await store.readBaseline('churn')).toBeDefined();
      });
    });

    describe('shutdown', () => {
      it('is idempotent, and afterwards every method rejects with SHUTDOWN', async () => {
        const store = await createStore();
        await store.writePredictions([prediction('p', at(0))]);
        await store.shutdown();
        await store.shutdown();
        const calls: Array<[string, () => Promise<unknown>]> = [
          ['migrate', () => store.migrate()],
          ['writePredictions', () => store.writePredictions([prediction('q', at(0))])],
          ['writeOutcomes', () => store.writeOutcomes([{ predictionId: 'p', label: 1, timestamp: at(0) }])],
          ['writeWindowProfiles', () => store.writeWindowProfiles([])],
          ['writeCheckResults', () => store.writeCheckResults([])],
          ['writeAlerts', () => store.writeAlerts([])],
          ['recordAlertDeliveries', () => store.recordAlertDeliveries('a', [])],
          [
            'writeBaseline',
            () =>
              store.writeBaseline({
                modelName: 'churn',
                version: '1',
                createdAt: at(0),
                profile: profileDataset(createProfileSpec({ x: [1] }), { x: [1] }),
                metrics: {},
              }),
          ],
          ['readPredictions', () => store.readPredictions(range('churn', 0, minute))],
          ['readPrediction', () => store.readPrediction('p')],
          ['readLabelledPredictions', () => store.readLabelledPredictions(range('churn', 0, minute))],
          ['readWindowProfiles', () => store.readWindowProfiles(range('churn', 0, minute))],
          ['readCheckResults', () => store.readCheckResults(range('churn', 0, minute))],
          ['readAlerts', () => store.readAlerts({})],
          ['readBaseline', () => store.readBaseline('churn')],
          ['listModels', () => store.listModels()],
          ['deleteBefore', () => store.deleteBefore(at(0))],
        ];
        for (const [name, call] of calls) {
          const error = await call().then(
            () => new Error(`${name} resolved after shutdown`),
            (rejection: unknown) => rejection,
          );
          expect(DriftwatchError.isInstance(error) ? error.code : error, name).toBe('SHUTDOWN');
        }
        await store.shutdown();
      });
    });
  });
}

function prediction(id: string, timestamp: Date, extra: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    id,
    timestamp,
    modelName: 'churn',
    modelVersion: '1',
    features: { tenure: 12, Contract: 'Month-to-month' },
    prediction: { label: 'Yes', score: 0.71 },
    latencyMillis: 2.5,
    ...extra,
  };
}

function range(modelName: string, fromOffset: number, toOffset: number) {
  return { modelName, from: at(fromOffset), to: at(toOffset) };
}

function twentyFeatures(index: number): Record<string, unknown> {
  const features: Record<string, unknown> = {};
  for (let column = 0; column < 15; column++) features[`numeric${column}`] = ((index * (column + 7)) % 1000) / 8;
  for (let column = 0; column < 5; column++) features[`category${column}`] = `value-${(index + column) % 13}`;
  return features;
}

function sortWindows(records: WindowProfileRecord[]): WindowProfileRecord[] {
  const key = (record: WindowProfileRecord) =>
    [record.windowStart.getTime(), record.modelVersion, record.segment, record.replicaId, record.requestCount].join('|');
  return [...records].sort((left, right) => (key(left) < key(right) ? -1 : key(left) > key(right) ? 1 : 0));
}

/** Counts, histograms, sketches and categories exactly; mean and m2 within 1e-9 relative. */
function expectSameProfile(actual: DatasetProfile, expected: DatasetProfile): void {
  expect(actual.rowCount).toBe(expected.rowCount);
  expect(actual.spec.fingerprint).toBe(expected.spec.fingerprint);
  actual.columns.forEach((column, index) => {
    const other = expected.columns[index]!;
    if (column.kind === 'numeric' && other.kind === 'numeric') {
      const { mean, m2, ...exact } = column;
      const { mean: expectedMean, m2: expectedM2, ...expectedExact } = other;
      expect(exact).toEqual(expectedExact);
      expect(Math.abs(mean - expectedMean)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expectedMean)));
      expect(Math.abs(m2 - expectedM2)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expectedM2)));
    } else {
      expect(column).toEqual(other);
    }
  });
}
