import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleAlertSink } from './console-alert-sink.js';
import { sampleAlert } from './internal/sample-alert.test-helper.js';

describe('createConsoleAlertSink', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes one alert as a few readable lines', async () => {
    const written: string[] = [];
    const sink = createConsoleAlertSink({ write: (text) => void written.push(text) });

    expect(await sink.send(sampleAlert())).toEqual({ ok: true, attempts: 1 });

    expect(written).toEqual([
      [
        '[Driftwatch] CRITICAL firing: PSI drift on tenure (churn v3)',
        '  PSI of tenure is 0.3127, above the 0.25 threshold.',
        '  test psi · statistic 0.3127 · threshold 0.25 · n 5000 · p-value 1.20e-5',
        '  top bins: [0, 6): 30.0% → 12.0% (-18.0 pp); [60, 72]: 10.0% → 22.0% (+12.0 pp)',
        '  dedupe key churn:tenure:psi · alert alert-0001 · 2025-01-15T10:30:00.000Z',
        '',
      ].join('\n'),
    ]);
  });

  it('marks resolved alerts and indents multi-line messages', async () => {
    const written: string[] = [];
    const sink = createConsoleAlertSink({ write: (text) => void written.push(text), maxTopBins: 1 });

    await sink.send(sampleAlert({ status: 'resolved', message: 'Back to normal.\nPSI 0.04.' }));

    const lines = written[0]?.split('\n') ?? [];
    expect(lines[0]).toBe('[Driftwatch] RESOLVED: PSI drift on tenure (churn v3)');
    expect(lines.slice(1, 3)).toEqual(['  Back to normal.', '  PSI 0.04.']);
    expect(lines[4]).toBe('  top bins: [0, 6): 30.0% → 12.0% (-18.0 pp)');
  });

  it('writes to standard output by default', async () => {
    const captured: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured.push(String(chunk));
      return true;
    });
    const sink = createConsoleAlertSink();

    await sink.send(sampleAlert());

    expect(captured.join('')).toContain('[Driftwatch] CRITICAL firing: PSI drift on tenure');
  });

  it('reports a failing write instead of throwing', async () => {
    const sink = createConsoleAlertSink({
      write: () => {
        throw new Error('EPIPE');
      },
    });
    const rejecting = createConsoleAlertSink({ write: async () => Promise.reject(new Error('disk full')) });

    expect(await sink.send(sampleAlert())).toEqual({ ok: false, attempts: 1, error: 'write failed: EPIPE', retryable: false });
    expect(await rejecting.send(sampleAlert())).toMatchObject({ ok: false, error: 'write failed: disk full' });
  });

  it('waits for an asynchronous write on shutdown, then refuses new alerts', async () => {
    const written: string[] = [];
    const sink = createConsoleAlertSink({
      write: (text) => new Promise<void>((resolve) => setTimeout(() => resolve(void written.push(text)), 30)),
    });

    const delivery = sink.send(sampleAlert());
    await sink.shutdown();

    expect(written).toHaveLength(1);
    expect(await delivery).toEqual({ ok: true, attempts: 1 });
    expect(await sink.send(sampleAlert())).toEqual({ ok: false, attempts: 0, error: 'shut down', retryable: false });
    await sink.shutdown();
  });

  it('bounds shutdown when a write never finishes', async () => {
    const sink = createConsoleAlertSink({ write: () => new Promise<void>(() => {}), shutdownTimeoutMillis: 50 });

    const delivery = sink.send(sampleAlert());
    await sink.shutdown();

    expect(await delivery).toEqual({ ok: false, attempts: 1, error: 'shut down before delivery completed', retryable: true });
  });
});
