import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../records/alert-record.js';
import { createRecordingAlertSink } from './recording-alert-sink.js';

const alert: AlertRecord = {
  id: 'a1',
  dedupeKey: 'churn:tenure',
  modelName: 'churn',
  modelVersion: '1',
  severity: 'CRITICAL',
  status: 'firing',
  title: 'Drift on tenure',
  message: 'PSI 0.4',
  evidence: { test: 'psi', statistic: 0.4, threshold: 0.2, n: 500 },
  createdAt: new Date(0),
  deliveries: [],
};

describe('createRecordingAlertSink', () => {
  it('records delivered alerts', async () => {
    const sink = createRecordingAlertSink({ name: 'pager' });
    expect(await sink.send(alert)).toEqual({ ok: true, attempts: 1 });
    expect(sink.name).toBe('pager');
    expect(sink.alerts).toEqual([alert]);
  });

  it('simulates failures, per attempt, and recovers', async () => {
    const sink = createRecordingAlertSink({ failWith: (_alert, attempt) => (attempt === 1 ? { statusCode: 503 } : undefined) });
    expect(await sink.send(alert)).toMatchObject({ ok: false, statusCode: 503, retryable: true });
    expect((await sink.send(alert)).ok).toBe(true);
    sink.setFailWith({ error: 'bad request', retryable: false });
    expect(await sink.send(alert)).toMatchObject({ ok: false, error: 'bad request', retryable: false });
    sink.setFailWith(() => {
      throw new Error('callback broke');
    });
    expect(await sink.send(alert)).toMatchObject({ ok: false, error: 'callback broke' });
    expect(sink.deliveries).toHaveLength(4);
    expect(sink.alerts).toHaveLength(1);
    sink.clear();
    expect(sink.deliveries).toHaveLength(0);
  });

  it('never rejects after an idempotent shutdown', async () => {
    const sink = createRecordingAlertSink();
    await sink.shutdown();
    await sink.shutdown();
    expect(sink.isShutDown).toBe(true);
    expect(await sink.send(alert)).toMatchObject({ ok: false, retryable: false });
  });
});
