import { describe, expect, it } from 'vitest';
import type { Job } from '../contracts/job-queue.js';
import { createFakeClock } from '../testing/fake-clock.js';
import { createInProcessJobQueue } from './create-in-process-job-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('createInProcessJobQueue', () => {
  it('runs sent jobs with their payload, one at a time by default', async () => {
    const queue = createInProcessJobQueue({ onError: () => undefined });
    const seen: string[] = [];
    let running = 0;
    let mostRunning = 0;
    await queue.work<{ value: string }>('echo', async (job) => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(job.payload.value);
      running--;
    });
    const ids = await Promise.all(['a', 'b', 'c'].map((value) => queue.send('echo', { value })));
    expect(new Set(ids).size).toBe(3);
    await queue.whenIdle();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(mostRunning).toBe(1);
    await queue.shutdown();
  });

  it('runs up to `concurrency` jobs at once', async () => {
    const queue = createInProcessJobQueue({ concurrency: 2 });
    const gate = deferred();
    let running = 0;
    let mostRunning = 0;
    await queue.work('slow', async () => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      await gate.promise;
      running--;
    });
    for (let index = 0; index < 4; index++) await queue.send('slow', {});
    expect(queue.counts).toEqual({ queued: 2, running: 2 });
    gate.resolve();
    await queue.whenIdle();
    expect(mostRunning).toBe(2);
    await queue.shutdown();
  });

  it('holds jobs sent before their handler is registered', async () => {
    const queue = createInProcessJobQueue();
    await queue.send('later', { n: 1 });
    const seen: unknown[] = [];
    await queue.whenIdle(); // no handler yet: nothing to wait for
    await queue.work('later', async (job) => void seen.push(job.payload));
    await queue.whenIdle();
    expect(seen).toEqual([{ n: 1 }]);
    await queue.shutdown();
  });

  it('refuses a second job with the same singleton key while the first is queued or running, then accepts it again', async () => {
    const queue = createInProcessJobQueue();
    const gate = deferred();
    await queue.work('train', () => gate.promise);
    const first = await queue.send('train', {}, { singletonKey: 'churn' });
    expect(first).toBeTypeOf('string');
    expect(await queue.send('train', {}, { singletonKey: 'churn' })).toBeUndefined();
    expect(await queue.send('train', {}, { singletonKey: 'fraud' })).toBeTypeOf('string');
    expect(await queue.send('other', {}, { singletonKey: 'churn' })).toBeTypeOf('string');
    gate.resolve();
    await queue.whenIdle();
    expect(await queue.send('train', {}, { singletonKey: 'churn' })).toBeTypeOf('string');
    await queue.shutdown();
  });

  it('retries a failing handler `retryLimit` times after `retryDelaySeconds`, reporting each failure', async () => {
    const clock = createFakeClock({ startMillis: 0 });
    const failures: Array<[string, number]> = [];
    const queue = createInProcessJobQueue({
      clock,
      retryLimit: 2,
      retryDelaySeconds: 30,
      onError: (error, job, attempt) => failures.push([`${job.name}: ${(error as Error).message}`, attempt]),
    });
    const attemptsAt: number[] = [];
    await queue.work('flaky', async () => {
      attemptsAt.push(clock.now());
      throw new Error('boom');
    });
    await queue.send('flaky', {}, { singletonKey: 'k' });
    await clock.advanceAsync(0);
    expect(attemptsAt).toEqual([0]);
    expect(await queue.send('flaky', {}, { singletonKey: 'k' })).toBeUndefined();
    await clock.advanceAsync(30_000);
    await clock.advanceAsync(30_000);
    await clock.advanceAsync(30_000);
    expect(attemptsAt).toEqual([0, 30_000, 60_000]);
    expect(failures).toEqual([
      ['flaky: boom', 1],
      ['flaky: boom', 2],
      ['flaky: boom', 3],
    ]);
    // Given up: the singleton key is free again.
    expect(await queue.send('flaky', {}, { singletonKey: 'k' })).toBeTypeOf('string');
    await queue.shutdown();
  });

  it('starts a job no earlier than startAfterSeconds', async () => {
    const clock = createFakeClock({ startMillis: 0 });
    const queue = createInProcessJobQueue({ clock });
    const ranAt: number[] = [];
    await queue.work('delayed', async () => void ranAt.push(clock.now()));
    await queue.send('delayed', {}, { startAfterSeconds: 90 });
    await clock.advanceAsync(89_999);
    expect(ranAt).toEqual([]);
    await clock.advanceAsync(1);
    expect(ranAt).toEqual([90_000]);
    await queue.shutdown();
  });

  it('sends scheduled jobs at each cron minute (UTC), skipping a tick while the previous one runs', async () => {
    const clock = createFakeClock({ startMillis: Date.UTC(2026, 0, 1, 0, 0, 30) });
    const queue = createInProcessJobQueue({ clock });
    const ranAt: string[] = [];
    const gates: Array<() => void> = [];
    await queue.work<{ modelName: string }>('check', async (job: Job<{ modelName: string }>) => {
      ranAt.push(`${new Date(clock.now()).toISOString().slice(11, 16)} ${job.payload.modelName}`);
      if (ranAt.length === 2) await new Promise<void>((resolve) => gates.push(resolve));
    });
    await queue.schedule('check', '*/15 * * * *', { modelName: 'churn' });
    await clock.advanceAsync(60 * 60_000);
    // 00:15 ran; 00:30 hangs, so 00:45 and 01:00 are skipped.
    expect(ranAt).toEqual(['00:15 churn', '00:30 churn']);
    gates[0]!();
    await clock.advanceAsync(15 * 60_000);
    expect(ranAt).toEqual(['00:15 churn', '00:30 churn', '01:15 churn']);
    // A second schedule of the same name replaces the first.
    await queue.schedule('check', '0 3 * * *', { modelName: 'fraud' });
    await clock.advanceAsync(3 * 60 * 60_000);
    expect(ranAt.at(-1)).toBe('03:00 fraud');
    expect(ranAt).toHaveLength(4);
    await queue.shutdown();
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('rejects an invalid cron expression and an invalid config', async () => {
    const queue = createInProcessJobQueue();
    await expect(queue.schedule('x', 'every day', {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(() => createInProcessJobQueue({ concurrency: 0 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => createInProcessJobQueue({ retryDelaySeconds: -1 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    await queue.shutdown();
  });

  it('waits for running jobs on shutdown, drops queued ones, is idempotent, and refuses work afterwards', async () => {
    const queue = createInProcessJobQueue();
    const gate = deferred();
    let finished = 0;
    await queue.work('job', async () => {
      await gate.promise;
      finished++;
    });
    await queue.send('job', {});
    await queue.send('job', {});
    const closing = queue.shutdown();
    let closed = false;
    void closing.then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    gate.resolve();
    await closing;
    expect(finished).toBe(1);
    await queue.shutdown();
    await expect(queue.send('job', {})).rejects.toMatchObject({ code: 'SHUTDOWN' });
    await expect(queue.work('job', async () => undefined)).rejects.toMatchObject({ code: 'SHUTDOWN' });
    await expect(queue.schedule('job', '* * * * *', {})).rejects.toMatchObject({ code: 'SHUTDOWN' });
  });
});
