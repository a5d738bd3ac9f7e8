import { kolmogorovDistribution } from '../../internal/kolmogorov-distribution.js';
import { kolmogorovLimitSurvival } from './kolmogorov-limit.js';
import { roundHalfToEven } from '../../internal/integer-arithmetic.js';

/**
 * Below this √en·D the p-value exceeds 0.96; for en above {@link limitAbove} scipy's `kstwo.sf`
 * would evaluate it with the Durbin matrix, which costs up to tens of milliseconds once en is
 * in the tens of thousands (below, it costs well under a millisecond).
 */
const limitBelow = 0.5;
const limitAbove = 1000;

/**
 * The two-sample KS p-value of `scipy.stats.ks_2samp(method='asymp')`: `kstwo.sf(D, round(en))`
 * with en = n·m/(n + m) rounded half to even, as `ksTest` computes it. Where en > 1,000 and
 * √en·D < 0.5, the p-value is above 0.96 and comes instead from the limiting distribution with
 * Stephens' (1970) correction, Pr(K > (√en + 0.12 + 0.11/√en)·D), within 0.004 of scipy's.
 * scipy answers NaN when en rounds to 0 (one value on each side); this uses 1, so that the
 * report's correction never sees NaN.
 */
export function ksAsymptoticPValue(statistic: number, referenceCount: number, currentCount: number): number {
  const effective = (referenceCount * currentCount) / (referenceCount + currentCount);
  const root = Math.sqrt(effective);
  if (effective > limitAbove && root * statistic < limitBelow) return kolmogorovLimitSurvival((root + 0.12 + 0.11 / root) * statistic);
  const pValue = kolmogorovDistribution(Math.max(1, roundHalfToEven(effective)), statistic);
  return pValue < 0 ? 0 : pValue > 1 ? 1 : pValue;
}

