import type { AliasHistoryRecord } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { rollbackTarget } from './rollback-target.js';

const move = (fromVersion: number | undefined, toVersion: number | undefined, sequence: number, rollback = false): AliasHistoryRecord => ({
  modelName: 'churn',
  alias: 'champion',
  fromVersion,
  toVersion,
  actor: 'test',
  reason: '',
  evidence: rollback ? { rollback: true } : {},
  at: new Date(sequence * 1000),
  sequence,
});

describe('rollbackTarget', () => {
  it('finds nothing for an alias set once', () => {
    expect(rollbackTarget([])).toEqual({ found: false });
    expect(rollbackTarget([move(undefined, 1, 1)])).toEqual({ found: false });
  });

  it('goes back one version, and rollbacks stack: A → B → C, then C → B, then B → A', () => {
    const history = [move(undefined, 1, 1), move(1, 2, 2), move(2, 3, 3)];
    expect(rollbackTarget(history)).toEqual({ found: true, current: 3, version: 2 });
    history.push(move(3, 2, 4, true));
    expect(rollbackTarget(history)).toEqual({ found: true, current: 2, version: 1 });
    history.push(move(2, 1, 5, true));
    expect(rollbackTarget(history)).toEqual({ found: false });
  });

  it('a promotion after a rollback is a new move to undo', () => {
    const history = [move(undefined, 1, 1), move(1, 2, 2), move(2, 1, 3, true), move(1, 4, 4)];
    expect(rollbackTarget(history)).toEqual({ found: true, current: 4, version: 1 });
  });
});
