import { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../records/alert-record.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import type { CheckResultRecord } from '../records/check-result-record.js';
import type { PredictionRecord } from '../records/prediction-record.js';
import type { WindowProfileRecord } from '../records/window-profile-record.js';
import { createInMemoryEventStore } from './in-memory-event-store.js';

const base = Date.UTC(2026, 0, 1);

function prediction(id: string, offsetMillis: number, overrides: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    id,
    timestamp: new Date(base + offsetMillis),
    modelName: 'churn',
    modelVersion: '1',
    features: { tenure: 3 },
    prediction: { score: 0.5 },
    ...overrides,
  };
}

const emptyProfile = { spec: { relativeAccuracy: 0.01, maxCategories: 10, columns: [], fingerprint: 'x' }, rowCount: 0, columns: [] };

let windowCount = 0;

function windowProfile(offsetMillis: number, replicaId: string, overrides: Partial<WindowProfileRecord> = {}): WindowProfileRecord {
  return {
    id: `window-${++windowCount}`,
    modelName: 'churn',
    modelVersion: '1',
    segment: '',
    windowStart: new Date(base + offsetMillis),
    windowSeconds: 60,
    replicaId,
    requestCount: 1,
    errorCount: 0,
    profile: emptyProfile,
    latency: emptyProfile,
    ...overrides,
  };
}

function check(id: string, offsetMillis: number, overrides: Partial<CheckResultRecord> = {}): CheckResultRecord {
  const at = new Date(base + offsetMillis);
  return {
    id,
    modelName: 'churn',
    modelVersion: '1',
    segment: '',
    checkedAt: at,
    windowStart: at,
    windowEnd: at,
    kind: 'feature-drift',
    subject: 'tenure',
    value: 0.1,
    severity: 'OK',
    details: {},
    ...overrides,
  };
}

function alert(id: string, offsetMillis: number, overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id,
    dedupeKey: 'churn:tenure',
    modelName: 'churn',
    modelVersion: '1',
    severity: 'WARNING',
    status: 'firing',
    title: 't',
    message: 'm',
    evidence: { test: 'psi', statistic: 0.3, threshold: 0.2, n: 100 },
    createdAt: new Date(base + offsetMillis),
    deliveries: [],
    ...overrides,
  };
}

function baseline(version: string, createdOffsetMillis: number): BaselineRecord {
  return { modelName: 'churn', version, createdAt: new Date(base + createdOffsetMillis), profile: emptyProfile, metrics: { accuracy: 0.8 } };
}

const range = { modelName: 'churn', from: new Date(base), to: new Date(base + 10_000) };

describe('createInMemoryEventStore', () => {
  it('ignores duplicate prediction ids and returns predictions newest first in a half-open range', async () => {
    const store = createInMemoryEventStore();
    await store.migrate();
    await store.migrate();
    await store.writePredictions([prediction('a', 0), prediction('b', 5000), prediction('c', 10_000)]);
    await store.writePredictions([prediction('a', 0, { features: { tenure: 99 } })]);
    const read = await store.readPredictions(range);
    expect(read.map((record) => record.id)).toEqual(['b', 'a']);
    expect(read[1]!.features).toEqual({ tenure: 3 });
    expect(await store.readPredictions({ ...range, limit: 1 })).toHaveLength(1);
  });

  it('filters by version, segment (empty string = no segment) and errors', async () => {
    const store = createInMemoryEventStore();
    await store.writePredictions([
      prediction('a', 0),
      prediction('b', 1, { segment: 'eu', modelVersion: '2' }),
      prediction('c', 2, { status: 'error', prediction: {} }),
    ]);
    expect((await store.readPredictions({ ...range, segment: '' })).map((record) => record.id)).toEqual(['c', 'a']);
    expect((await store.readPredictions({ ...range, modelVersion: '2' })).map((record) => record.id)).toEqual(['b']);
    expect((await store.readPredictions({ ...range, errorsOnly: true })).map((record) => record.id)).toEqual(['c']);
  });

  it('copies records in and out', async () => {
    const store = createInMemoryEventStore();
    const record = prediction('a', 0);
    await store.writePredictions([record]);
    record.features.tenure = 50;
    const read = (await store.readPrediction('a'))!;
    expect(read.features.tenure).toBe(3);
    read.features.tenure = 70;
    expect((await store.readPrediction('a'))!.features.tenure).toBe(3);
    expect(await store.readPrediction('missing')).toBeUndefined();
  });

  it('replaces outcomes and joins them to predictions', async () => {
    const store = createInMemoryEventStore();
    await store.writePredictions([prediction('a', 0), prediction('b', 1)]);
    await store.writeOutcomes([{ predictionId: 'a', label: 'No', timestamp: new Date(base + 100) }]);
    await store.writeOutcomes([{ predictionId: 'a', label: 'Yes', timestamp: new Date(base + 200) }]);
    const joined = await store.readLabelledPredictions(range);
    expect(joined).toHaveLength(1);
    expect(joined[0]!.outcome.label).toBe('Yes');
  });

  it('appends window profiles and reads them oldest first', async () => {
    const store = createInMemoryEventStore();
    await store.writeWindowProfiles([windowProfile(60_000, 'r1'), windowProfile(0, 'r1')]);
    await store.writeWindowProfiles([windowProfile(0, 'r2')]);
    const read = await store.readWindowProfiles({ ...range, to: new Date(base + 60_000) });
    expect(read.map((record) => record.replicaId)).toEqual(['r1', 'r2']);
    expect(await store.readWindowProfiles({ ...range, to: new Date(base + 60_001) })).toHaveLength(3);
  });

  it('filters check results and alerts', async () => {
    const store = createInMemoryEventStore();
    await store.writeCheckResults([check('c2', 2), check('c1', 1, { kind: 'latency', subject: 'p95' })]);
    expect((await store.readCheckResults(range)).map((record) => record.id)).toEqual(['c1', 'c2']);
    expect((await store.readCheckResults({ ...range, kind: 'latency' })).map((record) => record.id)).toEqual(['c1']);
    await store.writeAlerts([alert('a1', 1), alert('a2', 2, { status: 'resolved' })]);
    await store.writeAlerts([alert('a1', 1, { title: 'updated' })]);
    await store.recordAlertDeliveries('a1', [{ sink: 's', ok: true, attempts: 1, at: new Date(base) }]);
    const alerts = await store.readAlerts({});
    expect(alerts.map((record) => record.id)).toEqual(['a2', 'a1']);
    expect(alerts[1]!.title).toBe('updated');
    expect(alerts[1]!.deliveries).toHaveLength(1);
    expect(await store.readAlerts({ status: 'firing' })).toHaveLength(1);
    await expect(store.recordAlertDeliveries('missing', [])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads the newest baseline by createdAt, or the named version', async () => {
    const store = createInMemoryEventStore();
    await store.writeBaseline(baseline('2', 100));
    await store.writeBaseline(baseline('1', 0));
    expect((await store.readBaseline('churn'))!.version).toBe('2');
    expect((await store.readBaseline('churn', '1'))!.version).toBe('1');
    expect(await store.readBaseline('churn', '3')).toBeUndefined();
    expect(await store.readBaseline('other')).toBeUndefined();
    expect(await store.listModels()).toEqual(['churn']);
  });

  it('deletes before a cutoff and counts, keeping alerts', async () => {
    const store = createInMemoryEventStore();
    await store.writePredictions([prediction('a', 0), prediction('b', 5000)]);
    await store.writeOutcomes([{ predictionId: 'a', label: 1, timestamp: new Date(base + 10) }]);
    await store.writeWindowProfiles([windowProfile(0, 'r'), windowProfile(5000, 'r')]);
    await store.writeCheckResults([check('c', 0)]);
    await store.writeAlerts([alert('x', 0)]);
    expect(await store.deleteBefore(new Date(base + 5000))).toEqual({ predictions: 1, outcomes: 1, windowProfiles: 1, checkResults: 1 });
    expect(await store.readAlerts({})).toHaveLength(1);
    expect(await store.deleteBefore(new Date(base + 5000))).toEqual({ predictions: 0, outcomes: 0, windowProfiles: 0, checkResults: 0 });
  });

  it('shuts down idempotently, then rejects with SHUTDOWN', async () => {
    const store = createInMemoryEventStore();
    await store.shutdown();
    await store.shutdown();
    const error = await store.writePredictions([prediction('a', 0)]).catch((caught: unknown) => caught);
    expect(DriftwatchError.isInstance(error) && error.code).toBe('SHUTDOWN');
    await expect(store.readBaseline('churn')).rejects.toMatchObject({ code: 'SHUTDOWN' });
  });
});
