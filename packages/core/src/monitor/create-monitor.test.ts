import type { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import type { AlertSink } from '../contracts/alert-sink.js';
import type { EventStore } from '../contracts/event-store.js';
import { AlertDeliveryError } from '../errors/alert-delivery-error.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import { createPredictionId } from '../records/create-prediction-id.js';
import type { OutcomeRecord } from '../records/outcome-record.js';
import type { PredictionRecord } from '../records/prediction-record.js';
import { createFakeClock, type FakeClock } from '../testing/fake-clock.js';
import { createInMemoryEventStore } from '../testing/in-memory-event-store.js';
import { createRecordingAlertSink } from '../testing/recording-alert-sink.js';
import type { AlertPolicyConfig } from './create-alert-policy.js';
import { createMonitor, type MonitorConfig } from './create-monitor.js';
import {
  features,
  makeBaseline,
  minuteMillis,
  modelName,
  seededRandom,
  startMillis,
  traffic,
  windowProfile,
  type TrafficShift,
} from './monitor.test-helper.js';

const immediate: AlertPolicyConfig = { hysteresis: { breachCount: 1, checkCount: 1 } };

function setup(overrides: Partial<MonitorConfig> = {}) {
  const clock = createFakeClock({ startMillis });
  const store = createInMemoryEventStore();
  const sink = createRecordingAlertSink();
  const errors: DriftwatchError[] = [];
  const baseline = overrides.baseline ?? makeBaseline();
  const monitor = createMonitor({
    store,
    baseline,
    features,
    clock,
    sinks: [sink],
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { clock, store, sink, errors, baseline, monitor };
}

/** Writes `count` minute profiles from `fromMillis`, `perMinute` rows each. */
async function writeMinutes(
  store: EventStore,
  baseline: BaselineRecord,
  options: { fromMillis: number; count: number; random: () => number; shift?: TrafficShift; perMinute?: number; replicaId?: string },
): Promise<void> {
  const records = [];
  for (let minute = 0; minute < options.count; minute++) {
    records.push(
      windowProfile({
        baseline,
        windowStartMillis: options.fromMillis + minute * minuteMillis,
        rows: traffic(options.perMinute ?? 200, options.random, options.shift),
        ...(options.replicaId === undefined ? {} : { replicaId: options.replicaId }),
      }),
    );
  }
  await store.writeWindowProfiles(records);
}

/** Advances the fake clock until the promise settles, so timers it waits on (a sink timeout) fire. */
async function settleWithClock<Value>(clock: FakeClock, promise: Promise<Value>): Promise<Value> {
  let settled = false;
  void promise.finally(() => (settled = true)).catch(() => undefined);
  for (let step = 0; step < 1000 && !settled; step++) await clock.advanceAsync(1000);
  return promise;
}

describe('createMonitor', () => {
  it('raises CRITICAL drift in the first check window after a sudden onset when N = 1, with its evidence', async () => {
    const { store, baseline, monitor, sink } = setup({ alerts: immediate, windowSeconds: 60 });
    const random = seededRandom(11);
    await writeMinutes(store, baseline, { fromMillis: startMillis, count: 1, random });
    const before = await monitor.runChecks({ at: new Date(startMillis + minuteMillis) });
    expect(before.alerts).toEqual([]);

    await writeMinutes(store, baseline, { fromMillis: startMillis + minuteMillis, count: 1, random, shift: { tenure: 25 } });
    const after = await monitor.runChecks({ at: new Date(startMillis + 2 * minuteMillis) });
    const tenure = after.alerts.find((alert) => alert.dedupeKey === 'churn/feature-drift/tenure');
    expect(tenure).toMatchObject({ status: 'firing', severity: 'CRITICAL', modelName });
    expect(tenure!.evidence).toMatchObject({ test: 'psi', threshold: 0.25, n: 200, hypothesisTest: 'ks', check: 'feature-drift', subject: 'tenure' });
    expect(tenure!.evidence.statistic).toBeGreaterThan(0.25);
    expect(tenure!.evidence.pValue).toBeLessThan(0.05);
    expect(tenure!.evidence.topBins).toHaveLength(3);
    const [top] = tenure!.evidence.topBins!;
    expect(Math.abs(top!.currentShare - top!.referenceShare)).toBeGreaterThan(0.2);
    expect(tenure!.message).toMatch(/PSI .* ≥ 0\.25 \(CRITICAL\)/);
    expect(sink.alerts.map((alert) => alert.id)).toContain(tenure!.id);
    expect(after.alerts.some((alert) => alert.dedupeKey === 'churn/feature-drift/monthlyCharges')).toBe(false);
  });

  it('with the default 2-of-3 hysteresis waits for a second breaching check', async () => {
    const { store, baseline, monitor } = setup({ windowSeconds: 60 });
    const random = seededRandom(12);
    await writeMinutes(store, baseline, { fromMillis: startMillis, count: 2, random, shift: { tenure: 25 } });
    const first = await monitor.runChecks({ at: new Date(startMillis + minuteMillis) });
    const second = await monitor.runChecks({ at: new Date(startMillis + 2 * minuteMillis) });
    const tenure = (alerts: typeof first.alerts) => alerts.filter((alert) => alert.dedupeKey === 'churn/feature-drift/tenure');
    expect(tenure(first.alerts)).toEqual([]);
    expect(tenure(second.alerts)).toHaveLength(1);
  });

  it('stores one check result per subject per run, as time series', async () => {
    const { store, baseline, monitor } = setup();
    const random = seededRandom(13);
    await writeMinutes(store, baseline, { fromMillis: startMillis, count: 5, random });
    for (let run = 1; run <= 3; run++) await monitor.runChecks({ at: new Date(startMillis + (5 + run) * minuteMillis) });

    const series = await store.readCheckResults({
      modelName,
      kind: 'feature-drift',
      subject: 'tenure',
      from: new Date(startMillis),
      to: new Date(startMillis + 60 * minuteMillis),
    });
    expect(series.map((point) => point.checkedAt.getTime())).toEqual([6, 7, 8].map((minute) => startMillis + minute * minuteMillis));
    expect(series.every((point) => point.severity === 'OK' && point.value < 0.1 && point.modelVersion === '' && point.segment === '')).toBe(true);
    expect(series[0]!.windowStart.getTime()).toBe(startMillis + 6 * minuteMillis - 3_600_000);

    const all = await store.readCheckResults({ modelName, from: new Date(startMillis), to: new Date(startMillis + 7 * minuteMillis) });
    const subjects = all.map((point) => `${point.kind}/${point.subject}`).sort();
    expect(subjects).toEqual(
      [
        'data-quality/Contract',
        'data-quality/monthlyCharges',
        'data-quality/tenure',
        'feature-drift/Contract',
        'feature-drift/monthlyCharges',
        'feature-drift/tenure',
        'latency/p50',
        'latency/p95',
        'latency/p99',
        'performance/label-coverage',
        'prediction-drift/prediction.label',
        'prediction-drift/prediction.score',
        'volume/error-rate',
        'volume/requests-per-minute',
      ].sort(),
    );
    const volume = all.find((point) => point.subject === 'requests-per-minute')!;
    expect(volume.value).toBeCloseTo((5 * 200) / 60);
  });

  it('measures missing, out-of-range and unseen values from the profiles', async () => {
    const { store, baseline, monitor } = setup({ alerts: immediate });
    const rows = traffic(400, seededRandom(14), { tenureMissing: 0.3, unseenContract: 0.2 });
    for (let index = 0; index < 20; index++) rows[index]!.tenure = 150;
    await store.writeWindowProfiles([windowProfile({ baseline, windowStartMillis: startMillis, rows })]);
    const result = await monitor.runChecks({ at: new Date(startMillis + minuteMillis) });

    const quality = (subject: string) => result.checkResults.find((point) => point.kind === 'data-quality' && point.subject === subject)!;
    const tenure = quality('tenure').details;
    expect(tenure['missingRate']).toBeGreaterThan(0.2);
    expect(tenure['outOfRangeShare']).toBeCloseTo(20 / rows.filter((row) => row.tenure !== null).length, 6);
    expect(tenure['range']).toEqual([0, 72]);
    expect(tenure['allowedSource']).toBe('feature-spec');
    const contract = quality('Contract').details;
    expect(contract['unseenCategories']).toEqual(['Weekly']);
    expect(contract['unseenCategoryShare']).toBeGreaterThan(0.1);
    expect(quality('Contract').severity).toBe('CRITICAL');
    expect(result.alerts.map((alert) => alert.dedupeKey)).toEqual(
      expect.arrayContaining(['churn/data-quality/tenure', 'churn/data-quality/Contract']),
    );
  });

  it('reports label coverage, and alerts on an accuracy drop once enough labels arrive', async () => {
    const { store, baseline, monitor } = setup({ alerts: immediate, positiveLabel: 'Yes', baseline: makeBaseline({ metrics: { accuracy: 0.9, auc: 0.8 } }) });
    const random = seededRandom(15);
    const rows = traffic(400, random);
    await store.writeWindowProfiles([windowProfile({ baseline, windowStartMillis: startMillis, rows })]);
    const predictions: PredictionRecord[] = rows.map((row, index) => ({
      id: createPredictionId(startMillis + index),
      timestamp: new Date(startMillis + index),
      modelName,
      modelVersion: '1',
      features: { tenure: row.tenure, monthlyCharges: row.monthlyCharges, Contract: row.Contract },
      prediction: { label: row['prediction.label'], score: row['prediction.score'] },
    }));
    await store.writePredictions(predictions);

    const unlabelled = await monitor.runChecks({ at: new Date(startMillis + minuteMillis) });
    expect(unlabelled.checkResults.filter((point) => point.kind === 'performance').map((point) => [point.subject, point.value])).toEqual([
      ['label-coverage', 0],
    ]);
    expect(unlabelled.alerts).toEqual([]);

    // 300 outcomes: the first 225 agree with the prediction, the rest do not (accuracy 0.75).
    const outcomes: OutcomeRecord[] = predictions.slice(0, 300).map((prediction, index) => {
      const predicted = prediction.prediction.label;
      return { predictionId: prediction.id, label: index < 225 ? predicted! : predicted === 'Yes' ? 'No' : 'Yes', timestamp: new Date(startMillis + minuteMillis) };
    });
    // Both classes among the outcomes, so AUC is defined.
    await store.writeOutcomes(outcomes);
    const labelled = await monitor.runChecks({ at: new Date(startMillis + 2 * minuteMillis) });
    const performance = Object.fromEntries(
      labelled.checkResults.filter((point) => point.kind === 'performance').map((point) => [point.subject, point]),
    );
    expect(Object.keys(performance).sort()).toEqual(['accuracy', 'auc', 'f1', 'label-coverage', 'precision', 'recall']);
    expect(performance['label-coverage']!.value).toBeCloseTo(0.75);
    expect(performance['accuracy']!.value).toBeCloseTo(0.75);
    expect(performance['accuracy']!.severity).toBe('CRITICAL');
    expect(performance['accuracy']!.details['confusionMatrix']).toMatchObject({ labels: { positive: 'Yes' } });
    const alert = labelled.alerts.find((candidate) => candidate.dedupeKey === 'churn/performance/accuracy');
    expect(alert).toMatchObject({ severity: 'CRITICAL', evidence: { test: 'accuracy-drop', threshold: 0.1, n: 300, labelCoverage: 0.75, baselineValue: 0.9 } });
    expect(alert!.evidence.statistic).toBeCloseTo(0.15);
  });

  it('alerts on latency quantiles and on the error rate', async () => {
    const { store, baseline, monitor } = setup({ alerts: { ...immediate, latencyMillis: { p95: { warning: 100, critical: 300 } } } });
    const rows = traffic(200, seededRandom(16));
    const latenciesMillis = rows.map((_, index) => (index % 10 === 0 ? 500 : 12));
    await store.writeWindowProfiles([windowProfile({ baseline, windowStartMillis: startMillis, rows, latenciesMillis, errorCount: 50 })]);
    const result = await monitor.runChecks({ at: new Date(startMillis + minuteMillis) });

    const p95 = result.alerts.find((alert) => alert.dedupeKey === 'churn/latency/p95');
    expect(p95).toMatchObject({ severity: 'CRITICAL', evidence: { test: 'latency-p95', threshold: 300, n: 200 } });
    expect(Math.abs(p95!.evidence.statistic - 500) / 500).toBeLessThanOrEqual(0.01);
    expect(result.alerts.some((alert) => alert.dedupeKey === 'churn/latency/p50')).toBe(false);
    const errorRate = result.alerts.find((alert) => alert.dedupeKey === 'churn/volume/error-rate');
    expect(errorRate).toMatchObject({ severity: 'CRITICAL', evidence: { test: 'error-rate', statistic: 0.2, n: 250, errorCount: 50 } });
  });

  it('survives failing, throwing and hanging sinks, and stores every delivery result', async () => {
    const failing = createRecordingAlertSink({ name: 'failing', failWith: { statusCode: 503, error: 'HTTP 503' } });
    const hanging: AlertSink = { name: 'hanging', send: () => new Promise(() => {}), shutdown: async () => {} };
    const throwing: AlertSink = {
      name: 'throwing',
      send() {
        throw new Error('boom');
      },
      shutdown: async () => {},
    };
    const good = createRecordingAlertSink({ name: 'good' });
    const { clock, store, baseline, monitor, errors } = setup({
      alerts: { ...immediate, dataQuality: { missingRateIncrease: false, outOfRangeShare: false, unseenCategoryShare: false } },
      sinks: [failing, hanging, throwing, good],
      windowSeconds: 60,
    });
    await writeMinutes(store, baseline, { fromMillis: startMillis, count: 1, random: seededRandom(17), shift: { tenure: 25 } });
    const result = await settleWithClock(clock, monitor.runChecks({ at: new Date(startMillis + minuteMillis) }));

    const alert = result.alerts.find((candidate) => candidate.dedupeKey === 'churn/feature-drift/tenure')!;
    expect(alert.deliveries.map((delivery) => [delivery.sink, delivery.ok])).toEqual([
      ['failing', false],
      ['hanging', false],
      ['throwing', false],
      ['good', true],
    ]);
    expect(alert.deliveries[0]).toMatchObject({ statusCode: 503, error: 'HTTP 503' });
    expect(alert.deliveries[1]!.error).toMatch(/No answer within 10000 ms/);
    expect(alert.deliveries[2]!.error).toMatch(/boom/);
    expect(good.alerts.map((delivered) => delivered.id)).toContain(alert.id);

    const [stored] = await store.readAlerts({ modelName, dedupeKey: alert.dedupeKey });
    expect(stored!.deliveries.map((delivery) => [delivery.sink, delivery.ok])).toEqual(alert.deliveries.map((delivery) => [delivery.sink, delivery.ok]));
    const deliveryErrors = errors.filter((error) => AlertDeliveryError.isInstance(error) && error.code === 'ALERT_DELIVERY_FAILED');
    expect(deliveryErrors.length).toBeGreaterThanOrEqual(3);
    expect(result.errors.filter((error) => error.stage === 'deliver').length).toBe(deliveryErrors.length);

    // The monitor carries on.
    await expect(settleWithClock(clock, monitor.runChecks({ at: new Date(startMillis + 2 * minuteMillis) }))).resolves.toMatchObject({ modelName });
  });

  it('never throws into the host when the store fails; failures go to onError and the result', async () => {
    const inner = createInMemoryEventStore();
    const store: EventStore = {
      ...inner,
      readWindowProfiles: async () => {
        throw new Error('disk full');
      },
      writeCheckResults: async () => {
        throw new Error('read-only');
      },
    };
    const { monitor, errors } = setup({ store });
    const result = await monitor.runChecks({ at: new Date(startMillis + minuteMillis) });
    expect(result.errors.map((error) => [error.stage, error.error.code])).toEqual([
      ['read-window-profiles', 'STORE_FAILED'],
      ['write-check-results', 'STORE_FAILED'],
    ]);
    expect(errors.map((error) => error.message)).toEqual([
      'Monitor step read-window-profiles failed: disk full',
      'Monitor step write-check-results failed: read-only',
    ]);
    expect(result.skipped.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['feature-drift', 'prediction-drift', 'data-quality', 'latency', 'volume']),
    );
    expect(result.checkResults.map((point) => point.subject)).toEqual(['label-coverage']);
  });

  it('runs every 60 s on the clock after start(); start, stop and shutdown are idempotent', async () => {
    const { clock, store, baseline, monitor } = setup();
    await writeMinutes(store, baseline, { fromMillis: startMillis - 10 * minuteMillis, count: 10, random: seededRandom(18) });
    await Promise.all([monitor.start(), monitor.start()]);
    expect(clock.pendingTimerCount).toBe(1);
    expect(monitor.isRunning).toBe(true);
    for (let tick = 0; tick < 3; tick++) await clock.advanceAsync(60_000);

    const range = { modelName, kind: 'volume' as const, subject: 'requests-per-minute', from: new Date(startMillis), to: new Date(startMillis + 3_600_000) };
    const checked = (await store.readCheckResults(range)).map((point) => point.checkedAt.getTime() - startMillis);
    expect(checked).toEqual([60_000, 120_000, 180_000]);

    monitor.stop();
    monitor.stop();
    expect(monitor.isRunning).toBe(false);
    await clock.advanceAsync(180_000);
    expect(await store.readCheckResults(range)).toHaveLength(3);

    await monitor.start();
    await clock.advanceAsync(60_000);
    expect(await store.readCheckResults(range)).toHaveLength(4);
    await Promise.all([monitor.shutdown(), monitor.shutdown()]);
    expect(clock.pendingTimerCount).toBe(0);
    await expect(monitor.runChecks()).rejects.toMatchObject({ code: 'SHUTDOWN' });
    await monitor.start();
    expect(monitor.isRunning).toBe(false);
  });

  it('raises no CRITICAL alert over two hours of minute checks without drift (seeded)', async () => {
    const { clock, store, baseline, monitor, sink } = setup();
    await writeMinutes(store, baseline, { fromMillis: startMillis - 60 * minuteMillis, count: 180, random: seededRandom(19) });
    await monitor.start();
    for (let tick = 0; tick < 120; tick++) await clock.advanceAsync(60_000);
    await monitor.shutdown();
    const checks = await store.readCheckResults({ modelName, kind: 'feature-drift', subject: 'tenure', from: new Date(startMillis), to: new Date(startMillis + 7_200_001) });
    expect(checks).toHaveLength(120);
    expect(sink.alerts.filter((alert) => alert.severity === 'CRITICAL')).toEqual([]);
    expect(sink.alerts).toEqual([]);
  });

  it('rebuilds open incidents from the store on start: cooldown continues, and the resolved notice still goes out', async () => {
    const store = createInMemoryEventStore();
    const baseline = makeBaseline();
    const config = { alerts: { ...immediate, cooldownMillis: 3_600_000 }, windowSeconds: 60, store, baseline };
    const first = setup(config);
    const random = seededRandom(20);
    await writeMinutes(store, baseline, { fromMillis: startMillis, count: 2, random, shift: { tenure: 25 } });
    const fired = await first.monitor.runChecks({ at: new Date(startMillis + minuteMillis) });
    expect(fired.alerts.map((alert) => alert.dedupeKey)).toContain('churn/feature-drift/tenure');
    await first.monitor.shutdown();

    const second = setup({ ...config, clock: createFakeClock({ startMillis: startMillis + minuteMillis }) });
    await second.monitor.start();
    expect(second.monitor.policy.openIncidents().map((incident) => incident.dedupeKey)).toContain('churn/feature-drift/tenure');
    const still = await second.monitor.runChecks({ at: new Date(startMillis + 2 * minuteMillis) });
    expect(still.alerts).toEqual([]);

    await writeMinutes(store, baseline, { fromMillis: startMillis + 2 * minuteMillis, count: 1, random });
    const cleared = await second.monitor.runChecks({ at: new Date(startMillis + 3 * minuteMillis) });
    const resolved = cleared.alerts.find((alert) => alert.dedupeKey === 'churn/feature-drift/tenure');
    expect(resolved).toMatchObject({ status: 'resolved', severity: 'CRITICAL' });
    expect(second.sink.alerts.map((alert) => alert.status)).toContain('resolved');
    await second.monitor.shutdown();
  });

  it('loads the newest baseline from the store when none is given', async () => {
    const store = createInMemoryEventStore();
    const baseline = makeBaseline();
    await store.writeBaseline(baseline);
    const { monitor } = setup({ store, baseline: undefined, modelName });
    await writeMinutes(store, baseline, { fromMillis: startMillis, count: 1, random: seededRandom(21) });
    const result = await monitor.runChecks({ at: new Date(startMillis + minuteMillis) });
    expect(result.checkResults.some((point) => point.kind === 'feature-drift')).toBe(true);
    expect(result.skipped).toEqual([]);

    const empty = setup({ baseline: undefined, modelName });
    const skipped = await empty.monitor.runChecks({ at: new Date(startMillis + minuteMillis) });
    expect(skipped.skipped.map((entry) => entry.kind)).toEqual(['feature-drift', 'prediction-drift', 'data-quality', 'latency']);
  });

  it('keeps one check over an hour of minute profiles from several replicas cheap (one merge, one compare)', async () => {
    const { store, baseline, monitor } = setup();
    for (const replicaId of ['a', 'b', 'c']) {
      await writeMinutes(store, baseline, { fromMillis: startMillis, count: 60, random: seededRandom(replicaId.charCodeAt(0)), perMinute: 300, replicaId });
    }
    await monitor.runChecks({ at: new Date(startMillis + 60 * minuteMillis) }); // warm-up
    const result = await monitor.runChecks({ at: new Date(startMillis + 60 * minuteMillis) });
    expect(result.windowProfileCount).toBe(180);
    // The budget is 100 ms at 1k predictions/s; the adapters' benchmark measures it against real stores.
    expect(result.durationMillis).toBeLessThan(1000);
  });

  it('rejects invalid configs', () => {
    const store = createInMemoryEventStore();
    expect(() => createMonitor({ store })).toThrowError(/modelName or a baseline/);
    expect(() => createMonitor({ store, modelName, checkIntervalSeconds: 0 })).toThrowError(/checkIntervalSeconds/);
    expect(() => createMonitor({ store: {} as EventStore, modelName })).toThrowError(/must be an EventStore/);
    expect(() => createMonitor({ store, modelName: 'other', baseline: makeBaseline() })).toThrowError(/baseline is for model churn/);
  });
});
