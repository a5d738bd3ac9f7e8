import type { CheckResultRecord } from '@driftwatch/core';
import { createInMemoryEventStore } from '@driftwatch/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { readCheckResultSeries } from './read-check-result-series.js';

const end = Date.UTC(2026, 0, 2);
const minute = 60_000;

function run(atMillis: number, subjects: number, modelVersion = ''): CheckResultRecord[] {
  return Array.from({ length: subjects }, (_, index) => ({
    id: `${atMillis}-${index}-${modelVersion}`,
    modelName: 'churn',
    modelVersion,
    segment: '',
    checkedAt: new Date(atMillis),
    windowStart: new Date(atMillis - 3_600_000),
    windowEnd: new Date(atMillis),
    kind: 'feature-drift' as const,
    subject: `feature${index}`,
    value: atMillis / 1e12,
    severity: 'OK' as const,
    details: {},
  }));
}

async function storeWith(runs: CheckResultRecord[][]) {
  const store = createInMemoryEventStore();
  await store.migrate();
  await store.writeCheckResults(runs.flat());
  return store;
}

describe('readCheckResultSeries', () => {
  it('reads a short or small range in full', async () => {
    const store = await storeWith(Array.from({ length: 240 }, (_, index) => run(end - index * minute, 10)));
    const read = vi.spyOn(store, 'readCheckResults');
    const series = await readCheckResultSeries(store, { modelName: 'churn', kind: 'feature-drift', from: new Date(end - 4 * 3_600_000), to: new Date(end + 1) }, 240);
    expect(series.sampled).toBe(false);
    expect(series.records).toHaveLength(2400);
    expect(series.cadenceSeconds).toBe(60);
    expect(series.latestRun.map((record) => record.checkedAt.getTime())).toEqual(new Array(10).fill(end));
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('samples a long range one run per slot, keeps the last half hour whole, and stays with one Monitor', async () => {
    const runs = Array.from({ length: 1440 }, (_, index) => run(end - index * minute, 10));
    // A per-version Monitor writing the same kind must not be mixed in.
    runs.push(...Array.from({ length: 96 }, (_, index) => run(end - index * 15 * minute, 10, '2')));
    const store = await storeWith(runs);
    const series = await readCheckResultSeries(store, { modelName: 'churn', kind: 'feature-drift', from: new Date(end - 86_400_000), to: new Date(end + 1) }, 200);
    expect(series.sampled).toBe(true);
    expect(series.records.every((record) => record.modelVersion === '')).toBe(true);
    const times = [...new Set(series.records.map((record) => record.checkedAt.getTime()))];
    expect(times.length).toBeGreaterThan(200);
    expect(times.length).toBeLessThanOrEqual(30 + 2 * 200); // a probe 1.2 cadences wide reads one or two runs
    expect(times).toEqual([...times].sort((left, right) => left - right));
    // The tail is whole: every minute of the last half hour.
    expect(times.filter((time) => time > end - 30 * minute)).toHaveLength(30);
    expect(times[0]).toBeLessThan(end - 86_400_000 + 10 * minute);
    expect(series.latestRun).toHaveLength(10);
  });

  it('reads everything when the Monitor has not run twice lately', async () => {
    const store = await storeWith(Array.from({ length: 100 }, (_, index) => run(end - 3_600_000 - index * minute, 10)));
    const series = await readCheckResultSeries(store, { modelName: 'churn', kind: 'feature-drift', from: new Date(end - 86_400_000), to: new Date(end + 1) }, 20);
    expect(series.sampled).toBe(false);
    expect(series.records).toHaveLength(1000);
    expect(series.latestRun[0]!.checkedAt.getTime()).toBe(end - 3_600_000);
  });
});
