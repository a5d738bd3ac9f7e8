/**
 * Pr(K > λ) for the limiting Kolmogorov distribution, `scipy.special.kolmogorov(λ)`:
 * 2 Σ (−1)^(k−1) e^(−2k²λ²), or for small λ the equivalent theta-function form
 * 1 − (√(2π)/λ) Σ e^(−(2k−1)²π²/(8λ²)), each of which converges in a handful of terms there.
 */
export function kolmogorovLimitSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1) {
    const factor = Math.sqrt(2 * Math.PI) / lambda;
    const exponent = (-Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let odd = 1; odd <= 9; odd += 2) sum += Math.exp(exponent * odd * odd);
    return clip(1 - factor * sum);
  }
  let sum = 0;
  for (let k = 1; k <= 20; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17 * sum) break;
  }
  return clip(2 * sum);
}

/**
 * The two-sample KS p-value from the limiting distribution with Stephens' (1970) finite-sample
 * correction: Pr(K > (√en + 0.12 + 0.11/√en) · D) with en = n·m/(n + m). Against scipy's
 * `ks_2samp(method='asymp')` (`kstwo.sf(D, round(en))`) for the same D and en ≥ 100, the
 * relative difference stays below 3% for p ≥ 1e-4 and below 4.5% for p ≥ 1e-7, and shrinks as
 * en grows (0.3% and 0.6% at en = 100,000). It costs microseconds, where `kstwo.sf` takes tens
 * of milliseconds to seconds per column once en reaches the thousands and D is significant.
 */
export function ksLimitPValue(statistic: number, referenceCount: number, currentCount: number): number {
  const effective = (referenceCount * currentCount) / (referenceCount + currentCount);
  const root = Math.sqrt(effective);
  return kolmogorovLimitSurvival((root + 0.12 + 0.11 / root) * statistic);
}

function clip(probability: number): number {
  return probability < 0 ? 0 : probability > 1 ? 1 : probability;
}
