import { DriftwatchError } from '@driftwatch/core';

/**
 * Success counts of two groups: A is the challenger (or the newly promoted model), B the champion
 * it is compared with; a success is a correct prediction.
 *
 * @example
 * ```ts
 * import type { ProportionDifferenceInput } from '@driftwatch/registry';
 * const input: ProportionDifferenceInput = { successesA: 850, totalA: 1000, successesB: 7200, totalB: 9000 };
 * ```
 */
export interface ProportionDifferenceInput {
  successesA: number;
  totalA: number;
  successesB: number;
  totalB: number;
}

/**
 * Options for {@link proportionDifferenceConfidenceSequence}.
 *
 * @example
 * ```ts
 * import type { ProportionDifferenceConfidenceSequenceOptions } from '@driftwatch/registry';
 * const options: ProportionDifferenceConfidenceSequenceOptions = { alpha: 0.05, mixtureStandardDeviation: 0.025 };
 * ```
 */
export interface ProportionDifferenceConfidenceSequenceOptions {
  /** The probability that the sequence ever excludes the true difference, over all looks. @default 0.05 */
  alpha?: number;
  /**
   * τ, the standard deviation of the normal mixture over the difference. The boundary is tightest
   * when the variance of the estimate is about τ²/10, so pick τ near the effect you want to catch
   * quickly; any τ > 0 keeps the guarantee.
   * @default 0.025
   */
  mixtureStandardDeviation?: number;
  /** θ₀, the difference under the null hypothesis, for the likelihood ratio and p-value. @default 0 */
  nullDifference?: number;
}

/**
 * The result of {@link proportionDifferenceConfidenceSequence}.
 *
 * @example
 * ```ts
 * import type { ProportionDifferenceConfidenceSequenceResult } from '@driftwatch/registry';
 * const result: Partial<ProportionDifferenceConfidenceSequenceResult> = { difference: 0.05, lower: 0.021, upper: 0.079 };
 * ```
 */
export interface ProportionDifferenceConfidenceSequenceResult {
  method: 'normal-mixture';
  /** θ̂ = successesA / totalA − successesB / totalB. */
  difference: number;
  /** Lower end of the confidence sequence at this look, clipped to [−1, 1]. */
  lower: number;
  /** Upper end of the confidence sequence at this look, clipped to [−1, 1]. */
  upper: number;
  /** V, the estimated variance of θ̂ (with add-½ smoothing, so never 0). */
  variance: number;
  /** ln Λ, the log mixture likelihood ratio against θ₀. */
  logLikelihoodRatio: number;
  /** min(1, 1/Λ). The running minimum of this over all looks is an always-valid p-value. */
  pValue: number;
  alpha: number;
  mixtureStandardDeviation: number;
}

/**
 * An always-valid (anytime) confidence sequence for the difference of two proportions, so that
 * an A/B test can be checked after every batch of outcomes, forever, without inflating the error:
 * the normal-mixture sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis & Walsh
 * (2017, "Peeking at A/B tests"), in the confidence-sequence form of Howard, Ramdas, McAuliffe &
 * Sekhon (2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences", the normal
 * mixture boundary).
 *
 * With θ̂ = p̂_A − p̂_B, V = p̃_A(1 − p̃_A)/n_A + p̃_B(1 − p̃_B)/n_B where p̃ = (x + ½)/(n + 1), and a
 * N(θ₀, τ²) mixture over the true difference θ:
 *
 *   Λ = √(V / (V + τ²)) · exp( τ² (θ̂ − θ₀)² / (2 V (V + τ²)) )
 *
 *   θ ∈ θ̂ ± √( V (V + τ²) / τ² · ln((V + τ²) / (V α²)) )   (the set of θ₀ with Λ < 1/α)
 *
 * Guarantee: Λ is a nonnegative martingale under θ = θ₀ when n·θ̂ is (approximately) a Gaussian
 * random walk in the information 1/V, so by Ville's inequality P(∃ look: Λ ≥ 1/α) ≤ α, i.e. the
 * sequence covers the true difference at every look simultaneously with probability ≥ 1 − α. With
 * the variance estimated from the data this holds asymptotically (Waudby-Smith, Arbour, Sinha,
 * Kennedy & Ramdas 2023, "Time-uniform central limit theory"), which is why callers also require a
 * minimum sample per group. The split between groups may be uneven (90/10) but must not depend on
 * the outcomes. Throws `INVALID_ARGUMENT` for counts outside 0 ≤ successes ≤ total, total ≥ 1.
 *
 * @example
 * ```ts
 * import { proportionDifferenceConfidenceSequence } from '@driftwatch/registry';
 * const result = proportionDifferenceConfidenceSequence({ successesA: 880, totalA: 1000, successesB: 7200, totalB: 9000 });
 * result.lower > 0; // true: the challenger is better, whenever we looked
 * ```
 */
export function proportionDifferenceConfidenceSequence(
  input: ProportionDifferenceInput,
  options: ProportionDifferenceConfidenceSequenceOptions = {},
): ProportionDifferenceConfidenceSequenceResult {
  const alpha = options.alpha ?? 0.05;
  const tau = options.mixtureStandardDeviation ?? 0.025;
  const nullDifference = options.nullDifference ?? 0;
  checkCounts(input.successesA, input.totalA, 'A');
  checkCounts(input.successesB, input.totalB, 'B');
  if (!(alpha > 0 && alpha < 1)) throw invalid(`alpha must be in (0, 1), got ${alpha}.`, { alpha });
  if (!(tau > 0 && Number.isFinite(tau))) throw invalid(`mixtureStandardDeviation must be a finite number > 0, got ${tau}.`, { mixtureStandardDeviation: tau });

  const difference = input.successesA / input.totalA - input.successesB / input.totalB;
  const variance = smoothedVariance(input.successesA, input.totalA) + smoothedVariance(input.successesB, input.totalB);
  const tauSquared = tau * tau;
  const halfWidth = Math.sqrt(((variance * (variance + tauSquared)) / tauSquared) * Math.log((variance + tauSquared) / (variance * alpha * alpha)));
  const centred = difference - nullDifference;
  const logLikelihoodRatio =
    0.5 * Math.log(variance / (variance + tauSquared)) + (tauSquared * centred * centred) / (2 * variance * (variance + tauSquared));
  return {
    method: 'normal-mixture',
    difference,
    lower: Math.max(-1, difference - halfWidth),
    upper: Math.min(1, difference + halfWidth),
    variance,
    logLikelihoodRatio,
    pValue: Math.min(1, Math.exp(-logLikelihoodRatio)),
    alpha,
    mixtureStandardDeviation: tau,
  };
}

function smoothedVariance(successes: number, total: number): number {
  const proportion = (successes + 0.5) / (total + 1);
  return (proportion * (1 - proportion)) / total;
}

function checkCounts(successes: number, total: number, group: 'A' | 'B'): void {
  if (!(Number.isFinite(total) && total >= 1 && Number.isFinite(successes) && successes >= 0 && successes <= total)) {
    throw invalid(`Group ${group} has ${successes} successes out of ${total}; need 0 ≤ successes ≤ total and total ≥ 1.`, { group, successes, total });
  }
}

function invalid(message: string, details: Record<string, unknown>): DriftwatchError {
  return new DriftwatchError({ code: 'INVALID_ARGUMENT', message, details });
}
