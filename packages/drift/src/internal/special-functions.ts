/**
 * Special functions behind the p-values: log-gamma, the upper regularized incomplete gamma
 * function, and the chi-squared and normal tails built on it. Every tail is computed directly
 * (never as `1 − lower tail`) so that tiny p-values such as 1e-200 keep full relative accuracy.
 */

const halfLogTwoPi = 0.9189385332046728;
const sqrtTwoPi = 2.5066282746310007;
const eulerGamma = 0.5772156649015329;
const tiny = 1e-300;

/** Taylor coefficients of lnΓ(1 + ε) for ε², ε³, …: (−1)^k ζ(k) / k, from mpmath at 40 digits. */
const logGammaNearOne = [
  0.8224670334241132, -0.40068563438653143, 0.27058080842778454, -0.20738555102867398, 0.1695571769974082,
  -0.1440498967688461, 0.12550966952474304, -0.11133426586956469, 0.1000994575127818, -0.09095401714582904,
  0.083353840546109, -0.0769325164113522, 0.07143294629536133, -0.06666870588242046, 0.06250095514121304,
  -0.058823978658684585, 0.055555767627403614, -0.05263167937961666, 0.05000004769810169, -0.047619070330142226,
  0.04545455629320467, -0.04347826605304026, 0.04166666915034121, -0.04000000119214014, 0.03846153903467518,
];

/** B₂ₖ / (2k(2k − 1)) for k = 1…8: the coefficients of 1/x, 1/x³, … in Stirling's series. */
const stirlingCoefficients = [
  1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400,
];

/** lnΓ(1 + ε) for |ε| ≤ 0.2, accurate relative to its value even as it goes to zero. */
function logGammaOnePlus(epsilon: number): number {
  let sum = 0;
  for (let index = logGammaNearOne.length - 1; index >= 0; index--) sum = sum * epsilon + logGammaNearOne[index]!;
  return epsilon * (epsilon * sum - eulerGamma);
}

/**
 * The remainder of Stirling's series, lnΓ(x) − [(x − ½) ln x − x + ½ ln 2π], for x ≥ 10,
 * where the eight terms below leave an error under 2e-18.
 */
function stirlingCorrection(x: number): number {
  const inverseSquared = 1 / (x * x);
  let sum = 0;
  for (let index = stirlingCoefficients.length - 1; index >= 0; index--) {
    sum = sum * inverseSquared + stirlingCoefficients[index]!;
  }
  return sum / x;
}

/**
 * Natural logarithm of |Γ(x)|, like `scipy.special.gammaln`. Stirling's series for x ≥ 10,
 * the recurrence Γ(x + 1) = xΓ(x) below that, Taylor series around the roots at 1 and 2 so that
 * results near zero stay accurate in relative terms, and the reflection formula for x < 0.
 * Returns `Infinity` at 0 and the negative integers.
 *
 * @example
 * ```ts
 * import { logGamma } from './internal/special-functions.js';
 * logGamma(5); // ln 24 ≈ 3.1780538303479458
 * ```
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * (x - 2 * Math.floor(x / 2))))) - logGamma(1 - x);
  }
  if (x === 1 || x === 2) return 0;
  if (Math.abs(x - 1) <= 0.2) return logGammaOnePlus(x - 1);
  if (Math.abs(x - 2) <= 0.2) return Math.log1p(x - 2) + logGammaOnePlus(x - 2);
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + halfLogTwoPi + stirlingCorrection(x);
  let product = 1;
  let shifted = x;
  while (shifted < 10) product *= shifted++;
  return (shifted - 0.5) * Math.log(shifted) - shifted + halfLogTwoPi + stirlingCorrection(shifted) - Math.log(product);
}

/**
 * a · ln(a / x) + x − a, which is ≥ 0 and vanishes at x = a. Near x = a the naive formula loses
 * every digit to cancellation, so it sums ln((1 + v)/(1 − v)) with v = (a − x)/(a + x) instead
 * (Loader's `bd0`, as R uses for the Poisson density).
 */
function deviance(a: number, x: number): number {
  const difference = a - x;
  if (Math.abs(difference) < 0.1 * (a + x)) {
    const v = difference / (a + x);
    const vSquared = v * v;
    let sum = difference * v;
    let term = 2 * a * v;
    for (let power = 3; power < 2000; power += 2) {
      term *= vSquared;
      const next = sum + term / power;
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return a * Math.log(a / x) + x - a;
}

/**
 * x^a e^(−x) / Γ(a), the factor in front of both the series and the continued fraction.
 * For large a, `a ln x − x − lnΓ(a)` subtracts numbers near a ln a and loses relative accuracy
 * in proportion to a, so there it is rewritten as √(a/2π) · exp(−deviance(a, x) − stirling(a)).
 */
function gammaPrefix(a: number, x: number): number {
  if (a < 10) return Math.exp(a * Math.log(x) - x - logGamma(a));
  return Math.sqrt(a) * Math.exp(-deviance(a, x) - stirlingCorrection(a)) / sqrtTwoPi;
}

function iterationLimit(a: number): number {
  // Both expansions need O(√a) terms when x is near a.
  return 10_000 + Math.ceil(50 * Math.sqrt(a));
}

/** Σ xⁿ / (a(a+1)…(a+n)), so that P(a, x) = gammaPrefix(a, x) · sum. Converges fast for x < a + 1. */
function lowerGammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  const limit = iterationLimit(a);
  for (let step = 1; step < limit; step++) {
    term *= x / (a + step);
    sum += term;
    if (term < sum * Number.EPSILON) break;
  }
  return sum;
}

/**
 * The continued fraction 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …))),
 * evaluated with the modified Lentz algorithm, so that Q(a, x) = gammaPrefix(a, x) · fraction.
 * Converges fast for x ≥ a + 1.
 */
function upperGammaFraction(a: number, x: number): number {
  let denominatorTerm = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / denominatorTerm;
  let fraction = d;
  const limit = iterationLimit(a);
  for (let step = 1; step < limit; step++) {
    const numeratorTerm = -step * (step - a);
    denominatorTerm += 2;
    d = numeratorTerm * d + denominatorTerm;
    if (Math.abs(d) < tiny) d = tiny;
    c = denominatorTerm + numeratorTerm / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const change = d * c;
    fraction *= change;
    if (Math.abs(change - 1) < Number.EPSILON) break;
  }
  return fraction;
}

/**
 * The upper regularized incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), like
 * `scipy.special.gammaincc(a, x)`. Uses the series for P = 1 − Q when x < a + 1 (where Q is
 * not small) and the continued fraction for Q itself otherwise, so tiny results such as 1e-200
 * keep about 1e-13 relative accuracy. Returns NaN for a ≤ 0, x < 0 or NaN input.
 * For a below about 0.1, results between 0 and a + 1 lose relative accuracy in proportion to 1/Q.
 *
 * @example
 * ```ts
 * import { regularizedGammaQ } from './internal/special-functions.js';
 * regularizedGammaQ(1, 2); // e^(−2) ≈ 0.1353352832366127
 * ```
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || !(a > 0) || a === Number.POSITIVE_INFINITY || x < 0) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return Math.min(1, Math.max(0, 1 - gammaPrefix(a, x) * lowerGammaSeries(a, x)));
  return gammaPrefix(a, x) * upperGammaFraction(a, x);
}

/**
 * Upper tail P(X ≥ statistic) of the chi-squared distribution with `dof` degrees of freedom,
 * like `scipy.stats.chi2.sf(statistic, dof)`, equal to Q(dof / 2, statistic / 2).
 * Zero degrees of freedom means there was nothing to test, so the p-value is 1 (scipy gives NaN);
 * a statistic ≤ 0 also gives 1. Negative or NaN `dof` gives NaN.
 *
 * @example
 * ```ts
 * import { chiSquaredSurvival } from './internal/special-functions.js';
 * chiSquaredSurvival(3.841458820694124, 1); // ≈ 0.05
 * ```
 */
export function chiSquaredSurvival(statistic: number, dof: number): number {
  if (Number.isNaN(statistic) || Number.isNaN(dof) || dof < 0) return Number.NaN;
  if (dof === 0 || statistic <= 0) return 1;
  return regularizedGammaQ(dof / 2, statistic / 2);
}

/**
 * Upper tail P(Z ≥ z) of the standard normal distribution, like `scipy.stats.norm.sf(z)`,
 * with full relative accuracy far into the tail (about 1e-300 at z = 37).
 * It is ½ Q(½, z²/2) = ½ erfc(z/√2). In the continued-fraction region e^(−z²/2) is taken from an
 * exact split of z², because rounding z² alone would cost z²·1e-16 of relative accuracy.
 *
 * @example
 * ```ts
 * import { normalSurvival } from './internal/special-functions.js';
 * normalSurvival(1.959963984540054); // ≈ 0.025
 * ```
 */
export function normalSurvival(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 1 - normalSurvival(-z);
  // Beyond z ≈ 38.5 the tail is below the smallest subnormal double.
  if (z > 40) return 0;
  const x = (z * z) / 2;
  if (x < 1.5) return 0.5 - 0.5 * gammaPrefix(0.5, x) * lowerGammaSeries(0.5, x);
  // z = high + low with `high` holding 24 significant bits, so high² / 2 is exact in a double.
  const high = Math.fround(z);
  const low = z - high;
  const density = (Math.exp((-high * high) / 2) * Math.exp(-low * (high + low / 2))) / sqrtTwoPi;
  // Q(½, x) = e^(−x) √x / Γ(½) · fraction and √x / Γ(½) = z / √(2π).
  return 0.5 * density * z * upperGammaFraction(0.5, x);
}

/**
 * Cumulative distribution function P(Z ≤ z) of the standard normal distribution, like
 * `scipy.stats.norm.cdf(z)`, accurate in relative terms deep into the lower tail.
 *
 * @example
 * ```ts
 * import { normalCdf } from './internal/special-functions.js';
 * normalCdf(0); // 0.5
 * ```
 */
export function normalCdf(z: number): number {
  return normalSurvival(-z);
}
