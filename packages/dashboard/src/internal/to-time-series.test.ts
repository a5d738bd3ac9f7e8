import type { CheckResultRecord } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { selectMonitorScope } from './select-monitor-scope.js';
import { toTimeSeries } from './to-time-series.js';

const point = (minute: number, subject: string, value: number, modelVersion = ''): CheckResultRecord => ({
  id: `${minute}-${subject}-${modelVersion}`,
  modelName: 'churn',
  modelVersion,
  segment: '',
  checkedAt: new Date(minute * 60_000),
  windowStart: new Date(0),
  windowEnd: new Date(minute * 60_000),
  kind: 'latency',
  subject,
  value,
  severity: 'OK',
  details: {},
});

describe('toTimeSeries', () => {
  it('puts every subject on one time axis in seconds, with null where a subject has no point', () => {
    const series = toTimeSeries([point(1, 'p50', 10), point(1, 'p95', 30), point(2, 'p50', 11)], { maxPoints: 10 });
    expect(series).toEqual({ time: [60, 120], series: { p50: [10, 11], p95: [30, null] } });
  });

  it('keeps the asked subjects in order, and sorts interleaved monitors by time', () => {
    const series = toTimeSeries([point(2, 'p95', 31), point(1, 'p95', 30), point(1, 'p50', 10)], { maxPoints: 10, subjects: ['p95', 'p99'] });
    expect(series).toEqual({ time: [60, 120], series: { p95: [30, 31], p99: [null, null] } });
  });

  it('averages long series into at most maxPoints buckets, or keeps each bucket’s maximum', () => {
    const records = Array.from({ length: 10 }, (_, index) => point(index + 1, 'psi', index));
    expect(toTimeSeries(records, { maxPoints: 5 })).toEqual({ time: [120, 240, 360, 480, 600], series: { psi: [0.5, 2.5, 4.5, 6.5, 8.5] } });
    expect(toTimeSeries(records, { maxPoints: 4, aggregate: 'max' }).series.psi).toEqual([2, 5, 8, 9]);
  });
});

describe('selectMonitorScope', () => {
  it('prefers the all-versions monitor, else the largest (version, segment) group', () => {
    const all = point(1, 'p50', 1);
    const v2 = [point(1, 'p50', 2, '2'), point(2, 'p50', 2, '2')];
    const v3 = point(1, 'p50', 3, '3');
    expect(selectMonitorScope([...v2, all, v3])).toEqual([all]);
    expect(selectMonitorScope([...v2, v3])).toEqual(v2);
  });
});
