import { createInProcessJobQueue } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { createDeferredJobQueue } from './create-deferred-job-queue.js';
import { createSimulatedClock } from './simulated-clock.js';

describe('createDeferredJobQueue', () => {
  it('passes a job on after the delay on its clock, and defers one job per singleton key meanwhile', async () => {
    const clock = createSimulatedClock({ startMillis: 0 });
    const queue = createInProcessJobQueue({ clock });
    const ran: Array<{ reason: string; atMillis: number }> = [];
    await queue.work<{ reason: string }>('retrain', async (job) => void ran.push({ reason: job.payload.reason, atMillis: clock.now() }));
    const deferred = createDeferredJobQueue({ queue, delaySeconds: 86_400, clock });

    expect(await deferred.send('retrain', { reason: 'first alert' }, { singletonKey: 'churn' })).toBeTypeOf('string');
    expect(await deferred.send('retrain', { reason: 'repeat' }, { singletonKey: 'churn' })).toBeUndefined();
    clock.advanceTo(86_399_999);
    await queue.whenIdle();
    expect(ran).toEqual([]);
    clock.advanceTo(86_400_000);
    await queue.whenIdle();
    expect(ran).toEqual([{ reason: 'first alert', atMillis: 86_400_000 }]);
    // Passed on: the key is free again.
    expect(await deferred.send('retrain', { reason: 'next day' }, { singletonKey: 'churn' })).toBeTypeOf('string');
    await deferred.shutdown();
    clock.advanceTo(3 * 86_400_000);
    await queue.whenIdle();
    expect(ran).toHaveLength(1);
    await queue.shutdown();
  });
});
