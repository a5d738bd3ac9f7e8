import { createSeededRandom } from './create-seeded-random.js';
import { fittedTelcoParameters } from './fitted-telco-parameters.js';
import { sampleTelcoCustomer } from './sample-telco-customer.js';
import type { LabelledTelcoCustomer } from './telco-customer.js';
import type { TelcoParameters } from './telco-parameters.js';

/** Options for {@link generateTelcoCustomers}. */
export interface GenerateTelcoCustomersOptions {
  /** How many customers to draw. */
  count: number;
  /**
   * Seed of the random source: the same seed and parameters give the same rows.
   * @default 1
   */
  seed?: number;
  /**
   * What to draw from.
   * @default fittedTelcoParameters (fitted on the real Telco data)
   */
  parameters?: TelcoParameters;
}

/**
 * Synthetic Telco customers with their churn outcomes, rows shaped like the real CSV (19
 * features, `customerID`, `Churn`). With the fitted parameters the churn rate is about 26.5 %,
 * as in the real data, and a model trained on these rows scores real customers almost as well as
 * one trained on real rows.
 *
 * @example
 * ```ts
 * import { trainClassifier } from '@driftwatch/models';
 * const rows = generateTelcoCustomers({ count: 5000, seed: 42 });
 * const classifier = await trainClassifier(rows, { target: 'Churn', positive: 'Yes', flavor: 'logistic', exclude: ['customerID'] });
 * ```
 */
export function generateTelcoCustomers(options: GenerateTelcoCustomersOptions): LabelledTelcoCustomer[] {
  const { count, seed = 1, parameters = fittedTelcoParameters } = options;
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => sampleTelcoCustomer(random, parameters));
}
