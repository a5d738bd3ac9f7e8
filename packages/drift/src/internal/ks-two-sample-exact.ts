/**
 * The exact null distribution of the two-sided two-sample Kolmogorov–Smirnov statistic,
 * ported from scipy 1.10 (`_attempt_exact_2kssamp`, `_compute_prob_outside_square` and
 * `_compute_outer_prob_inside_method` in scipy/stats/_stats_py.py and _stats_pythran.py).
 * scipy's one-sided helper `_count_paths_outside_method` is not needed for two-sided tests.
 */
import { greatestCommonDivisor, roundHalfToEven } from './integer-arithmetic.js';

/**
 * What {@link ksTwoSampleExact} found.
 *
 * @example
 * ```ts
 * import { ksTwoSampleExact, type KsTwoSampleExactResult } from './ks-two-sample-exact.js';
 * const result: KsTwoSampleExactResult = ksTwoSampleExact(3, 4, 0.5);
 * ```
 */
export interface KsTwoSampleExactResult {
  /** False when the probability came out outside [0, 1]; scipy then falls back to 'asymp'. */
  readonly success: boolean;
  /** The statistic snapped to the lattice h / lcm(n1, n2) it can take, as scipy reports it. */
  readonly statistic: number;
  /** Pr(D >= statistic) under the null hypothesis; NaN or out of range when `success` is false. */
  readonly pValue: number;
}

/**
 * `_attempt_exact_2kssamp(n1, n2, gcd, d, 'two-sided')`: the exact p-value of a two-sample
 * Kolmogorov–Smirnov statistic `statistic` for samples of sizes `referenceSize` and `currentSize`.
 *
 * @example
 * ```ts
 * import { ksTwoSampleExact } from './ks-two-sample-exact.js';
 * ksTwoSampleExact(5, 5, 0.8); // { success: true, statistic: 0.8, pValue: 0.0793650793650793… }
 * ```
 */
export function ksTwoSampleExact(referenceSize: number, currentSize: number, statistic: number): KsTwoSampleExactResult {
  const divisor = greatestCommonDivisor(referenceSize, currentSize);
  const leastCommonMultiple = (referenceSize / divisor) * currentSize;
  const h = roundHalfToEven(statistic * leastCommonMultiple);
  const snapped = (h * 1.0) / leastCommonMultiple;
  if (h === 0) return { success: true, statistic: snapped, pValue: 1.0 };
  // scipy guards these with np.errstate(over='raise'), but both recursions stay within [0, 1]
  // (and the pythran-compiled one ignores errstate), so only the range check below can fail.
  const pValue =
    referenceSize === currentSize
      ? probabilityOutsideSquare(referenceSize, h)
      : outerProbabilityInsideMethod(referenceSize, currentSize, divisor, h);
  if (!(pValue >= 0 && pValue <= 1)) return { success: false, statistic: snapped, pValue };
  return { success: true, statistic: snapped, pValue };
}



/**
 * `_compute_prob_outside_square(n, h)`: Pr(D_{n,n} >= h/n), the proportion of lattice paths
 * that leave the band |x - y| < h. The alternating sum
 * 2 (C(2n, n-h) - C(2n, n-2h) + ...) / C(2n, n) cancels badly, so each term is divided by
 * C(2n, n) and the sum evaluated Horner-style: 2 A0 (1 - A1 (1 - A2 (1 - ...))).
 */
function probabilityOutsideSquare(n: number, h: number): number {
  let probability = 0.0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let term = 1.0;
    // Each A_k has h factors in its numerator and denominator.
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    probability = term * (1.0 - probability);
    k -= 1;
  }
  return 2 * probability;
}

/**
 * `_compute_outer_prob_inside_method(m, n, g, h)`: the proportion of lattice paths from (0, 0)
 * to (m, n) that do not stay strictly inside |x/m - y/n| < h / lcm(m, n). Hodges' inside method,
 * with Viehmann's (2021) recursion that carries 1 - p so that small p-values keep their precision.
 * Only one sliding window of one column of the path-count matrix is kept.
 */
function outerProbabilityInsideMethod(first: number, second: number, divisor: number, h: number): number {
  // Symmetric in m and n; the computation below uses m >= n.
  const m = Math.max(first, second);
  const n = Math.min(first, second);
  const mg = Math.trunc(m / divisor);
  const ng = Math.trunc(n / divisor);

  let minimumJ = 0;
  let maximumJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maximumJ - minimumJ;
  // Long enough for the widest window.
  const columnLength = Math.min(2 * maximumJ + 2, n + 1);
  const column = new Float64Array(columnLength).fill(1);
  // Initialise the first column.
  column.fill(0.0, minimumJ, maximumJ);
  for (let i = 1; i <= m; i++) {
    // The window of the next column.
    const lastMinimumJ = minimumJ;
    const lastLength = currentLength;
    minimumJ = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minimumJ = Math.min(minimumJ, n);
    maximumJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maximumJ <= minimumJ) return 1.0;
    // Not a cumulative sum, unfortunately.
    let value = minimumJ === 0 ? 0.0 : 1.0;
    const shift = minimumJ - lastMinimumJ;
    const width = maximumJ - minimumJ;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minimumJ;
      value = (column[jj + shift]! * i + value * j) / (i + j);
      column[jj] = value;
    }
    currentLength = width;
    if (lastLength > currentLength) {
      // Carried-over elements become 1 again.
      column.fill(1, width, Math.min(width + (lastLength - currentLength), columnLength));
    }
  }
  return column[maximumJ - minimumJ - 1]!;
}
