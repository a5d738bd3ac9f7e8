import { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock.js';
import { createInMemoryEventStore } from '../testing/in-memory-event-store.js';
import { createBaseline } from './create-baseline.js';

const rows = [
  { tenure: 1, Contract: 'Month-to-month', customerId: 'a' },
  { tenure: 40, Contract: 'Two year', customerId: 'b' },
  { tenure: 12, Contract: 'One year', customerId: 'c' },
  { tenure: 3, Contract: 'Month-to-month', customerId: 'd' },
];

describe('createBaseline', () => {
  it('profiles the declared features and the predictions, with declared kinds', () => {
    const clock = createFakeClock({ startMillis: Date.UTC(2026, 2, 1) });
    const baseline = createBaseline({
      modelName: 'churn',
      version: '3',
      data: rows,
      predictions: [
        { label: 'Yes', score: 0.8 },
        { label: 'No', score: 0.1 },
        { label: 'No', score: 0.3 },
        { label: 'Yes', score: 0.7 },
      ],
      features: { tenure: { kind: 'categorical' }, Contract: { kind: 'categorical' } },
      metrics: { accuracy: 0.81 },
      clock,
    });
    expect(baseline).toMatchObject({ modelName: 'churn', version: '3', metrics: { accuracy: 0.81 } });
    expect(baseline.createdAt.getTime()).toBe(Date.UTC(2026, 2, 1));
    const columns = baseline.profile.spec.columns;
    expect(columns.map((column) => [column.name, column.kind, column.kindSource])).toEqual([
      ['tenure', 'categorical', 'declared'],
      ['Contract', 'categorical', 'declared'],
      ['prediction.score', 'numeric', 'declared'],
      ['prediction.label', 'categorical', 'declared'],
    ]);
    expect(baseline.profile.rowCount).toBe(4);
  });

  it('takes columns, infers kinds, excludes columns and skips absent prediction parts', () => {
    const baseline = createBaseline({
      modelName: 'churn',
      version: '1',
      data: { tenure: Float64Array.of(1, 2, 3), plan: ['a', 'b', 'a'], id: ['x', 'y', 'z'] },
      predictions: { score: [0.1, 0.5, 0.9] },
      exclude: ['id'],
    });
    expect(baseline.profile.spec.columns.map((column) => `${column.name}:${column.kind}`)).toEqual([
      'tenure:numeric',
      'plan:categorical',
      'prediction.score:numeric',
    ]);
    expect(baseline.metrics).toEqual({});
  });

  it('saves and reads back by version', async () => {
    const store = createInMemoryEventStore();
    await store.writeBaseline(createBaseline({ modelName: 'churn', version: '1', data: rows, exclude: ['customerId'] }));
    const read = await store.readBaseline('churn', '1');
    expect(read?.profile.spec.columns.map((column) => column.name)).toEqual(['tenure', 'Contract']);
  });

  it('rejects malformed options with typed errors', () => {
    const error = (run: () => unknown) => {
      try {
        run();
      } catch (caught) {
        return DriftwatchError.isInstance(caught) ? caught.code : 'not a DriftwatchError';
      }
      return 'no error';
    };
    expect(error(() => createBaseline({ modelName: '', version: '1', data: rows }))).toBe('VALIDATION_FAILED');
    expect(error(() => createBaseline({ modelName: 'm', version: '1', data: rows, features: { missing: { kind: 'numeric' } } }))).toBe('UNKNOWN_COLUMN');
    expect(error(() => createBaseline({ modelName: 'm', version: '1', data: rows, predictions: [{ score: 1 }] }))).toBe('INVALID_ARGUMENT');
    expect(error(() => createBaseline({ modelName: 'm', version: '1', data: [{ 'prediction.score': 1 }] }))).toBe('INVALID_ARGUMENT');
    expect(error(() => createBaseline({ modelName: 'm', version: '1', data: [] }))).toBe('EMPTY_SAMPLE');
  });
});
