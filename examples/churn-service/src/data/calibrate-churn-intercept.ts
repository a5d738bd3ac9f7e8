import { churnLogOdds, type ChurnCoefficients } from './churn-probability.js';
import { createSeededRandom } from './create-seeded-random.js';
import { sampleTelcoCustomer } from './sample-telco-customer.js';
import type { TelcoParameters } from './telco-parameters.js';

/** Options for {@link calibrateChurnIntercept}. */
export interface CalibrateChurnInterceptOptions {
  /** Customers are drawn from these parameters. */
  parameters: TelcoParameters;
  /** The coefficients whose intercept is calibrated; the others are kept. */
  coefficients: ChurnCoefficients;
  /** The churn rate to reach, in (0, 1). */
  targetChurnRate: number;
  /**
   * Synthetic customers to average over.
   * @default 20000
   */
  customers?: number;
  /**
   * Seed of the synthetic customers; the result is deterministic.
   * @default 1
   */
  seed?: number;
}

/**
 * The intercept that makes the mean churn probability of customers drawn from `parameters`
 * equal `targetChurnRate`, all other coefficients kept. The
 * fit script uses it to match the real churn rate; the concept-drift scenario uses it so that
 * new coefficients change who churns without changing how many.
 *
 * @example
 * ```ts
 * const intercept = calibrateChurnIntercept({ parameters: fittedTelcoParameters, coefficients: fittedTelcoParameters.churn, targetChurnRate: 0.4 });
 * ```
 */
export function calibrateChurnIntercept(options: CalibrateChurnInterceptOptions): number {
  const { parameters, coefficients, targetChurnRate, customers = 20_000, seed = 1 } = options;
  const random = createSeededRandom(seed);
  const withoutIntercept = { ...coefficients, intercept: 0 };
  const logOdds = new Float64Array(customers);
  for (let index = 0; index < customers; index++) logOdds[index] = churnLogOdds(sampleTelcoCustomer(random, parameters), withoutIntercept);
  const meanProbability = (intercept: number) => {
    let sum = 0;
    for (const value of logOdds) sum += 1 / (1 + Math.exp(-(value + intercept)));
    return sum / customers;
  };
  // The mean probability rises with the intercept, so bisection always converges (Newton can overshoot).
  let low = -50;
  let high = 50;
  for (let iteration = 0; iteration < 100 && high - low > 1e-12; iteration++) {
    const middle = (low + high) / 2;
    if (meanProbability(middle) < targetChurnRate) low = middle;
    else high = middle;
  }
  const intercept = (low + high) / 2;
  return intercept;
}
