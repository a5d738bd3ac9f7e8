import { describe, expect, it } from 'vitest';
import { chiSquaredTest } from './chi-squared-test.js';
import { loadGoldenFixture } from './internal/golden-fixture.test-helper.js';
import { jensenShannon } from './jensen-shannon.js';
import { psi } from './psi.js';
import { wasserstein } from './wasserstein.js';

const fixture = loadGoldenFixture();

/** The fixture's tolerances: statistics |a−b| ≤ 1e-9·max(1,|b|), p-values |a−b| ≤ 1e-6·|b| + 1e-12. */
function expectStatistic(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}
function expectPValue(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-12);
}

interface GoldenCase {
  name: string;
  kind: 'numeric' | 'categorical';
  reference: Array<number | string>;
  current: Array<number | string>;
  expected: Record<string, any>;
}

const cases: GoldenCase[] = fixture?.cases ?? [];
const numericCases = cases.filter((golden) => golden.kind === 'numeric');
const categoricalCases = cases.filter((golden) => golden.kind === 'categorical');

describe.skipIf(!fixture)('distances match scipy (skipped when ../shared/fixtures/drift-golden.json is absent)', () => {
  it('covers every case in the fixture', () => {
    expect(numericCases.length + categoricalCases.length).toBe(29);
  });

  describe.each(numericCases.map((golden) => [golden.name, golden] as const))('numeric %s', (_name, golden) => {
    it('PSI cut points and counts are exact, PSI matches', () => {
      const result = psi(golden.reference, golden.current);
      expect(result.bins).toEqual({ kind: 'numeric', cuts: golden.expected.psi_bins.cuts });
      expect(result.referenceCounts).toEqual(golden.expected.psi_bins.reference_counts);
      expect(result.currentCounts).toEqual(golden.expected.psi_bins.current_counts);
      expectStatistic(result.value, golden.expected.psi);
    });
    it('Jensen–Shannon distance matches', () => {
      expectStatistic(jensenShannon(golden.reference, golden.current).value, golden.expected.js_distance_base2);
    });
    it('Wasserstein distance matches', () => {
      expectStatistic(
        wasserstein(golden.reference as number[], golden.current as number[]).value,
        golden.expected.wasserstein_distance,
      );
    });
  });

  describe.each(categoricalCases.map((golden) => [golden.name, golden] as const))('categorical %s', (_name, golden) => {
    it('categories and counts are exact, PSI matches', () => {
      const result = psi(golden.reference, golden.current);
      expect(result.bins).toEqual({ kind: 'categorical', categories: golden.expected.categories });
      expect(result.referenceCounts).toEqual(golden.expected.reference_counts);
      expect(result.currentCounts).toEqual(golden.expected.current_counts);
      expectStatistic(result.value, golden.expected.psi);
    });
    it('Jensen–Shannon distance matches', () => {
      expectStatistic(jensenShannon(golden.reference, golden.current).value, golden.expected.js_distance_base2);
    });
    it('chi-squared matches with and without the Yates correction', () => {
      for (const [variant, correction] of [['uncorrected', false], ['default', true]] as const) {
        const expected = golden.expected.chi2[variant];
        const result = chiSquaredTest(golden.reference as string[], golden.current as string[], { correction });
        expectStatistic(result.statistic, expected.statistic);
        expectPValue(result.pValue, expected.pvalue);
        expect(result.dof).toBe(expected.dof);
      }
    });
  });
});
