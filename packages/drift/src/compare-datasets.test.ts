import { describe, expect, it } from 'vitest';
import { chiSquaredTest } from './chi-squared-test.js';
import { compareDatasets } from './compare-datasets.js';
import { DriftwatchError } from './errors/driftwatch-error.js';
import { ksTest } from './ks-test.js';
import { draws, normals } from './profile/profile.test-helper.js';
import { psi } from './psi.js';

/** Weighted draws from the categories a, b and c. */
function categories(count: number, seed: number, weights: number[]): string[] {
  return draws(count, seed, ['a', 'b', 'c'], weights);
}

describe('compareDatasets', () => {
  it('reports the same statistics as the single-column functions, from rows or from columns', () => {
    const reference = { amount: normals(800, 1), plan: categories(800, 2, [5, 3, 2]) };
    const current = { amount: normals(600, 3, 0.5), plan: categories(600, 4, [3, 3, 4]) };
    const fromColumns = compareDatasets(reference, current);
    const toRows = (data: typeof reference) => data.amount.map((amount, index) => ({ amount, plan: data.plan[index] }));
    const fromRows = compareDatasets(toRows(reference), toRows(current));
    expect(fromRows).toEqual(fromColumns);

    const amount = fromColumns.columns.find((column) => column.name === 'amount')!;
    const ks = ksTest(reference.amount, current.amount);
    expect(amount).toMatchObject({ kind: 'numeric', kindSource: 'inferred', test: 'ks', statistic: ks.statistic, pValue: ks.pValue });
    expect(amount.effects.psi).toBe(psi(reference.amount, current.amount).value);
    const plan = fromColumns.columns.find((column) => column.name === 'plan')!;
    const chiSquared = chiSquaredTest(reference.plan, current.plan);
    expect(plan).toMatchObject({ kind: 'categorical', test: 'chi-squared', statistic: chiSquared.statistic, pValue: chiSquared.pValue });
    expect(amount.drifted && plan.drifted).toBe(true);
    expect(fromColumns).toMatchObject({ drifted: true, driftShare: 1 });
  });

  it('does not raise a false alarm on a million rows with a negligible shift', () => {
    const reference = { value: Float64Array.from(normals(1_000_000, 5)) };
    const current = { value: Float64Array.from(normals(1_000_000, 6, 0.01)) };
    const report = compareDatasets(reference, current);
    const [column] = report.columns;
    expect(column!.pValueAdjusted).toBeLessThan(0.05);
    expect(column!.severity).toBe('stable');
    expect(column!.drifted).toBe(false);
    expect(report.drifted).toBe(false);
  });

  it('corrects p-values across columns with Benjamini–Hochberg by default', () => {
    const reference = { a: normals(300, 1), b: normals(300, 2), c: normals(300, 3) };
    const current = { a: normals(300, 4, 0.3), b: normals(300, 5, 0.1), c: normals(300, 6) };
    const report = compareDatasets(reference, current);
    const raw = report.columns.map((column) => column.pValue);
    const adjusted = report.columns.map((column) => column.pValueAdjusted);
    adjusted.forEach((value, index) => expect(value).toBeGreaterThanOrEqual(raw[index]!));
    const bonferroni = compareDatasets(reference, current, { correction: 'bonferroni' });
    bonferroni.columns.forEach((column) => expect(column.pValueAdjusted).toBeCloseTo(Math.min(1, column.pValue * 3), 12));
  });

  it('infers kinds, reports the inference, and honours declared kinds', () => {
    const reference = [
      { charges: '10.5', senior: 0, contract: 'Monthly', id: 'x1' },
      { charges: ' ', senior: 1, contract: 'Two year', id: 'x2' },
      { charges: '30', senior: 0, contract: 'Monthly', id: 'x3' },
    ];
    const current = [
      { charges: '11', senior: 0, contract: 'Monthly', id: 'y1' },
      { charges: '35.5', senior: 1, contract: 'One year', id: 'y2' },
    ];
    const report = compareDatasets(reference, current, { categorical: ['senior'], exclude: ['id'] });
    const byName = Object.fromEntries(report.columns.map((column) => [column.name, column]));
    expect(Object.keys(byName).sort()).toEqual(['charges', 'contract', 'senior']);
    expect(byName.charges).toMatchObject({ kind: 'numeric', kindSource: 'inferred' });
    expect(byName.charges!.kindReason).toMatch(/parses as a number/);
    expect(byName.charges!.quality.missingRateReference).toBeCloseTo(1 / 3, 12);
    expect(byName.senior).toMatchObject({ kind: 'categorical', kindSource: 'declared' });
    expect(byName.contract!.quality.unseenCategories).toEqual(['One year']);
  });

  it('reports out-of-range values and skips columns it cannot compare', () => {
    const report = compareDatasets({ x: [1, 2, 3, 4], onlyReference: [1, 2, 3, 4], empty: [null, null, null, null] }, {
      x: [0, 2, 3, 9],
      empty: [1, 2, 3, 4],
      onlyCurrent: [1, 2, 3, 4],
    });
    expect(report.columns.map((column) => column.name)).toEqual(['x']);
    expect(report.columns[0]!.quality.outOfRangeShare).toBe(0.5);
    expect(report.skipped).toEqual([
      { name: 'onlyReference', reason: 'absent from the current data' },
      { name: 'empty', reason: 'no numeric values in the reference data' },
      { name: 'onlyCurrent', reason: 'absent from the reference data' },
    ]);
  });

  it('throws typed errors for unknown columns, empty datasets and bad options', () => {
    const expectCode = (action: () => unknown, code: string) => {
      try {
        action();
        expect.unreachable('should have thrown');
      } catch (error) {
        expect(DriftwatchError.isInstance(error)).toBe(true);
        expect((error as DriftwatchError).code).toBe(code);
      }
    };
    expectCode(() => compareDatasets({ x: [1] }, { x: [2] }, { exclude: ['nope'] }), 'UNKNOWN_COLUMN');
    expectCode(() => compareDatasets([], [{ x: 1 }]), 'EMPTY_SAMPLE');
    expectCode(() => compareDatasets({ x: [null] }, { x: [null] }), 'EMPTY_SAMPLE');
    expectCode(() => compareDatasets({ x: [1] }, { x: [2] }, { alpha: 2 }), 'INVALID_ARGUMENT');
    expectCode(() => compareDatasets({ x: [1] }, { x: [2] }, { numeric: ['x'], categorical: ['x'] }), 'INVALID_ARGUMENT');
  });

  it('grades severity with per-column thresholds and other effect metrics', () => {
    const reference = { a: normals(2000, 1), b: normals(2000, 2) };
    const current = { a: normals(2000, 3, 0.6), b: normals(2000, 4, 0.6) };
    const report = compareDatasets(reference, current, { columnThresholds: { b: { moderate: 5, drift: 10 } } });
    expect(report.columns[0]!.severity).toBe('drift');
    expect(report.columns[1]!).toMatchObject({ severity: 'stable', drifted: false });
    expect(report.driftShare).toBe(0.5);
    const js = compareDatasets(reference, current, { effectMetric: 'jensen-shannon' });
    expect(js.columns[0]!.effect).toBe(js.columns[0]!.effects.jensenShannon);
    expect(js.columns[0]!.thresholds).toEqual({ moderate: 0.1, drift: 0.2 });
  });
});
