import { createMonitor, type AlertRecord, type CheckResultRecord, type CheckRunResult, type Monitor } from '@driftwatch/core';
import { createInMemoryEventStore } from '@driftwatch/core/testing';
import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createDriftwatchMetrics } from './create-driftwatch-metrics.js';

function checkResult(overrides: Partial<CheckResultRecord>): CheckResultRecord {
  const at = new Date();
  return {
    id: `r-${Math.random()}`,
    modelName: 'churn',
    modelVersion: '',
    segment: '',
    checkedAt: at,
    windowStart: new Date(at.getTime() - 3_600_000),
    windowEnd: at,
    kind: 'feature-drift',
    subject: 'tenure',
    value: 0.12,
    severity: 'OK',
    details: {},
    ...overrides,
  };
}

function alert(overrides: Partial<AlertRecord>): AlertRecord {
  return {
    id: 'a1',
    dedupeKey: 'churn/feature-drift/tenure',
    modelName: 'churn',
    modelVersion: '',
    severity: 'WARNING',
    status: 'firing',
    title: 'tenure drifted',
    message: '',
    evidence: { test: 'psi', statistic: 0.31, threshold: 0.25, n: 1000 },
    createdAt: new Date(),
    deliveries: [],
    ...overrides,
  };
}

function runResult(checkResults: CheckResultRecord[], alerts: AlertRecord[]): CheckRunResult {
  const now = new Date();
  return {
    modelName: 'churn',
    checkedAt: now,
    windowStart: now,
    windowEnd: now,
    checkResults,
    alerts,
    skipped: [],
    errors: [],
    windowProfileCount: 0,
    incompatibleProfileCount: 0,
    durationMillis: 1,
  };
}

describe('createDriftwatchMetrics', () => {
  it('counts requests by status, observes latency and scores, on its own registry', async () => {
    const metrics = createDriftwatchMetrics();
    metrics.recordRequest({ modelName: 'churn', modelVersion: '3', status: 'ok', latencySeconds: 0.004, score: 0.7 });
    metrics.recordRequest({ modelName: 'churn', modelVersion: '3', status: 'error', latencySeconds: 0.2 });
    metrics.recordInvalidBody('churn', 'schema');
    metrics.recordCacheLookup('churn', 'hit');
    const text = await metrics.render();
    expect(text).toMatch(/driftwatch_requests_total\{model="churn",version="3",status="ok"\} 1/);
    expect(text).toMatch(/driftwatch_requests_total\{model="churn",version="3",status="error"\} 1/);
    expect(text).toMatch(/driftwatch_request_duration_seconds_bucket\{le="0.005",model="churn",version="3"\} 1/);
    expect(text).toMatch(/driftwatch_prediction_score_bucket\{le="0.7",model="churn",version="3"\} 1/);
    expect(text).toMatch(/driftwatch_invalid_bodies_total\{model="churn",reason="schema"\} 1/);
    expect(text).toMatch(/driftwatch_cache_lookups_total\{model="churn",result="hit"\} 1/);
    expect(await globalRegistry.metrics()).not.toMatch(/driftwatch_/);
    // A second instance gets a registry of its own: no clash.
    expect(() => createDriftwatchMetrics()).not.toThrow();
  });

  it('keeps the newest drift score per feature and the firing alerts of check runs', async () => {
    const metrics = createDriftwatchMetrics({ prefix: 'churn_service_' });
    const older = new Date(Date.now() - 60_000);
    metrics.recordCheckRun(
      runResult(
        [
          checkResult({ subject: 'tenure', value: 0.31, severity: 'WARNING' }),
          checkResult({ subject: 'tenure', value: 0.05, severity: 'OK', checkedAt: older }),
          checkResult({ kind: 'latency', subject: 'p95', value: 120, severity: 'CRITICAL' }),
        ],
        [alert({})],
      ),
    );
    let text = await metrics.render();
    expect(text).toMatch(/churn_service_drift_score\{model="churn",kind="feature-drift",subject="tenure"\} 0.31/);
    expect(text).not.toMatch(/churn_service_drift_score\{[^}]*subject="p95"/);
    expect(text).toMatch(/churn_service_check_severity\{model="churn",kind="latency",subject="p95"\} 3/);
    expect(text).toMatch(/churn_service_alert_firing\{model="churn",dedupe_key="churn\/feature-drift\/tenure",severity="WARNING"\} 1/);

    metrics.recordCheckRun(runResult([], [alert({ status: 'resolved' })]));
    metrics.setDriftScore({ modelName: 'churn', subject: 'Contract', value: 0.02, severity: 'OK' });
    text = await metrics.render();
    expect(text).not.toMatch(/churn_service_alert_firing\{/);
    expect(text).toMatch(/churn_service_drift_score\{model="churn",kind="feature-drift",subject="Contract"\} 0.02/);
  });

  it('reads a Monitor and its check results from the store at each scrape', async () => {
    const store = createInMemoryEventStore();
    const monitor: Monitor = createMonitor({ store, modelName: 'churn', onError: () => {} });
    await store.writeCheckResults([checkResult({ subject: 'MonthlyCharges', value: 0.27, severity: 'CRITICAL', kind: 'prediction-drift' })]);
    const metrics = createDriftwatchMetrics({ monitor, store });
    const text = await metrics.render();
    expect(text).toMatch(/driftwatch_drift_score\{model="churn",kind="prediction-drift",subject="MonthlyCharges"\} 0.27/);
    expect(text).toMatch(/driftwatch_check_severity\{model="churn",kind="prediction-drift",subject="MonthlyCharges"\} 3/);
    await monitor.shutdown();
  });

  it('shows the last values when the store fails or hangs, and reports it', async () => {
    const store = createInMemoryEventStore();
    const monitor = createMonitor({ store, modelName: 'churn', onError: () => {} });
    const errors: string[] = [];
    const hanging = { ...store, readCheckResults: () => new Promise<never>(() => {}) };
    const metrics = createDriftwatchMetrics({ monitor, store: hanging, readTimeoutMillis: 30, onError: (error) => errors.push(error.message) });
    metrics.setDriftScore({ modelName: 'churn', subject: 'tenure', value: 0.4 });
    expect(await metrics.render()).toMatch(/subject="tenure"\} 0.4/);
    expect(errors[0]).toMatch(/reading check results failed: no answer within 30 ms/);
    await monitor.shutdown();
  });

  it('refuses an invalid prefix', () => {
    expect(() => createDriftwatchMetrics({ prefix: 'drift-watch' })).toThrow(/prefix/);
  });
});
