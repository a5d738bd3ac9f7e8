import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquaredSurvival, logGamma, normalCdf, normalSurvival, regularizedGammaQ } from './special-functions.js';

/** |actual − expected| ≤ tolerance · |expected|, which stays meaningful for p-values like 1e-300. */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

// Oracles: scipy 1.17.1 on Python 3.11; every expected value is the repr of the float64 result.

// [a, x, scipy.special.gammaincc(a, x)]
const gammaQCases: Array<[number, number, number]> = [
  [0.5, 0.1, 0.6547208460185768],
  [0.5, 2.0, 0.04550026389635857],
  [0.5, 50.0, 1.5239706048320995e-23],
  [1.0, 0.001, 0.999000499833375],
  [1.0, 2.0, 0.1353352832366127],
  [1.0, 700.0, 9.85967654375939e-305],
  [1.5, 0.5, 0.8012519569012009],
  [2.0, 3.0, 0.1991482734714558],
  [2.5, 3.5, 0.22064030793671066],
  [3.0, 0.3, 0.9964005068169105],
  [5.0, 1.0, 0.9963401531726563],
  [5.0, 500.0, 1.870290720915977e-208],
  [7.5, 7.5, 0.4514172112257256],
  [9.9, 10.9, 0.3397889288818792],
  [10.0, 5.0, 0.9681719426937951],
  [10.0, 10.0, 0.4579297144718523],
  [10.0, 11.0, 0.3405106424656608],
  [10.5, 100.0, 3.6230556333226084e-31],
  [15.0, 15.0, 0.4656537089440098],
  [15.0, 16.0, 0.3675273597655652],
  [30.0, 3.0, 1.0],
  [30.0, 60.0, 6.876264968732136e-06],
  [50.0, 49.5, 0.5094721987983741],
  [100.0, 150.0, 5.924540335483916e-06],
  [100.0, 300.0, 1.4110215102111738e-41],
  [500.0, 400.0, 0.9999991890618921],
  [500.0, 750.0, 1.0454640385980825e-22],
  [1000.0, 1000.0, 0.4957947558197845],
  [1000.0, 2000.0, 6.847349459617758e-136],
  [10000.0, 10000.0, 0.4986701916600448],
  [10000.0, 11000.0, 1.6928531496469168e-22],
  [100000.0, 101000.0, 0.0008084215129255896],
  [1000000.0, 1003000.0, 0.0013617406462175913],
  [0.1, 0.05, 0.22446136454896942],
  [0.1, 1.5, 0.011344016637805328],
];

// [x, scipy.special.gammaln(x)]
const logGammaCases: Array<[number, number]> = [
  [1e-300, 690.7755278982137],
  [1e-10, 23.025850929882733],
  [0.001, 6.907178885383853],
  [0.5, 0.5723649429247],
  [0.79, 0.1618254825938275],
  [1.5, -0.12078223763524526],
  [3.0, 0.6931471805599453],
  [5.0, 3.1780538303479458],
  [9.99, 12.779315214350195],
  [10.0, 12.801827480081469],
  [10.01, 12.824350262448247],
  [100.0, 359.1342053695754],
  [100000.0, 1051287.7089736569],
  [10000000000.0, 220258509288.81058],
  [1e+300, 6.897755278982137e+302],
  [-0.5, 1.2655121234846454],
  [-2.5, -0.05624371649767401],
  [-10.3, -14.457515440024208],
];

// [x, float(mpmath.log(mpmath.gamma(x)))] at mp.dps = 50. Near its roots at 1 and 2, scipy's gammaln
// is accurate only to about 2e-10 relative (at 0.999999 it returns 5.772164873855653e-07 against the
// true 5.772164874962016e-07), so these points use mpmath instead.
const logGammaNearRootCases: Array<[number, number]> = [
  [0.8, 0.15205967839983756],
  [0.95, 0.030968795237972926],
  [0.999999, 5.772164873855652e-07],
  [1.000001, -5.772148423874147e-07],
  [1.05, -0.02685307250226019],
  [1.2, -0.08537409000331583],
  [1.8, -0.07108387291437215],
  [1.99, -0.004195529088791668],
  [2.0001, 4.2281658112919945e-05],
  [2.2, 0.09694746679063887],
];

// [z, scipy.stats.norm.sf(z)]
const normalCases: Array<[number, number]> = [
  [0.0, 0.5],
  [1e-08, 0.4999999960105772],
  [0.5, 0.3085375387259869],
  [1.0, 0.15865525393145707],
  [1.5, 0.06680720126885807],
  [1.7, 0.04456546275854304],
  [1.75, 0.040059156863817086],
  [2.0, 0.022750131948179195],
  [3.0, 0.0013498980316300933],
  [5.0, 2.866515718791933e-07],
  [8.0, 6.22096057427174e-16],
  [10.0, 7.61985302416047e-24],
  [15.0, 3.6709661993126986e-51],
  [20.0, 2.7536241186061556e-89],
  [25.0, 3.056696706382561e-138],
  [30.0, 4.906713927147908e-198],
  [37.0, 5.7255712225239266e-300],
  [-0.5, 0.6914624612740131],
  [-3.0, 0.9986501019683699],
  [-8.0, 0.9999999999999993],
  [-37.0, 1.0],
];

// [statistic, dof, scipy.stats.chi2.sf(statistic, dof)]
const chiSquaredCases: Array<[number, number, number]> = [
  [0.001, 1, 0.9747728793699604],
  [3.841458820694124, 1, 0.04999999999999989],
  [1.0, 1, 0.31731050786291115],
  [10.0, 1, 0.001565402258002549],
  [100.0, 1, 1.5239706048320995e-23],
  [1400.0, 1, 2.1010145162644003e-306],
  [0.5, 2, 0.7788007830714049],
  [5.991464547107979, 2, 0.05000000000000007],
  [1000.0, 2, 7.124576406741474e-218],
  [3.0, 3, 0.3916251762710877],
  [50.0, 4, 3.610865404890647e-10],
  [1000.0, 10, 1.870290720915977e-208],
  [500.0, 20, 2.910266873027274e-93],
  [20.0, 20, 0.4579297144718523],
  [21.0, 20, 0.3971325993508109],
  [50.0, 50, 0.47339846855634937],
  [1000.0, 100, 2.3060767380354624e-148],
  [1000.0, 1000, 0.49405285382923964],
  [2000.0, 1000, 4.1436785914539184e-69],
  [10000.0, 10000, 0.49811936596618267],
  [10500.0, 10000, 0.00024794736798936033],
  [200.0, 1, 2.0884875837625688e-45],
  [950.0, 5, 4.007707742488122e-203],
];

describe('logGamma', () => {
  it.each(logGammaCases)('matches scipy.special.gammaln(%s)', (x, expected) =>
    expectRelative(logGamma(x), expected, 1e-13),
  );

  it.each(logGammaNearRootCases)('stays accurate in relative terms near the roots: lnΓ(%s)', (x, expected) =>
    expectRelative(logGamma(x), expected, 1e-13),
  );

  it('is exactly 0 at 1 and 2, infinite at poles, NaN for NaN', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(Number.NaN)).toBeNaN();
  });

  it('satisfies lnΓ(x + 1) = lnΓ(x) + ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), (x) => {
        const expected = logGamma(x) + Math.log(x);
        expect(Math.abs(logGamma(x + 1) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      }),
    );
  });
});

describe('regularizedGammaQ', () => {
  it.each(gammaQCases)('matches scipy.special.gammaincc(%s, %s)', (a, x, expected) =>
    expectRelative(regularizedGammaQ(a, x), expected, 1e-10),
  );

  it('handles the edges of its domain', () => {
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
    expect(regularizedGammaQ(0, 1)).toBeNaN();
    expect(regularizedGammaQ(2, -1)).toBeNaN();
    expect(regularizedGammaQ(Number.NaN, 1)).toBeNaN();
  });

  it('equals e^(−x) for a = 1 and erfc(√x) through the recurrence Q(a + 1, x) = Q(a, x) + xᵃe^(−x)/Γ(a + 1)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 700, noNaN: true }), (x) => {
        expectRelative(regularizedGammaQ(1, x), Math.exp(-x), 1e-12);
        const a = 3.5;
        const step = Math.exp(a * Math.log(x) - x - logGamma(a + 1));
        expectRelative(regularizedGammaQ(a + 1, x), regularizedGammaQ(a, x) + step, 1e-11);
      }),
    );
  });

  it('decreases in x and stays within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 2e4, noNaN: true }),
        fc.double({ min: 0, max: 2e4, noNaN: true }),
        (a, first, second) => {
          const [low, high] = first <= second ? [first, second] : [second, first];
          const upperLow = regularizedGammaQ(a, low);
          const upperHigh = regularizedGammaQ(a, high);
          expect(upperLow).toBeGreaterThanOrEqual(0);
          expect(upperLow).toBeLessThanOrEqual(1);
          expect(upperHigh).toBeLessThanOrEqual(upperLow * (1 + 1e-12));
        },
      ),
    );
  });
});

describe('chiSquaredSurvival', () => {
  it.each(chiSquaredCases)('matches scipy.stats.chi2.sf(%s, %s)', (statistic, dof, expected) =>
    expectRelative(chiSquaredSurvival(statistic, dof), expected, 1e-10),
  );

  it('returns 1 for zero degrees of freedom or a non-positive statistic, NaN for invalid input', () => {
    expect(chiSquaredSurvival(3, 0)).toBe(1);
    expect(chiSquaredSurvival(0, 3)).toBe(1);
    expect(chiSquaredSurvival(-1, 3)).toBe(1);
    expect(chiSquaredSurvival(3, -1)).toBeNaN();
    expect(chiSquaredSurvival(Number.NaN, 3)).toBeNaN();
    expect(chiSquaredSurvival(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });

  it('equals e^(−x/2) with two degrees of freedom', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1400, noNaN: true }), (statistic) =>
        expectRelative(chiSquaredSurvival(statistic, 2), Math.exp(-statistic / 2), 1e-12),
      ),
    );
  });
});

describe('normalSurvival and normalCdf', () => {
  it.each(normalCases)('matches scipy.stats.norm.sf(%s)', (z, expected) => {
    expectRelative(normalSurvival(z), expected, 1e-12);
    expectRelative(normalCdf(-z), expected, 1e-12);
  });

  it('handles infinities, NaN and underflow', () => {
    expect(normalSurvival(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSurvival(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(normalSurvival(41)).toBe(0);
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalCdf(0)).toBe(0.5);
  });

  it('agrees with the chi-squared tail: 2·P(Z ≥ |z|) = chi2.sf(z², 1), and is symmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 37, noNaN: true }), (z) => {
        expectRelative(2 * normalSurvival(Math.abs(z)), chiSquaredSurvival(z * z, 1), 1e-12);
        expect(Math.abs(normalSurvival(z) + normalCdf(z) - 1)).toBeLessThanOrEqual(2e-16);
      }),
    );
  });
});
