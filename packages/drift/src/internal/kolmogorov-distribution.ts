/**
 * The exact distribution of the two-sided one-sample Kolmogorov–Smirnov statistic
 * D_n = sup_x |F_n(x) - F(x)|, ported from scipy 1.10 (`scipy.stats.kstwo`, which calls
 * `_kolmogn` in scipy/stats/_ksstats.py, which in turn calls `scipy.special.smirnov` from
 * scipy/special/cephes/kolmogorov.c).
 *
 * `_kolmogn` follows Simard & L'Ecuyer (2011) in choosing among Ruben–Gambino closed forms,
 * the Durbin matrix (Marsaglia–Tsang–Wang), the Pomeranz recursion, the Pelz–Good asymptotic
 * series and twice the one-sided Smirnov probability. The thresholds that pick the algorithm are
 * kept exactly as scipy has them, because `ks_2samp(method='asymp')` p-values depend on which
 * branch ran, not only on the mathematics.
 *
 * The one-sided Smirnov distribution and the double-double arithmetic it needs live here too:
 * nothing else in the package uses them, and they are only correct as a unit. One departure from
 * the port: for n ≥ 1000 the Smirnov sum, O(n) terms in cephes, is evaluated by quadrature in time
 * independent of n, to within ~1e-13 relative of the term-by-term sum (see `smirnov`).
 */

/**
 * Which tail of the distribution to return.
 *
 * @example
 * ```ts
 * import type { KolmogorovTail } from './kolmogorov-distribution.js';
 * const tail: KolmogorovTail = 'survival';
 * ```
 */
export type KolmogorovTail = 'cdf' | 'survival';

/**
 * `scipy.stats.kstwo.sf(distance, sampleSize)` (or `.cdf` with `tail: 'cdf'`): the probability
 * that D_n exceeds `distance` for `sampleSize` draws from a continuous distribution.
 *
 * Matches scipy's distribution-level edge cases: a `sampleSize` that is not an integer ≥ 1 gives
 * NaN, a `distance` at or below the support's lower end 0.5/n gives survival 1, and a `distance`
 * at or above 1 gives survival 0.
 *
 * @example
 * ```ts
 * import { kolmogorovDistribution } from './kolmogorov-distribution.js';
 * kolmogorovDistribution(500, 0.033); // ≈ 0.6352, scipy.stats.kstwo.sf(0.033, 500)
 * kolmogorovDistribution(500, 0.033, 'cdf'); // ≈ 0.3648
 * ```
 */
export function kolmogorovDistribution(
  sampleSize: number,
  distance: number,
  tail: KolmogorovTail = 'survival',
): number {
  const cdf = tail === 'cdf';
  // rv_continuous.sf/cdf: a bad shape parameter or a NaN argument gives NaN.
  if (!(sampleSize >= 1) || sampleSize !== Math.round(sampleSize) || Number.isNaN(distance)) return Number.NaN;
  // Outside the open support (0.5/n, 1) rv_continuous answers without calling _sf/_cdf.
  if (distance <= 0.5 / sampleSize) return cdf ? 0 : 1;
  if (distance >= 1) return cdf ? 1 : 0;
  return kolmogn(sampleSize, distance, cdf);
}

// ---------------------------------------------------------------------------------------------
// scipy/stats/_ksstats.py
// ---------------------------------------------------------------------------------------------

const exponentStep = 128;
const twoToThe128 = 2 ** 128;
const twoToTheMinus128 = 2 ** -128;
const sqrtTwoPi = Math.sqrt(2 * Math.PI);
const logTwoPi = Math.log(2 * Math.PI);
const minimumLog = -708;
const sqrtThree = Math.sqrt(3);
const piSquared = Math.PI ** 2;
const piFourth = Math.PI ** 4;
const piSixth = Math.PI ** 6;

// Stirling coefficients B_{2j}/(2j)/(2j-1) for j = 8, ..., 1, highest power first (np.polyval order).
const stirlingCoefficients = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

function clipProbability(probability: number): number {
  // np.clip keeps NaN.
  return probability < 0 ? 0 : probability > 1 ? 1 : probability;
}

function selectAndClip(cdfProbability: number, survivalProbability: number, cdf: boolean): number {
  return clipProbability(cdf ? cdfProbability : survivalProbability);
}

/** ln Γ(z + 1) − (z·ln z − z + ln(2πz)/2), by Stirling's series: good to ~1e-17 for z ≥ 10. */
function stirlingCorrection(z: number): number {
  const reciprocal = 1.0 / z;
  const argument = reciprocal / z;
  let polynomial = 0;
  for (const coefficient of stirlingCoefficients) polynomial = polynomial * argument + coefficient;
  return reciprocal * polynomial;
}

/** log(n! / n^n) by Stirling's series, with n·log(n) removed up front to avoid cancellation. */
function logFactorialOverPower(n: number): number {
  return Math.log(n) / 2 - n + logTwoPi / 2 + stirlingCorrection(n);
}

/** `_kolmogn(n, x, cdf)`. */
function kolmogn(n: number, x: number, cdf: boolean): number {
  if (x >= 1.0) return selectAndClip(1.0, 0.0, cdf);
  if (x <= 0.0) return selectAndClip(0.0, 1.0, cdf);
  const t = n * x;
  if (t <= 1.0) {
    // Ruben–Gambino: 1/2n <= x <= 1/n
    if (t <= 0.5) return selectAndClip(0.0, 1.0, cdf);
    let probability: number;
    if (n <= 140) {
      const reciprocal = 1.0 / n;
      const factor = 2 * t - 1;
      probability = 1;
      for (let index = 1; index <= n; index++) probability *= index * reciprocal * factor;
    } else {
      probability = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return selectAndClip(probability, 1.0 - probability, cdf);
  }
  if (t >= n - 1) {
    // Ruben–Gambino
    const probability = 2 * (1.0 - x) ** n;
    return selectAndClip(1 - probability, probability, cdf);
  }
  if (x >= 0.5) {
    // Exact: 2 * smirnov
    const probability = 2 * smirnov(n, x);
    return selectAndClip(1.0 - probability, probability, cdf);
  }

  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) {
      const probability = durbinMatrixCdf(n, x);
      return selectAndClip(probability, 1.0 - probability, cdf);
    }
    if (nxSquared <= 4) {
      const probability = pomeranzCdf(n, x);
      return selectAndClip(probability, 1.0 - probability, cdf);
    }
    const probability = 2 * smirnov(n, x);
    return selectAndClip(1.0 - probability, probability, cdf);
  }

  // The CDF and the survival function have different cut-offs on n·x².
  if (!cdf) {
    if (nxSquared >= 370.0) return 0.0;
    if (nxSquared >= 2.2) return clipProbability(2 * smirnov(n, x));
    // Fall through and compute the survival function as 1 - CDF.
  }
  let cdfProbability: number;
  if (nxSquared >= 18.0) cdfProbability = 1.0;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfProbability = durbinMatrixCdf(n, x);
  else cdfProbability = pelzGoodCdf(n, x);
  return selectAndClip(cdfProbability, 1.0 - cdfProbability, cdf);
}

function multiplySquare(left: Float64Array, right: Float64Array, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    const rowOffset = row * size;
    for (let inner = 0; inner < size; inner++) {
      const factor = left[rowOffset + inner]!;
      if (factor === 0) continue;
      const innerOffset = inner * size;
      for (let column = 0; column < size; column++) {
        product[rowOffset + column]! += factor * right[innerOffset + column]!;
      }
    }
  }
  return product;
}

/** `_kolmogn_DMTW`: Pr(D_n <= d) by the Marsaglia–Tsang–Wang form of Durbin's matrix algorithm. */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1.0) return 1.0;
  const nd = n * d;
  if (nd <= 0.5) return 0.0;
  // Write d = (k - h)/n with k a positive integer and 0 <= h < 1; H is m×m with m = 2k - 1.
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v[j] = (1 - h^(j+1)) / (j+1)!  (except v[m-1]), w[j] = 1/j!
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorialReciprocal = 1.0;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1.0 - h ** j;
    w[j - 1] = factorialReciprocal;
    factorialReciprocal /= j; // may underflow, harmlessly
    v[j - 1]! *= factorialReciprocal;
  }
  const tt = Math.max(2 * h - 1.0, 0) ** m - 2 * h ** m;
  v[m - 1] = (1.0 + tt) * factorialReciprocal;

  let matrix: Float64Array = new Float64Array(m * m);
  for (let column = 1; column < m; column++) {
    for (let row = column - 1; row < m; row++) matrix[row * m + column] = w[row - column + 1]!;
  }
  for (let row = 0; row < m; row++) matrix[row * m] = v[row]!;
  for (let column = 0; column < m; column++) matrix[(m - 1) * m + column] = v[m - 1 - column]!;

  let power: Float64Array = new Float64Array(m * m);
  for (let index = 0; index < m; index++) power[index * m + index] = 1;
  let remaining = n;
  let exponent = 0; // scaling of `power`
  let matrixExponent = 0; // scaling of `matrix`
  const diagonal = (k - 1) * m + (k - 1);
  while (remaining > 0) {
    if (remaining % 2) {
      power = multiplySquare(power, matrix, m);
      exponent += matrixExponent;
    }
    matrix = multiplySquare(matrix, matrix, m);
    matrixExponent *= 2;
    if (Math.abs(matrix[diagonal]!) > twoToThe128) {
      for (let index = 0; index < matrix.length; index++) matrix[index]! /= twoToThe128;
      matrixExponent += exponentStep;
    }
    remaining = Math.floor(remaining / 2);
  }

  let probability = power[diagonal]!;
  // Multiply by n!/n^n.
  for (let index = 1; index <= n; index++) {
    probability = (index * probability) / n;
    if (Math.abs(probability) < twoToTheMinus128) {
      probability *= twoToThe128;
      exponent -= exponentStep;
    }
  }
  if (exponent !== 0) probability = ldexp(probability, exponent);
  return clipProbability(probability);
}

/** `_pomeranz_compute_j1j2`: the end points of the non-zero interval of row i. */
function pomeranzInterval(i: number, n: number, ll: number, ceilF: number, roundF: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilF - 1;
    j2 = ll + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      // i is odd
      if (half === n + 1) {
        j1 = n - ll - ceilF - 1;
        j2 = n + ll + ceilF - 1;
      } else {
        j1 = half - 1 - ll - roundF - 1;
        j2 = half + ll - 1 + ceilF - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** `_kolmogn_Pomeranz`: Pr(D_n <= x) by the Pomeranz (1974) recursion. */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = 1.0 * (t - ll); // fractional part of t
  const g = Math.min(f, 1.0 - f);
  const ceilF = f > 0 ? 1 : 0;
  const roundF = f > 0.5 ? 1 : 0;
  const powerCount = 2 * (ll + 1); // the most powers any convolution needs
  // (g/n)^m/m!, (2g/n)^m/m!, ((1-2g)/n)^m/m!: Poisson probabilities without their normaliser.
  const gPower = new Float64Array(powerCount);
  const twoGPower = new Float64Array(powerCount);
  const oneMinusTwoGPower = new Float64Array(powerCount);
  gPower[0] = 1.0;
  twoGPower[0] = 1.0;
  oneMinusTwoGPower[0] = 1.0;
  let exponent = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let power = 1; power < powerCount; power++) {
    gPower[power] = (gPower[power - 1]! * gOverN) / power;
    twoGPower[power] = (twoGPower[power - 1]! * twoGOverN) / power;
    oneMinusTwoGPower[power] = (oneMinusTwoGPower[power - 1]! * oneMinusTwoGOverN) / power;
  }

  // Only two rows of the n × (2n+2) matrix are alive at a time, and only a contiguous window
  // of each is non-zero; rowStart tracks where each window starts.
  let previous = new Float64Array(powerCount);
  let current = new Float64Array(powerCount);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;

  let [j1, j2] = pomeranzInterval(0, n, ll, ceilF, roundF);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    const swapRow = previous;
    previous = current;
    current = swapRow;
    const swapStart = previousStart;
    previousStart = currentStart;
    currentStart = swapStart;
    current.fill(0.0);
    [j1, j2] = pomeranzInterval(i, n, ll, ceilF, roundF);
    const powers = i === 1 || i === 2 * n + 1 ? gPower : i % 2 ? twoGPower : oneMinusTwoGPower;
    const length = j2 - k1 + 1;
    if (length > 0) {
      // np.convolve(previous[k1 - previousStart : ... + length], powers[:length]), keeping only
      // the entries [j1 - k1, j2 - k1 + 1). Slices past the end are shorter, as in numpy.
      const sliceStart = Math.max(k1 - previousStart, 0);
      const sliceEnd = Math.min(k1 - previousStart + length, powerCount);
      const leftLength = Math.max(sliceEnd - sliceStart, 0);
      const rightLength = Math.min(length, powerCount);
      const convolutionStart = j1 - k1;
      const convolutionLength = j2 - j1 + 1;
      const fullLength = leftLength + rightLength - 1;
      let largest = 0;
      for (let out = 0; out < convolutionLength; out++) {
        const position = convolutionStart + out;
        if (position >= fullLength || out >= powerCount) break;
        let sum = 0;
        const first = Math.max(0, position - rightLength + 1);
        const last = Math.min(position, leftLength - 1);
        for (let p = first; p <= last; p++) sum += previous[sliceStart + p]! * powers[position - p]!;
        current[out] = sum;
        if (sum > largest) largest = sum;
      }
      // Rescale to avoid underflow.
      if (largest > 0 && largest < twoToTheMinus128) {
        for (let index = 0; index < powerCount; index++) current[index]! *= twoToThe128;
        exponent -= exponentStep;
      }
      currentStart = previousStart + j1 - k1;
    }
  }

  // Multiply by n!.
  let answer = current[n - currentStart]!;
  for (let factor = 1; factor <= n; factor++) {
    if (Math.abs(answer) > twoToThe128) {
      answer *= twoToTheMinus128;
      exponent += exponentStep;
    }
    answer *= factor;
  }
  if (exponent !== 0) answer = ldexp(answer, exponent);
  return clipProbability(answer);
}

/**
 * `_kolmogn_PelzGood`: the Li-Chien/Korolyuk expansion
 * Pr(D_n <= x) ≈ K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5 with z = x√n, each K transformed by
 * Pelz & Good (1976) into a series that converges fast for small z.
 */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const z = Math.sqrt(n) * x;
  const zSquared = z ** 2;
  const zThree = z ** 3;
  const zFour = z ** 4;
  const zSix = z ** 6;

  const qLog = -piSquared / 8 / zSquared;
  if (qLog < minimumLog) return 0.0; // z ~ 0.041743441416853426

  let q = Math.exp(qLog);

  // Coefficients of the terms in the sums for K1, K2 and K3.
  const k1a = -zSquared;
  const k1b = piSquared / 4;
  const k2a = 6 * zSix + 2 * zFour;
  const k2b = ((2 * zFour - 5 * zSquared) * piSquared) / 4;
  const k2c = (piFourth * (1 - 2 * zSquared)) / 16;
  const k3d = (piSixth * (5 - 30 * zSquared)) / 64;
  const k3c = (piFourth * (-60 * zSquared + 212 * zFour)) / 16;
  const k3b = (piSquared * (135 * zFour - 96 * zSix)) / 4;
  const k3a = -30 * zSix - 90 * z ** 8;

  // Horner scheme for sum c_i q^(i^2), which reduces to a sum over odd integers.
  let k0 = 0;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const mSquared = m ** 2;
    const mFour = m ** 4;
    const mSix = m ** 6;
    const qPower = q ** (8 * k);
    k0 = k0 * qPower + 1.0;
    k1 = k1 * qPower + (k1a + k1b * mSquared);
    k2 = k2 * qPower + (k2a + k2b * mSquared + k2c * mFour);
    k3 = k3 * qPower + (k3a + k3b * mSquared + k3c * mFour + k3d * mSix);
  }
  k0 = ((k0 * q) * sqrtTwoPi) / z;
  k1 = ((k1 * q) * sqrtTwoPi) / (6 * zFour);
  k2 = ((k2 * q) * sqrtTwoPi) / (72 * z ** 7);
  k3 = ((k3 * q) * sqrtTwoPi) / (6480 * z ** 10);

  // The sums over all integers k:
  //   K2: (pi^2 k^2) q^(k^2),  K3: (3 pi^2 k^2 z^2 - pi^4 k^4) q^(k^2)
  q = Math.exp(-piSquared / 2 / zSquared);
  const sqrtThreeZ = sqrtThree * z;
  let k2Extra = 0;
  let k3Extra = 0;
  for (let k = maxK; k > 0; k--) {
    const kSquared = k ** 2;
    const kPi = Math.PI * k;
    const qPower = q ** kSquared;
    k2Extra += kSquared * qPower;
    k3Extra += (sqrtThreeZ + kPi) * (sqrtThreeZ - kPi) * kSquared * qPower;
  }
  k2 += k2Extra * ((piSquared * sqrtTwoPi) / (-36 * zThree));
  k3 += k3Extra * ((piSquared * sqrtTwoPi) / (216 * zSix));
  k1 /= n ** 0.5;
  k2 /= n ** 1.0;
  k3 /= n ** 1.5;
  return k0 + k1 + k2 + k3;
}

// ---------------------------------------------------------------------------------------------
// scipy/special/cephes/kolmogorov.c: smirnov(n, x), the one-sided statistic's survival function
// ---------------------------------------------------------------------------------------------

const doubleEpsilon = 2 ** -52;
/** cephes MINLOG = log(2^-1022) */
const cephesMinimumLog = -7.08396418532264106224e2;
/** n above this is approximated rather than summed. */
const smirnovMaxComputeN = 1000000;
/** Use the upper sum only with at most this many terms, and only for n at least SM_UPPERSUM_MIN_N. */
const smirnovUpperMaxTerms = 3;
const smirnovUpperSumMinN = 10;
/** Below 1023 - 52 so that both halves of a double-double stay normal. */
const maxScaledExponent = 960;

/** A double-double number hi + lo with |lo| <= ulp(hi)/2 (dd_real.h `double2`). */
interface DoubleDouble {
  hi: number;
  lo: number;
}

const ddOne: DoubleDouble = { hi: 1, lo: 0 };
const ddZero: DoubleDouble = { hi: 0, lo: 0 };

const splitter = 134217729.0; // 2^27 + 1
const splitThreshold = 6.69692879491417e299; // 2^996

const bits = new Float64Array(1);
const bitWords = new Uint32Array(bits.buffer);
const highWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** C `frexp` mantissa: value = mantissa · 2^exponent with 0.5 <= |mantissa| < 1; the exponent goes to {@link frexpExponent}. */
function frexp(value: number): number {
  if (value === 0 || !Number.isFinite(value)) {
    frexpExponent = 0;
    return value;
  }
  bits[0] = value;
  let biased = (bitWords[highWord]! >>> 20) & 0x7ff;
  let correction = 0;
  if (biased === 0) {
    // Subnormal: scale into the normal range first.
    bits[0] = value * 2 ** 64;
    biased = (bitWords[highWord]! >>> 20) & 0x7ff;
    correction = -64;
  }
  frexpExponent = biased - 1022 + correction;
  bitWords[highWord] = (bitWords[highWord]! & 0x800fffff) | (1022 << 20);
  return bits[0]!;
}
// A second return value without allocating: smirnov calls frexp hundreds of thousands of times.
let frexpExponent = 0;

/** 2^e for every e with a normal 2^e, so that ldexp is one multiplication in the common case. */
const powersOfTwo = (() => {
  const table = new Float64Array(2046);
  for (let exponent = -1022; exponent <= 1023; exponent++) table[exponent + 1022] = 2 ** exponent;
  return table;
})();

/** C `ldexp`: value · 2^exponent, rounded once. */
function ldexp(value: number, exponent: number): number {
  if (exponent >= -1022 && exponent <= 1023) return value * powersOfTwo[exponent + 1022]!;
  let result = value;
  let remaining = exponent;
  while (remaining > 1023) {
    result *= 2 ** 1023;
    remaining -= 1023;
    if (!Number.isFinite(result)) return result;
  }
  while (remaining < -1022) {
    if (result === 0) return result;
    // Stop before a subnormal intermediate so only the last step can round.
    if (remaining >= -1022 - 52 || Math.abs(result) < 1) break;
    result *= 2 ** -1022;
    remaining += 1022;
  }
  if (remaining < -1022) return result * 2 ** (remaining + 1074) * 2 ** -1074;
  return result * 2 ** remaining;
}

function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const c = s - a;
  const d = b - c;
  const e = s - c;
  return { hi: s, lo: a - e + d };
}

function twoDiff(a: number, b: number): DoubleDouble {
  const s = a - b;
  const c = s - a;
  const d = b + c;
  const e = s - c;
  return { hi: s, lo: a - e - d };
}

function splitHigh(a: number): number {
  if (a > splitThreshold || a < -splitThreshold) {
    const scaled = a * 3.7252902984619140625e-9; // 2^-28
    const temp = splitter * scaled;
    return (temp - (temp - scaled)) * 268435456.0; // 2^28
  }
  const temp = splitter * a;
  return temp - (temp - a);
}

function twoProduct(a: number, b: number): DoubleDouble {
  const p = a * b;
  const aHigh = splitHigh(a);
  const aLow = a - aHigh;
  const bHigh = splitHigh(b);
  const bLow = b - bHigh;
  const c = aHigh * bHigh - p;
  const d = c + aHigh * bLow + aLow * bHigh;
  return { hi: p, lo: d + aLow * bLow };
}

function ddAdd(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  // IEEE-style error bound (Briggs–Kahan).
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const u = quickTwoSum(s.hi, s.lo + t.hi);
  return quickTwoSum(u.hi, u.lo + t.lo);
}

function ddSub(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  return ddAdd(a, { hi: -b.hi, lo: -b.lo });
}

function ddAddDouble(a: DoubleDouble, b: number): DoubleDouble {
  const s = twoSum(a.hi, b);
  return quickTwoSum(s.hi, s.lo + a.lo);
}

function ddSubDouble(a: DoubleDouble, b: number): DoubleDouble {
  const s = twoSum(a.hi, -b);
  return quickTwoSum(s.hi, s.lo + a.lo);
}

function ddMul(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const p = twoProduct(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

function ddMulDouble(a: DoubleDouble, b: number): DoubleDouble {
  const p1 = twoProduct(a.hi, b);
  const p2 = twoProduct(a.lo, b);
  return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
}

function ddDiv(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  // dd_accurate_div
  const q1 = a.hi / b.hi;
  let r = ddSub(a, ddMulDouble(b, q1));
  const q2 = r.hi / b.hi;
  r = ddSub(r, ddMulDouble(b, q2));
  const q3 = r.hi / b.hi;
  return ddAddDouble(quickTwoSum(q1, q2), q3);
}

function fromDouble(value: number): DoubleDouble {
  return { hi: value, lo: 0 };
}

function ddFloor(a: DoubleDouble): DoubleDouble {
  const hi = Math.floor(a.hi);
  if (hi === a.hi) return quickTwoSum(hi, Math.floor(a.lo));
  return { hi, lo: 0 };
}

function ddLdexp(a: DoubleDouble, exponent: number): DoubleDouble {
  return { hi: ldexp(a.hi, exponent), lo: ldexp(a.lo, exponent) };
}

/** dd_frexp: 0.5 <= |hi| < 1, or |hi| == 1 with hi·lo < 0. */
function ddFrexp(a: DoubleDouble): { mantissa: DoubleDouble; exponent: number } {
  let hi = frexp(a.hi);
  const exponent = frexpExponent;
  let lo = ldexp(a.lo, -exponent);
  let resultExponent = exponent;
  if (Math.abs(hi) === 0.5 && hi * lo < 0) {
    hi *= 2;
    lo *= 2;
    resultExponent -= 1;
  }
  return { mantissa: { hi, lo }, exponent: resultExponent };
}

/** a^m in double-double, trading accuracy for time as cephes does (`pow_D`). */
function ddPower(a: DoubleDouble, m: number): DoubleDouble {
  if (m <= 0) {
    if (m === 0) return ddOne;
    return ddDiv(ddOne, ddPower(a, -m));
  }
  if (a.hi === 0) return ddZero;
  const answer = a.hi ** m;
  const ratio = a.lo / a.hi;
  let adjustment = m * ratio;
  if (Math.abs(adjustment) > 1e-8) {
    if (Math.abs(adjustment) < 1e-4) {
      // First two terms of the Taylor series of (1 + r)^m.
      adjustment += m * ratio * (((m - 1) / 2.0) * ratio);
    } else {
      adjustment = Math.expm1(m * Math.log1p(ratio));
    }
  }
  return twoSum(answer, answer * adjustment);
}

/** `nextPowerOf2` from kolmogorov.c (despite the name, x nudged up by one ulp and truncated when integral). */
function nextPowerOf2(x: number): number {
  const q = ldexp(x, 1 - 53);
  let result = Math.abs(q + x);
  if (result === 0) {
    result = Math.abs(x);
  } else {
    const integer = Math.trunc(result);
    if (integer === result) result = integer;
  }
  return result;
}

/** a^m as (significand, exponent) so that huge and tiny powers keep their precision (`pow2Scaled_D`). */
function ddPowerScaled(a: DoubleDouble, m: number): { mantissa: DoubleDouble; exponent: number } {
  if (m <= 0) {
    if (m === 0) return { mantissa: ddOne, exponent: 0 };
    const inverse = ddPowerScaled(a, -m);
    const scaled = ddFrexp(ddDiv(ddOne, inverse.mantissa));
    return { mantissa: scaled.mantissa, exponent: -inverse.exponent + scaled.exponent };
  }
  const { mantissa: y, exponent: yExponent } = ddFrexp(a);
  if (m === 1) return { mantissa: y, exponent: yExponent };
  let maxExponent = maxScaledExponent;
  // Quick check whether the exponentiation has to be broken up.
  if ((m * (y.hi - 1)) / y.hi < -maxScaledExponent * Math.LN2) {
    const log2Y = Math.log(y.hi) / Math.LN2;
    const log2Answer = m * log2Y;
    if (log2Answer <= -maxScaledExponent) {
      maxExponent = Math.trunc(nextPowerOf2(-maxScaledExponent / log2Y + 1) / 2);
    }
  }
  if (m <= maxExponent) {
    const scaled = ddFrexp(ddPower(y, m));
    return { mantissa: scaled.mantissa, exponent: scaled.exponent + m * yExponent };
  }
  const quotient = Math.trunc(m / maxExponent);
  const remainder = m % maxExponent;
  // y^m = (y^maxExponent)^quotient * y^remainder
  const yToRemainder = ddPowerScaled(y, remainder);
  const yToMax = ddPowerScaled(y, maxExponent);
  const yToMaxToQuotient = ddPowerScaled(yToMax.mantissa, quotient);
  const scaled = ddFrexp(ddMul(yToRemainder.mantissa, yToMaxToQuotient.mantissa));
  const powerExponent = yToMaxToQuotient.exponent + yToMax.exponent * quotient;
  return {
    mantissa: scaled.mantissa,
    exponent: scaled.exponent + powerExponent + yToRemainder.exponent + m * yExponent,
  };
}

/** ((a + b) / (c + d))^m (`pow4_D`). */
function ddPowerOfRatio(a: number, b: number, c: number, d: number, m: number): DoubleDouble {
  if (m <= 0) {
    if (m === 0) return ddOne;
    return ddPowerOfRatio(c, d, a, b, -m);
  }
  const numerator = twoSum(a, b);
  const denominator = twoSum(c, d);
  if (numerator.hi === 0) return denominator.hi === 0 ? { hi: Number.NaN, lo: Number.NaN } : ddZero;
  if (denominator.hi === 0) return numerator.hi < 0 ? fromDouble(-Infinity) : fromDouble(Infinity);
  return ddPower(ddDiv(numerator, denominator), m);
}

/**
 * `smirnov(n, x)`: Pr(D_n^+ >= x) for the one-sided statistic (scipy.special.smirnov). Identical
 * to {@link smirnovTermByTerm} except that, for n ≥ 1000, the lower Birnbaum–Tingey sum is
 * evaluated by {@link smirnovLogLowerSumByQuadrature} in O(1) time rather than term by term in O(n):
 * the term-by-term sum takes 0.3–2.5 s at n = 10^5…10^6, which is what ksTest's p-value costs
 * for samples of a million rows.
 *
 * @example
 * ```ts
 * import { smirnov } from './kolmogorov-distribution.js';
 * smirnov(500000, 0.002); // ≈ 0.0183, scipy.special.smirnov(500000, 0.002)
 * ```
 */
export function smirnov(n: number, x: number): number {
  return smirnovSeries(n, x, true);
}

/**
 * The faithful port of cephes `smirnov(n, x)` (scipy/special/cephes/kolmogorov.c): the
 * Smirnov/Birnbaum–Tingey sum evaluated term by term in double-double with a separately tracked
 * binomial exponent (van Mulbregt 2018). O(n) double-double operations; exported only so that the
 * tests can hold {@link smirnov} to it.
 *
 * @example
 * ```ts
 * import { smirnovTermByTerm } from './kolmogorov-distribution.js';
 * smirnovTermByTerm(1000, 0.06); // ≈ 7.143e-4, scipy.special.smirnov(1000, 0.06)
 * ```
 */
export function smirnovTermByTerm(n: number, x: number): number {
  return smirnovSeries(n, x, false);
}

/** n from which {@link smirnov} sums by quadrature; below it the exact sum costs ≤ ~1 ms (≤ ~1.2 µs a term). */
const smirnovQuadratureMinN = 1000;

function smirnovSeries(n: number, x: number, allowQuadrature: boolean): number {
  if (!(n > 0 && x >= 0.0 && x <= 1.0)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0.0) return 1.0;
  if (x === 1.0) return 0.0;

  // floor(n·x) and the remainder, exactly (modNX).
  const nxExact = twoProduct(n, x);
  const nxFloorExact = ddFloor(nxExact);
  let alpha = ddSub(nxExact, nxFloorExact).hi;
  let nxFloor = Math.trunc(nxFloorExact.hi);
  if (alpha === 1) {
    nxFloor += 1;
    alpha = 0;
  }

  let n1mxFloor = n - nxFloor - (alpha === 0 ? 0 : 1);
  let n1mxCeil = n - nxFloor;
  // With alpha 0 the last term belongs in neither the lower nor the upper sum.
  if (alpha === 0) {
    n1mxFloor -= 1;
    n1mxCeil += 1;
  }

  // Special case: x <= 1/n
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    const t = ddPower(twoSum(1, x), n - 1).hi;
    return clipProbability(1 - x * t);
  }
  // Special case: x so big that the survival function underflows.
  if (-2 * n * x * x < cephesMinimumLog) return 0;
  // Special case: x >= 1 - 1/n
  if (nxFloor >= n - 1) return ddPower(twoSum(1, -x), n).hi;
  // Special case: n too big to sum; p ~ e^(-(6nx+1)^2 / 18n)
  if (n > smirnovMaxComputeN) {
    const logP = -((6.0 * n * x + 1) ** 2) / 18.0 / n;
    if (logP < -Math.LN2) return clipProbability(Math.exp(logP));
    return clipProbability(1 - -Math.expm1(logP));
  }
  // The upper sum loses about 1.6 bits per term, so use it only when it has very few terms.
  const upperTermCount = n - n1mxCeil + 1;
  let useUpperSum = upperTermCount <= 1 && x < 0.5;
  useUpperSum =
    useUpperSum ||
    (n >= smirnovUpperSumMinN && upperTermCount <= smirnovUpperMaxTerms && x <= 0.5 / Math.sqrt(n));

  if (allowQuadrature && !useUpperSum && n >= smirnovQuadratureMinN) {
    return clipProbability(Math.exp(Math.log(x) + smirnovLogLowerSumByQuadrature(n, x, n1mxFloor)));
  }

  let start = 0;
  let step = 1;
  let termCount = n1mxFloor + 1;
  const middle = Math.trunc(n / 2);
  let binomialMantissa = ddOne;
  let binomialExponent = 0;
  let term: DoubleDouble;
  let termSum = ddZero;

  if (useUpperSum) {
    start = n;
    step = -1;
    termCount = n - n1mxCeil + 1;
    term = ddPowerOfRatio(1, x, 1, 0, n - 1);
  } else {
    const t2 = ddPowerOfRatio(1, -x, 1, 0, n);
    term = ddDiv(t2, fromDouble(x));
  }
  termSum = ddAdd(termSum, term);

  const updateBinomial = (j: number): void => {
    const ratio = ddDiv(fromDouble(n - j), fromDouble(j + 1.0));
    const scaled = ddFrexp(ddMul(binomialMantissa, ratio));
    binomialExponent += scaled.exponent;
    binomialMantissa = scaled.mantissa;
  };
  updateBinomial(0);

  for (let j = 1; j < termCount; j++) {
    const v = start + j * step;
    // A_v(n, x) = Binomial(n, v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1)
    const t2x = ddSubDouble(ddDiv(fromDouble(n - v), fromDouble(n)), x);
    const t2 = ddPowerScaled(t2x, n - v);
    const t1x = ddAddDouble(ddDiv(fromDouble(v), fromDouble(n)), x);
    const t1 = ddPowerScaled(t1x, v - 1);
    const product = ddMul(ddMul(t1.mantissa, t2.mantissa), binomialMantissa);
    term = ddLdexp(product, binomialExponent + t1.exponent + t2.exponent);

    if (Number.isFinite(term.hi) && term.hi !== 0) termSum = ddAdd(termSum, term);
    // Safe to stop early?
    if (term.hi !== 0) {
      if (4 * (termCount - j) * Math.abs(term.hi) < doubleEpsilon * termSum.hi && j !== termCount - 1) break;
    } else if (j > middle) {
      break;
    }
    updateBinomial(j);
  }

  const probability = ddMulDoubleLeft(x, termSum).hi;
  const survival = step < 0 ? 1 - probability : probability;
  return clipProbability(survival);
}

/** dd_mul_d_dd: double × double-double. */
function ddMulDoubleLeft(a: number, b: DoubleDouble): DoubleDouble {
  const p1 = twoProduct(a, b.hi);
  const p2 = twoProduct(a, b.lo);
  return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
}

// ---------------------------------------------------------------------------------------------
// The lower Smirnov sum by quadrature, for large n
// ---------------------------------------------------------------------------------------------
//
// smirnov(n, x) = x · Σ_{j=0}^{J} A_j with A_j = C(n, j) p^(j-1) q^(n-j), p = x + j/n, q = 1 - p,
// J = n1mxFloor. A_j/n is a binomial probability evaluated a distance n·x from its mean, so on the
// branch kolmogn uses it for (2.2 ≤ n·x² < 370) A_j ≈ exp(-n·x² / (2p(1-p))) / √(2πn·p(1-p)) / p:
// an O(1)-varying function of j/n. Its non-negligible window therefore spans Θ(n) terms (25–98 % of
// them, measured), so merely skipping negligible terms cannot make the sum fast. What does is that
// A_j, continued to real j through Γ, is analytic and varies on a scale of ≥ √(n·x) ≫ 1 terms:
// the sum is then the step-1 trapezoid rule for ∫A, and the trapezoid rule with step h converges
// to the same integral geometrically fast in 1/h (Trefethen & Weideman 2014, "The exponentially
// convergent trapezoidal rule"). So we sum A at every h-th integer, halving h until two successive
// estimates agree, which takes a few hundred to a few thousand cheap terms regardless of n.

/** Terms below exp(-50) of the largest contribute < 2e-16 of the sum even with 10^6 of them. */
const negligibleLogTermDrop = 50;
/**
 * Stop halving once two successive refinements each change the estimate by less than this. With
 * geometric convergence the error is then far smaller still (measured: ≤ 2.3e-13 overall, which is
 * the error of the log-terms); asking twice guards against a chance agreement.
 */
const quadratureTolerance = 1e-12;
const quadratureAgreementsNeeded = 2;
/** The coarsest step still puts at least this many points across the window. */
const quadratureMinimumPoints = 32;

/** Stirling's correction for any z > 0: below 10, shift up by ln Γ(z + 1) = ln Γ(z + 11) − Σ ln(z + i). */
function stirlingCorrectionAnywhere(z: number): number {
  if (z >= 10) return stirlingCorrection(z);
  const shifted = z + 10;
  let logRising = 0;
  for (let i = 1; i <= 10; i++) logRising += Math.log(z + i);
  const logGammaShifted = shifted * Math.log(shifted) - shifted + Math.log(2 * Math.PI * shifted) / 2;
  const stirling = z * Math.log(z) - z + Math.log(2 * Math.PI * z) / 2;
  return logGammaShifted + stirlingCorrection(shifted) - logRising - stirling;
}

/**
 * ln(1 + u) − u without the cancellation near u = 0. With s = u/(2 + u), ln(1 + u) = 2·atanh(s)
 * and u = 2s/(1 - s), so ln(1 + u) − u = 2·(s³/3 + s⁵/5 + …) − 2s²/(1 − s), and |s| ≤ 1/3 on
 * -1/2 ≤ u ≤ 1 keeps both parts of the same size as the result (as scipy's `log1pmx` intends).
 */
function log1pMinusX(u: number): number {
  if (u < -0.5 || u > 1) return Math.log1p(u) - u;
  const s = u / (2 + u);
  const sSquared = s * s;
  let power = s * sSquared;
  let series = 0;
  for (let denominator = 3; ; denominator += 2) {
    const term = power / denominator;
    series += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(series)) break;
    power *= sSquared;
  }
  return 2 * series - (2 * sSquared) / (1 - s);
}

/**
 * ln A_t for real 0 ≤ t ≤ n(1 - x), written so that no large quantities cancel: with k = n − t,
 * m = n·x and Stirling's formula for the three factorials, the n·ln n-sized parts of ln C(n, t)
 * and the ±m parts of t·ln p and k·ln q cancel analytically, leaving
 *   t·(ln(1 + m/t) − m/t) + k·(ln(1 − m/k) + m/k) − ln p + ln(n / (2π t k))/2 + δ(n) − δ(t) − δ(k),
 * every piece of which is O(n·x²/p) at most. The absolute error is ~1e-13, i.e. relative in A_t.
 */
function smirnovLogTerm(n: number, x: number, m: number, logNCorrection: number, t: number): number {
  if (t === 0) return n * Math.log1p(-x) - Math.log(x); // A_0 = (1 - x)^n / x
  const k = n - t;
  const p = x + t / n;
  return (
    t * log1pMinusX(m / t) +
    k * log1pMinusX(-m / k) -
    Math.log(p) +
    Math.log(n / (2 * Math.PI * t * k)) / 2 +
    logNCorrection -
    stirlingCorrectionAnywhere(t) -
    stirlingCorrectionAnywhere(k)
  );
}

/**
 * ln Σ_{j=0}^{last} A_j for {@link smirnov}, by the trapezoid rule on the integers with step halving.
 * ~200–550 evaluations of {@link smirnovLogTerm} whatever n is (for n·x² ≥ 2.2); the relative
 * deviation from the term-by-term double-double sum is ≤ 2.3e-13 over n = 1000…10^6 (see the tests).
 */
function smirnovLogLowerSumByQuadrature(n: number, x: number, last: number): number {
  const m = n * x;
  const logNCorrection = stirlingCorrection(n);
  const logTerm = (t: number): number => smirnovLogTerm(n, x, m, logNCorrection, t);

  // The log-terms are unimodal in t; golden-section search for the peak. Only its height matters
  // (it sets the scale and the negligibility threshold), and that is flat near the top.
  const goldenRatio = (Math.sqrt(5) - 1) / 2;
  let low = 0;
  let high = last;
  let inner = high - goldenRatio * (high - low);
  let outer = low + goldenRatio * (high - low);
  let innerValue = logTerm(inner);
  let outerValue = logTerm(outer);
  while (high - low > 1) {
    if (innerValue < outerValue) {
      low = inner;
      inner = outer;
      innerValue = outerValue;
      outer = low + goldenRatio * (high - low);
      outerValue = logTerm(outer);
    } else {
      high = outer;
      outer = inner;
      outerValue = innerValue;
      inner = high - goldenRatio * (high - low);
      innerValue = logTerm(inner);
    }
  }
  const peak = innerValue > outerValue ? inner : outer;
  const logPeak = Math.max(innerValue, outerValue, logTerm(Math.round(peak)));
  const threshold = logPeak - negligibleLogTermDrop;

  // Bisect each flank for where the terms fall below the threshold for good.
  const crossing = (inside: number, outside: number): number => {
    if (logTerm(outside) >= threshold) return outside;
    while (Math.abs(outside - inside) > 1) {
      const middle = (inside + outside) / 2;
      if (logTerm(middle) >= threshold) inside = middle;
      else outside = middle;
    }
    return outside;
  };
  const first = Math.max(0, Math.floor(crossing(peak, 0)));
  const windowLast = Math.min(last, Math.ceil(crossing(peak, last)));

  // Trapezoid sums over t = first + i·step, relative to exp(logPeak); Neumaier-compensated.
  const sumFrom = (start: number, step: number): number => {
    let sum = 0;
    let compensation = 0;
    for (let t = start; t <= windowLast; t += step) {
      const term = Math.exp(logTerm(t) - logPeak);
      const total = sum + term;
      compensation += Math.abs(sum) >= term ? sum - total + term : term - total + sum;
      sum = total;
    }
    return sum + compensation;
  };

  // A window that reaches t = 0 or t = last has a non-negligible end, where the trapezoid rule is
  // only first-order accurate: sum every term. That happens only for small n, where it is cheap.
  let step = 1;
  if (first > 0 && windowLast < last) {
    while (step * 2 * quadratureMinimumPoints <= windowLast - first) step *= 2;
  }
  // Without convergence this ends at step 1, the plain sum over the window: slow but still right.
  let pointSum = sumFrom(first, step);
  let estimate = step * pointSum;
  let agreements = 0;
  while (step > 1 && agreements < quadratureAgreementsNeeded) {
    const half = step / 2;
    pointSum += sumFrom(first + half, step);
    const refined = half * pointSum;
    agreements = Math.abs(refined - estimate) <= quadratureTolerance * refined ? agreements + 1 : 0;
    estimate = refined;
    step = half;
  }
  // In logs, because exp(logPeak) alone may underflow: smirnov goes down to ~1e-308.
  return logPeak + Math.log(estimate);
}
