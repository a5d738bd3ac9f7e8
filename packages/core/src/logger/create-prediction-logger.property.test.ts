import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PredictionInput } from '../contracts/prediction-logger.js';
import { createFakeClock } from '../testing/fake-clock.js';
import { createControllableStore, storedPredictions, type StoreMode } from './controllable-store.test-helper.js';
import { createPredictionLogger } from './create-prediction-logger.js';

type Step =
  | { kind: 'log'; count: number; invalidEvery: number }
  | { kind: 'advance'; millis: number }
  | { kind: 'store'; mode: StoreMode }
  | { kind: 'flush' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('log' as const), count: fc.integer({ min: 1, max: 40 }), invalidEvery: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), millis: fc.integer({ min: 0, max: 5000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('store' as const), mode: fc.constantFrom<StoreMode>('ok', 'ok', 'fail', 'hang', 'shutdown') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

/**
 * The accounting identity, for any interleaving of logs, invalid records, clock moves, store
 * failures, hangs and refusals, and flushes:
 *
 * - every `log()` call is counted exactly once: `calls = queued + dropped`, where `dropped`
 *   counts records refused at entry (invalid, buffer full, or after shutdown);
 * - every accepted record is in exactly one state: `queued = written + failed + buffered`;
 * - `buffered ≤ maxQueueSize`;
 * - what the store holds is exactly what was counted `written` (no write outlives its timeout
 *   here: hanging writes are released as failures before shutdown);
 * - after `shutdown()`, `buffered = 0`.
 *
 * The brief's form, `written + dropped + failed + buffered = queued + droppedAtEntry`, is the
 * same identity, since every drop happens at entry.
 */
describe('createPredictionLogger accounting (property)', () => {
  it('balances for any interleaving of logs, flushes and store failures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), async (steps, maxQueueSize) => {
        const clock = createFakeClock({ startMillis: Date.UTC(2026, 0, 1) });
        const store = createControllableStore();
        const logger = createPredictionLogger({
          store,
          clock,
          maxQueueSize,
          maxBatchSize: 8,
          maxRetries: 3,
          writeTimeoutMillis: 2000,
          flushTimeoutMillis: 3000,
          retentionDays: false,
          random: () => 0.5,
          onError: () => undefined,
        });
        let calls = 0;
        const check = (): void => {
          const counters = logger.counters;
          expect(counters.queued + counters.dropped).toBe(calls);
          expect(counters.written + counters.failed + counters.buffered).toBe(counters.queued);
          expect(counters.buffered).toBeLessThanOrEqual(maxQueueSize);
        };
        for (const current of steps) {
          if (current.kind === 'log') {
            for (let index = 0; index < current.count; index++) {
              calls++;
              const invalid = current.invalidEvery > 0 && index % current.invalidEvery === 0;
              logger.log(
                (invalid ? { modelName: 'm' } : { modelName: 'm', modelVersion: '1', features: { x: index }, prediction: { score: 0.5 } }) as PredictionInput,
              );
            }
          } else if (current.kind === 'advance') {
            await clock.advanceAsync(current.millis);
          } else if (current.kind === 'store') {
            store.mode = current.mode;
            if (current.mode !== 'hang') store.releaseHanging();
          } else {
            const flushed = logger.forceFlush();
            await clock.advanceAsync(3000);
            await flushed;
          }
          check();
        }
        store.releaseHanging();
        store.mode = 'ok';
        const shutdown = logger.shutdown();
        await clock.advanceAsync(3000);
        await shutdown;
        check();
        expect(logger.counters.buffered).toBe(0);
        expect(await storedPredictions(store.inner)).toHaveLength(logger.counters.written);
      }),
      { numRuns: 150 },
    );
  });
});
