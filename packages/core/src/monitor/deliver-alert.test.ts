import { describe, expect, it } from 'vitest';
import type { AlertSink } from '../contracts/alert-sink.js';
import type { AlertRecord } from '../records/alert-record.js';
import { createFakeClock } from '../testing/fake-clock.js';
import { deliverAlert } from './deliver-alert.js';

const alert: AlertRecord = {
  id: 'a1',
  dedupeKey: 'churn/latency/p95',
  modelName: 'churn',
  modelVersion: '',
  severity: 'WARNING',
  status: 'firing',
  title: 'WARNING: p95 latency (churn)',
  message: 'p95 latency 250 ms ≥ 200 ms',
  evidence: { test: 'latency-p95', statistic: 250, threshold: 200, n: 1000 },
  createdAt: new Date(0),
  deliveries: [],
};

describe('deliverAlert', () => {
  it('turns rejections, malformed results and silence into failed deliveries, and gives each sink its own copy', async () => {
    const clock = createFakeClock();
    const sinks: AlertSink[] = [
      { name: 'rejecting', send: () => Promise.reject(new Error('ECONNREFUSED')), shutdown: async () => {} },
      { name: 'odd', send: async () => 'sent' as never, shutdown: async () => {} },
      { name: 'silent', send: () => new Promise(() => {}), shutdown: async () => {} },
      {
        name: 'mutating',
        async send(received) {
          received.title = 'changed';
          return { ok: true, attempts: 2, statusCode: 200 };
        },
        shutdown: async () => {},
      },
    ];
    const pending = deliverAlert(alert, { sinks, clock, timeoutMillis: 5000 });
    await clock.advanceAsync(5000);
    const deliveries = await pending;
    expect(deliveries.map(({ sink, ok, attempts }) => [sink, ok, attempts])).toEqual([
      ['rejecting', false, 1],
      ['odd', false, 1],
      ['silent', false, 1],
      ['mutating', true, 2],
    ]);
    expect(deliveries[0]!.error).toContain('ECONNREFUSED');
    expect(deliveries[2]!.error).toBe('No answer within 5000 ms.');
    expect(deliveries[3]!.statusCode).toBe(200);
    expect(alert.title).toBe('WARNING: p95 latency (churn)');
    expect(clock.pendingTimerCount).toBe(0);
  });
});
