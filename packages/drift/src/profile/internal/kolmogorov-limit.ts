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

function clip(probability: number): number {
  return probability < 0 ? 0 : probability > 1 ? 1 : probability;
}
