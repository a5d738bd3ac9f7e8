import { createSeededRandom } from '../data/create-seeded-random.js';
import type { LabelledTelcoCustomer } from '../data/telco-customer.js';
import type { DriftScenario } from './drift-scenario.js';

/** Options for {@link drawScenarioCustomers}. */
export interface DrawScenarioCustomersOptions {
  scenario: DriftScenario;
  /** The simulated time every customer is drawn at. */
  timeMillis: number;
  /** How many customers. */
  count: number;
  /**
   * Seed of the random source.
   * @default 1
   */
  seed?: number;
}

/**
 * A batch of labelled customers as a scenario has them at one simulated moment: a quick way to
 * build a training set or a reference window without simulating traffic.
 *
 * @example
 * ```ts
 * const scenario = createSuddenDriftScenario();
 * const after = drawScenarioCustomers({ scenario, timeMillis: scenario.onsetMillis! + hourMillis, count: 2000 });
 * ```
 */
export function drawScenarioCustomers(options: DrawScenarioCustomersOptions): LabelledTelcoCustomer[] {
  const { scenario, timeMillis, count, seed = 1 } = options;
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => scenario.sample(timeMillis, random));
}
