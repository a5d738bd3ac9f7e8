import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PredictionInput } from '../../contracts/prediction-logger.js';
import { PredictionRing } from './prediction-ring.js';

const input = (index: number, extra: Partial<PredictionInput> = {}): PredictionInput => ({
  modelName: 'churn',
  modelVersion: '3',
  features: { tenure: index },
  prediction: { label: 'Yes', score: index / 100 },
  ...extra,
});

describe('PredictionRing', () => {
  it('gives back every field it was given, and leaves out the ones it was not', () => {
    const ring = new PredictionRing(4);
    ring.push(input(1, { latencyMillis: 0, segment: 'eu', requestId: 'r-1', status: 'error', errorMessage: 'boom', cacheHit: false }), 'a', 1_000);
    ring.push(input(2, { latencyMillis: 2.5, status: 'ok', cacheHit: true }), 'b', 2_000);
    ring.push({ modelName: 'churn', modelVersion: '4', features: {} } as PredictionInput, 'c', 3_000);
    const [first, second, third] = ring.peek(10);
    expect(first).toEqual({
      id: 'a',
      timestamp: new Date(1_000),
      modelName: 'churn',
      modelVersion: '3',
      features: { tenure: 1 },
      prediction: { label: 'Yes', score: 0.01 },
      latencyMillis: 0,
      segment: 'eu',
      requestId: 'r-1',
      status: 'error',
      errorMessage: 'boom',
      cacheHit: false,
    });
    expect(second).toMatchObject({ id: 'b', latencyMillis: 2.5, status: 'ok', cacheHit: true, segment: undefined });
    expect(third).toMatchObject({ id: 'c', modelVersion: '4', prediction: {}, latencyMillis: undefined, status: undefined, cacheHit: undefined });
  });

  it('reads the input when it is pushed: later changes to the input object are not logged', () => {
    const ring = new PredictionRing(2);
    const logged = input(1, { latencyMillis: 3 });
    ring.push(logged, 'a', 1_000);
    logged.modelVersion = '99';
    logged.latencyMillis = 99;
    logged.prediction = { score: 0.99 };
    expect(ring.peek(1)[0]).toMatchObject({ modelVersion: '3', latencyMillis: 3, prediction: { label: 'Yes', score: 0.01 } });
  });

  it('refuses a push when full, and peeks without removing', () => {
    const ring = new PredictionRing(2);
    expect(ring.push(input(1), 'a', 1)).toBe(true);
    expect(ring.push(input(2), 'b', 2)).toBe(true);
    expect(ring.push(input(3), 'c', 3)).toBe(false);
    expect(ring.peek(1).map((record) => record.id)).toEqual(['a']);
    expect(ring.size).toBe(2);
  });

  it('behaves as a FIFO queue of the pushed ids, wrapping around its slots', () => {
    // A model of the ring: an array. Any sequence of pushes, peeks and removes agrees with it.
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('push' as const) }),
      fc.record({ kind: fc.constant('remove' as const), count: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('peek' as const), count: fc.integer({ min: 0, max: 6 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(operation, { maxLength: 60 }), (capacity, operations) => {
        const ring = new PredictionRing(capacity);
        const model: string[] = [];
        let next = 0;
        for (const step of operations) {
          if (step.kind === 'push') {
            const id = `p${next++}`;
            const accepted = ring.push(input(next), id, next);
            expect(accepted).toBe(model.length < capacity);
            if (accepted) model.push(id);
          } else if (step.kind === 'remove') {
            ring.remove(step.count);
            model.splice(0, step.count);
          } else {
            const peeked = ring.peek(step.count);
            expect(peeked.map((record) => record.id)).toEqual(model.slice(0, step.count));
            for (const record of peeked) expect(record.timestamp.getTime()).toBe(Number(record.id.slice(1)) + 1);
          }
          expect(ring.size).toBe(model.length);
        }
      }),
    );
  });
});
