import { describe, expect, it } from 'vitest';
import { toRetrainingRunView } from './to-retraining-run-view.js';

const run = (artifacts: Record<string, unknown>) => ({
  id: 'run-1',
  experiment: 'retraining:churn',
  status: 'running' as const,
  params: { trigger: 'manual' },
  metrics: {},
  artifacts,
  tags: {},
  startedAt: new Date(0),
});

describe('toRetrainingRunView', () => {
  it('reads the steps by shape and summarises their output', () => {
    const view = toRetrainingRunView(
      run({
        steps: [
          { name: 'train', status: 'succeeded', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', durationMillis: 1000, attempts: 1, output: { rows: 5000 } },
          { name: 'validate', status: 'failed', attempts: 2, error: 'AUC below the champion' },
          {
            name: 'promote-or-retire',
            status: 'waiting',
            attempts: 3,
            output: { reason: 'undecided', lastAction: 'continue', promotion: { phase: 'testing', mode: 'split', championVersion: 2, challengerVersion: 3, evaluationCount: 3 } },
          },
        ],
      }),
    );
    expect(view.trigger).toBe('manual');
    expect(view.steps.map((step) => [step.name, step.status, step.attempts, step.output, step.error])).toEqual([
      ['train', 'succeeded', 1, '{"rows":5000}', null],
      ['validate', 'failed', 2, null, 'AUC below the champion'],
      ['promote-or-retire', 'waiting', 3, 'undecided', null],
    ]);
    expect(view.promotion).toEqual({
      phase: 'testing',
      mode: 'split',
      championVersion: 2,
      challengerVersion: 3,
      outcome: null,
      reason: 'undecided',
      lastAction: 'continue',
      evaluationCount: 3,
    });
  });

  it('skips anything malformed instead of failing the page', () => {
    expect(toRetrainingRunView(run({})).steps).toEqual([]);
    expect(toRetrainingRunView(run({ steps: 'nope' })).steps).toEqual([]);
    const view = toRetrainingRunView(run({ steps: [null, 3, { status: 'running' }, { name: 'train', durationMillis: 'slow', output: { big: 'x'.repeat(1000) } }] }));
    expect(view.steps).toHaveLength(1);
    expect(view.steps[0]).toMatchObject({ name: 'train', status: 'pending', durationMillis: null, attempts: 0 });
    expect(view.steps[0]!.output!.length).toBe(240);
  });
});
