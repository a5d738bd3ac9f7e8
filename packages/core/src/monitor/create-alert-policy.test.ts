import type { ColumnDrift } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../records/alert-record.js';
import type { CheckResultRecord } from '../records/check-result-record.js';
import type { DriftMeasurement } from './check-measurement.js';
import { createAlertPolicy, type AlertPolicy } from './create-alert-policy.js';

const start = Date.UTC(2026, 0, 1);
const minute = 60_000;

function drift(subject: string, effect: number, options: { pValueAdjusted?: number; n?: number } = {}): DriftMeasurement {
  const column: ColumnDrift = {
    name: subject,
    kind: 'numeric',
    kindSource: 'declared',
    kindReason: 'declared numeric',
    test: 'ks',
    testReason: 'numeric',
    statistic: 0.3,
    pValue: options.pValueAdjusted ?? 1e-9,
    pValueAdjusted: options.pValueAdjusted ?? 1e-9,
    effect,
    effectMetric: 'psi',
    severity: effect > 0.25 ? 'drift' : effect >= 0.1 ? 'moderate' : 'stable',
    thresholds: { moderate: 0.1, drift: 0.25 },
    drifted: true,
    effects: { psi: effect, jensenShannon: effect / 4 },
    referenceCount: 5000,
    currentCount: options.n ?? 3600,
    quality: { missingRateReference: 0, missingRateCurrent: 0, outOfRangeShare: 0, unseenCategories: [] },
    distribution: { kind: 'numeric', edges: [0, 10, 20, 30, 40], referenceCounts: [25, 25, 25, 25], currentCounts: [5, 10, 25, 60] },
  };
  return { kind: 'feature-drift', subject, column, topBins: [] };
}

/** Feeds one measurement per check, a minute apart, and returns the alerts of each check. */
function feed(policy: AlertPolicy, measurements: readonly DriftMeasurement[], fromMillis = start): AlertRecord[][] {
  return measurements.map((measurement, index) =>
    policy.observe({
      modelName: 'churn',
      modelVersion: '',
      segment: '',
      at: new Date(fromMillis + index * minute),
      results: [{ kind: measurement.kind, subject: measurement.subject, evaluation: policy.evaluate(measurement) }],
    }),
  );
}

describe('createAlertPolicy', () => {
  it('maps PSI bands to severities: < 0.1 OK, 0.1–0.25 WARNING, above 0.25 CRITICAL', () => {
    const policy = createAlertPolicy();
    expect(policy.evaluate(drift('tenure', 0.05)).severity).toBe('OK');
    expect(policy.evaluate(drift('tenure', 0.1)).severity).toBe('WARNING');
    expect(policy.evaluate(drift('tenure', 0.2)).severity).toBe('WARNING');
    expect(policy.evaluate(drift('tenure', 0.3)).severity).toBe('CRITICAL');
  });

  it('needs the corrected p-value to be significant, and enough values', () => {
    const policy = createAlertPolicy();
    const notSignificant = policy.evaluate(drift('tenure', 0.4, { pValueAdjusted: 0.2 }));
    expect(notSignificant).toMatchObject({ severity: 'OK', graded: true });
    expect(notSignificant.summary).toContain('not significant');
    const tooFew = policy.evaluate(drift('tenure', 0.4, { n: 50 }));
    expect(tooFew).toMatchObject({ severity: 'OK', graded: false });
    expect(tooFew.reason).toContain('minSampleCount');
  });

  it('applies per-feature rules in place of the default drift rule, and false silences a feature', () => {
    const policy = createAlertPolicy({ features: { tenure: { warning: 0.5, critical: 1 }, customerId: false } });
    expect(policy.evaluate(drift('tenure', 0.3)).severity).toBe('OK');
    expect(policy.evaluate(drift('tenure', 0.6)).severity).toBe('WARNING');
    expect(policy.evaluate(drift('monthlyCharges', 0.3)).severity).toBe('CRITICAL');
    expect(policy.evaluate(drift('customerId', 5)).graded).toBe(false);
    expect(policy.compareOptions(['tenure', 'monthlyCharges'])).toEqual({
      alpha: 0.05,
      correction: 'benjamini-hochberg',
      thresholds: { moderate: 0.1, drift: 0.25 },
      columnThresholds: { tenure: { moderate: 0.5, drift: 1 } },
    });
  });

  it('fires only when the condition holds in N of the last M checks (default 2 of 3)', () => {
    const policy = createAlertPolicy();
    const alerts = feed(policy, [drift('a', 0.4), drift('a', 0.01), drift('a', 0.01), drift('a', 0.4), drift('a', 0.01), drift('a', 0.4)]);
    expect(alerts.map((batch) => batch.length)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(alerts[5]![0]).toMatchObject({ status: 'firing', severity: 'CRITICAL', dedupeKey: 'churn/feature-drift/a' });
    expect(alerts[5]![0]!.evidence['hysteresis']).toEqual({ breaches: 2, checks: 3, breachCount: 2, checkCount: 3 });
  });

  it('fires at the highest severity reached N times, on the first breach when N = 1', () => {
    const twoOfThree = createAlertPolicy();
    const mixed = feed(twoOfThree, [drift('a', 0.15), drift('a', 0.4)]);
    expect(mixed[1]![0]!.severity).toBe('WARNING');
    const oneOfOne = createAlertPolicy({ hysteresis: { breachCount: 1, checkCount: 1 } });
    expect(feed(oneOfOne, [drift('a', 0.4)])[0]![0]!.severity).toBe('CRITICAL');
  });

  it('takes a rule’s own hysteresis over the policy’s', () => {
    const policy = createAlertPolicy({ features: { tenure: { warning: 0.1, critical: 0.25, hysteresis: { breachCount: 1, checkCount: 1 } } } });
    expect(feed(policy, [drift('tenure', 0.4)])[0]).toHaveLength(1);
    expect(feed(policy, [drift('other', 0.4)])[0]).toHaveLength(0);
  });

  it('suppresses repeats within the cooldown and repeats after it', () => {
    const policy = createAlertPolicy({ hysteresis: { breachCount: 1, checkCount: 1 }, cooldownMillis: 10 * minute });
    const alerts = feed(policy, Array.from({ length: 12 }, () => drift('a', 0.4)));
    expect(alerts.map((batch) => batch.length)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(alerts[10]![0]!.title).toContain('still firing');
    expect(alerts[10]![0]!.dedupeKey).toBe(alerts[0]![0]!.dedupeKey);
    expect(alerts[10]![0]!.id).not.toBe(alerts[0]![0]!.id);
  });

  it('re-sends at once when the severity escalates, not when it falls back', () => {
    const policy = createAlertPolicy({ hysteresis: { breachCount: 1, checkCount: 1 } });
    const alerts = feed(policy, [drift('a', 0.15), drift('a', 0.15), drift('a', 0.4), drift('a', 0.15), drift('a', 0.4)]);
    expect(alerts.map((batch) => batch.map((alert) => alert.severity))).toEqual([['WARNING'], [], ['CRITICAL'], [], []]);
    expect(alerts[2]![0]!.title).toContain('escalated from WARNING');
  });

  it('sends a resolved notice after clearCount clear checks, and starts afresh', () => {
    const policy = createAlertPolicy();
    const checks = [0.4, 0.4, 0.01, 0.4, 0.01, 0.01, 0.01, 0.4].map((effect) => drift('a', effect));
    const alerts = feed(policy, checks);
    expect(alerts.map((batch) => batch.map((alert) => alert.status))).toEqual([[], ['firing'], [], [], [], [], ['resolved'], []]);
    expect(alerts[6]![0]).toMatchObject({ severity: 'CRITICAL', dedupeKey: 'churn/feature-drift/a' });
    expect(alerts[6]![0]!.title).toMatch(/^RESOLVED/);
    expect(policy.openIncidents()).toEqual([]);
  });

  it('ignores ungraded checks: they neither fire nor clear', () => {
    const policy = createAlertPolicy({ hysteresis: { breachCount: 1, checkCount: 1 } });
    const alerts = feed(policy, [drift('a', 0.4), drift('a', 0.01, { n: 10 }), drift('a', 0.01, { n: 10 })]);
    expect(alerts.flat().map((alert) => alert.status)).toEqual(['firing']);
    expect(policy.openIncidents()).toHaveLength(1);
  });

  it('restores open incidents and hysteresis windows from stored alerts and check results', () => {
    const first = createAlertPolicy({ cooldownMillis: 60 * minute });
    const fired = feed(first, [drift('a', 0.4), drift('a', 0.4)]).flat();
    expect(fired).toHaveLength(1);
    const olderFiring: AlertRecord = { ...fired[0]!, id: 'older', status: 'firing', createdAt: new Date(start - 120 * minute) };
    const checkResults: CheckResultRecord[] = [0.01, 0.4].map((value, index) => ({
      id: `c${index}`,
      modelName: 'churn',
      modelVersion: '',
      segment: '',
      checkedAt: new Date(start + index * minute),
      windowStart: new Date(start),
      windowEnd: new Date(start + index * minute),
      kind: 'feature-drift',
      subject: 'b',
      value,
      severity: value > 0.25 ? 'CRITICAL' : 'OK',
      details: { graded: true },
    }));

    const second = createAlertPolicy({ cooldownMillis: 60 * minute });
    second.restore({ alerts: [olderFiring, ...fired], checkResults });
    expect(second.openIncidents()).toEqual([
      { dedupeKey: 'churn/feature-drift/a', severity: 'CRITICAL', lastSentAt: fired[0]!.createdAt, lastAlertId: fired[0]!.id },
    ]);
    // Still firing within the cooldown: nothing is re-sent. Subject b had one breach replayed, so one more fires it.
    const next = feed(second, [drift('a', 0.4), drift('b', 0.4)], start + 2 * minute).flat();
    expect(next.map((alert) => alert.dedupeKey)).toEqual(['churn/feature-drift/b']);
  });

  it('rejects invalid configs with the zod issues', () => {
    expect(() => createAlertPolicy({ drift: { warning: 0.3, critical: 0.2 } })).toThrowError(/ordered/);
    expect(() => createAlertPolicy({ hysteresis: { breachCount: 4, checkCount: 3 } })).toThrowError(/exceeds checkCount/);
    try {
      createAlertPolicy({ alpha: 2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((error as { details: { issues: unknown[] } }).details.issues).toHaveLength(1);
    }
  });

  it('freezes the resolved config and documents its defaults', () => {
    const policy = createAlertPolicy();
    expect(Object.isFrozen(policy.config)).toBe(true);
    expect(policy.config).toMatchObject({
      drift: { warning: 0.1, critical: 0.25 },
      alpha: 0.05,
      correction: 'benjamini-hochberg',
      minSampleCount: 100,
      minLabelledCount: 200,
      minLabelCoverage: 0.05,
      hysteresis: { breachCount: 2, checkCount: 3, clearCount: 3 },
      cooldownMillis: 14_400_000,
      performanceDrop: { accuracy: { warning: 0.05, critical: 0.1 }, auc: false },
      errorRate: { warning: 0.01, critical: 0.05 },
      latencyMillis: { p50: false, p95: false, p99: false },
    });
  });

  it('grades accuracy drops only once enough labels arrived', () => {
    const policy = createAlertPolicy();
    const measurement = {
      kind: 'performance' as const,
      subject: 'accuracy' as const,
      value: 0.78,
      baselineValue: 0.9,
      labelledCount: 500,
      predictionCount: 1000,
      labelCoverage: 0.5,
      confusionMatrix: undefined,
    };
    expect(policy.evaluate(measurement)).toMatchObject({ severity: 'CRITICAL', graded: true, evidence: { test: 'accuracy-drop', threshold: 0.1, n: 500 } });
    expect(policy.evaluate({ ...measurement, value: 0.84 }).severity).toBe('WARNING');
    expect(policy.evaluate({ ...measurement, labelledCount: 50 })).toMatchObject({ graded: false });
    expect(policy.evaluate({ ...measurement, labelCoverage: 0.01 })).toMatchObject({ graded: false });
    expect(policy.evaluate({ ...measurement, baselineValue: undefined })).toMatchObject({ graded: false });
  });
});
