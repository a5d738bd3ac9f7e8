import { describe, expect, it } from 'vitest';
import { DriftwatchError } from './errors/driftwatch-error.js';
import { kolmogorovDistribution } from './internal/kolmogorov-distribution.js';
import { ksTwoSampleExact } from './internal/ks-two-sample-exact.js';
import { loadGoldenFixture, type GoldenCase } from './internal/golden-fixture.test-helper.js';
import { sortedFiniteValues } from './internal/numeric-sample.js';
import { ksMethods, ksTest, ksTestSorted, type KsMethod } from './ks-test.js';

/** |a - b| <= relative·|b| + absolute, with NaN equal to NaN. */
function expectClose(actual: number, expected: number, relative: number, absolute = 0): void {
  if (Number.isNaN(expected)) {
    expect(actual).toBeNaN();
    return;
  }
  const tolerance = relative * Math.abs(expected) + absolute;
  expect(Math.abs(actual - expected), `${actual} vs ${expected} (tolerance ${tolerance})`).toBeLessThanOrEqual(tolerance);
}

const fixture = loadGoldenFixture();
const numericCases = (fixture?.cases ?? []).filter((goldenCase) => goldenCase.kind === 'numeric');

describe.skipIf(!fixture)('ksTest against scipy 1.10 ks_2samp (skipped: ../shared/fixtures/drift-golden.json not found)', () => {
  const rows = numericCases.flatMap((goldenCase) => ksMethods.map((method) => ({ goldenCase, method })));

  it('has numeric cases to check', () => {
    expect(numericCases.length).toBeGreaterThan(0);
  });

  it.each(rows)('$goldenCase.name, method $method', ({ goldenCase, method }: { goldenCase: GoldenCase; method: KsMethod }) => {
    const expected = goldenCase.expected.ks[method];
    const expectedMethod =
      method === 'auto' ? expected.method_used : method === 'exact' && expected.fell_back_to_asymp ? 'asymp' : method;
    const result = ksTest(goldenCase.reference as number[], goldenCase.current as number[], { method });
    expectClose(result.statistic, expected.statistic, 0, 1e-9 * Math.max(1, Math.abs(expected.statistic)));
    expectClose(result.pValue, expected.pvalue, 1e-6, 1e-12);
    expect(result.method).toBe(expectedMethod);
    expect(result.statisticLocation).toBe(expected.statistic_location);
    expect(result.statisticSign).toBe(expected.statistic_sign);
  });

  it.each(numericCases)("'auto' picks what scipy picked for $name", (goldenCase) => {
    const size = Math.max(goldenCase.reference.length, goldenCase.current.length);
    expect(size <= 10000 ? 'exact' : 'asymp').toBe(goldenCase.expected.ks.auto_picks);
  });
});

describe('ksTest', () => {
  // Expected values below come from scipy.stats.ks_2samp; comments name the rule each one pins.
  it('gives the exact p-value for two disjoint-ish samples of five', () => {
    const result = ksTest([0.1, 0.4, 0.5, 0.9, 1.3], [1.1, 1.4, 1.9, 2.2, 2.8]);
    expect(result.statistic).toBe(0.8);
    expectClose(result.pValue, 10 / 126, 1e-12);
    expect(result.method).toBe('exact');
  });

  it("rounds the effective size half to even for 'asymp' (5 and 5 give n = 2, not 3)", () => {
    const result = ksTest([0.1, 0.4, 0.5, 0.9, 1.3], [1.1, 1.4, 1.9, 2.2, 2.8], { method: 'asymp' });
    // kstwo.sf(0.8, 2) = 2 (1 - 0.8)^2
    expectClose(result.pValue, 0.07999999999999996, 1e-12);
    expect(result.method).toBe('asymp');
  });

  it.each([
    { reference: [1, 2, 3], current: [1, 2, 3, 4, 5], method: 'exact', statistic: 0.4, pValue: 0.8571428571428572, location: 3, sign: 1 },
    { reference: [1, 2, 3], current: [1, 2, 3, 4, 5], method: 'asymp', statistic: 0.4, pValue: 0.82, location: 3, sign: 1 },
    { reference: [3, 1, 2, 2], current: [2, 2, 5], method: 'exact', statistic: 0.3333333333333333, pValue: 0.9714285714285715, location: 3, sign: 1 },
    { reference: [3, 1, 2, 2], current: [2, 2, 5], method: 'asymp', statistic: 0.33333333333333337, pValue: 0.9444444444444444, location: 3, sign: 1 },
    { reference: [5, 6, 7], current: [1, 2, 3], method: 'exact', statistic: 1, pValue: 0.09999999999999999, location: 3, sign: -1 },
    { reference: [5, 6, 7], current: [1, 2, 3], method: 'asymp', statistic: 1, pValue: 0, location: 3, sign: -1 },
    { reference: [0, 0, 1, 1], current: [0, 1], method: 'exact', statistic: 0, pValue: 1, location: 0, sign: 1 },
    { reference: [1, 2, 3, 4], current: [3, 4, 5, 6], method: 'exact', statistic: 0.5, pValue: 0.7714285714285716, location: 2, sign: 1 },
    { reference: [1, 2, 3, 4], current: [3, 4, 5, 6], method: 'asymp', statistic: 0.5, pValue: 0.5, location: 2, sign: 1 },
  ] as const)('$reference vs $current ($method): ties, snapping, location and sign as scipy', (row) => {
    const result = ksTest(row.reference, row.current, { method: row.method });
    expect(result.statistic).toBe(row.statistic);
    expectClose(result.pValue, row.pValue, 1e-12);
    expect(result.statisticLocation).toBe(row.location);
    expect(result.statisticSign).toBe(row.sign);
  });

  it("gives NaN for 'asymp' with one value on each side, as scipy does (round(0.5) = 0)", () => {
    expect(ksTest([1], [2], { method: 'asymp' }).pValue).toBeNaN();
    expect(ksTest([1], [2], { method: 'exact' }).pValue).toBe(1);
  });

  it("'auto' switches to 'asymp' above 10 000 values", () => {
    const reference = Float64Array.from({ length: 10001 }, (_, index) => index / 10001);
    const current = Float64Array.from({ length: 10 }, (_, index) => index / 10 + 0.3);
    const automatic = ksTest(reference, current);
    expect(automatic.method).toBe('asymp');
    expect(automatic.statistic).toBe(0.3000699930006999);
    expectClose(automatic.pValue, 0.2702932105787865, 1e-9);
    expect(automatic.statisticLocation).toBe(0.2999700029997);
    const exact = ksTest(reference, current, { method: 'exact' });
    expect(exact.method).toBe('exact');
    expectClose(exact.pValue, 0.27070845511536795, 1e-9);
  });

  it("falls back from 'exact' to 'asymp' when lcm(n1, n2) reaches 2^31 - 1, without snapping", () => {
    const linspace = (start: number, stop: number, count: number) =>
      Float64Array.from({ length: count }, (_, index) => start + (index * (stop - start)) / (count - 1));
    const result = ksTest(linspace(0, 1, 46349), linspace(0.01, 1.01, 46351), { method: 'exact' });
    expect(result.method).toBe('asymp');
    expectClose(result.statistic, 0.010021358529746532, 0, 1e-12);
    expectClose(result.pValue, 0.018903396619087468, 1e-9);
    expect(result.statisticSign).toBe(1);
  });

  it('drops null, undefined, NaN and ±Infinity before testing', () => {
    const dirty = ksTest([1, null, 2, Number.NaN, 3, undefined, Infinity], [1, 2, 3, 4, 5, -Infinity]);
    const clean = ksTest([1, 2, 3], [1, 2, 3, 4, 5]);
    expect(dirty).toEqual(clean);
  });

  it('throws EMPTY_SAMPLE when a sample has no finite values', () => {
    const attempt = () => ksTest([Number.NaN, null], [1, 2]);
    expect(attempt).toThrow(DriftwatchError);
    try {
      attempt();
    } catch (error) {
      expect(DriftwatchError.isInstance(error) && error.code).toBe('EMPTY_SAMPLE');
    }
    expect(() => ksTestSorted(new Float64Array([1]), new Float64Array(0))).toThrow(/current sample/);
  });

  it('throws INVALID_ARGUMENT for an unknown method', () => {
    try {
      ksTest([1, 2], [3, 4], { method: 'approx' as KsMethod });
      expect.unreachable();
    } catch (error) {
      expect(DriftwatchError.isInstance(error) && error.code).toBe('INVALID_ARGUMENT');
    }
  });

  it('ksTestSorted on pre-sorted samples equals ksTest on the raw ones', () => {
    const reference = [0.3, -1.2, 0.3, 4.4, 2.0, -0.5, 1.1];
    const current = [0.9, 0.3, 5.1, -2.2, 0.0];
    for (const method of ksMethods) {
      expect(
        ksTestSorted(sortedFiniteValues(reference, 'reference'), sortedFiniteValues(current, 'current'), { method }),
      ).toEqual(ksTest(reference, current, { method }));
    }
  });
});

describe('kolmogorovDistribution (scipy.stats.kstwo), one point per algorithm branch', () => {
  // [branch, n, x, kstwo.sf(x, n), kstwo.cdf(x, n)] from scipy, whose _kolmogn is unchanged since 1.10.
  const points: [string, number, number, number, number][] = [
    ['Ruben-Gambino x <= 1/n, n <= 140', 10, 0.07, 0.9999999619492741, 3.805072588800014e-8],
    ['Ruben-Gambino x <= 1/n, n > 140 (Stirling)', 200, 0.004, 1.0, 2.0947856200911138e-130],
    ['Ruben-Gambino x >= 1 - 1/n', 10, 0.91, 6.973568801999976e-11, 0.9999999999302643],
    ['x >= 0.5: 2 smirnov', 30, 0.55, 4.74030723600559e-9, 0.9999999952596927],
    ['n <= 140: Durbin matrix', 100, 0.08, 0.5182193645480672, 0.48178063545193284],
    ['n <= 140: Pomeranz', 100, 0.15, 0.019839242125643017, 0.980160757874357],
    ['n <= 140: 2 smirnov', 100, 0.25, 5.408871776434847e-6, 0.9999945911282235],
    ['n > 140, n x^2 >= 370: survival 0', 2000, 0.45, 0.0, 1.0],
    ['n > 140, n x^2 >= 2.2: 2 smirnov', 1000, 0.06, 0.001428597887952891, 0.998571401884381],
    ['n > 140: Durbin matrix', 50000, 0.002, 0.9880386605338913, 0.011961339466108644],
    ['n > 140: Pelz-Good', 500000, 0.001, 0.6989801443663661, 0.3010198556336339],
    ['n > 10^6: smirnov approximation', 2000000, 0.0012, 0.006297183259583361, 0.9937028243408488],
    ['n > 10^6: Pelz-Good', 2000000, 0.0005, 0.6991771101944894, 0.30082288980551064],
    ['x <= 0.5/n: outside the support', 10, 0.05, 1.0, 0.0],
    ['x = 1', 10, 1.0, 0.0, 1.0],
  ];

  it.each(points)('%s (n = %i, x = %d)', (_branch, n, x, survival, cdf) => {
    expectClose(kolmogorovDistribution(n, x), survival, 1e-9, 1e-300);
    expectClose(kolmogorovDistribution(n, x, 'cdf'), cdf, 1e-9, 1e-300);
  });

  it('is NaN for a sample size that is not a positive integer', () => {
    expect(kolmogorovDistribution(0, 0.3)).toBeNaN();
    expect(kolmogorovDistribution(2.5, 0.3)).toBeNaN();
  });
});

describe('ksTwoSampleExact', () => {
  it('snaps the statistic to h / lcm(n1, n2)', () => {
    const result = ksTwoSampleExact(3, 4, 0.41666666666666663);
    expect(result.statistic).toBe(5 / 12);
    expect(result.success).toBe(true);
  });

  it('is 1 for a zero statistic and for the widest possible gap with n1 = n2 = 1', () => {
    expect(ksTwoSampleExact(7, 9, 0).pValue).toBe(1);
    expect(ksTwoSampleExact(1, 1, 1).pValue).toBe(1);
  });
});
