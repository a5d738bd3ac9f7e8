import type { SeededRandom } from '../data/create-seeded-random.js';
import type { LabelledTelcoCustomer } from '../data/telco-customer.js';
import type { ScenarioName } from './scenario-names.js';

/**
 * A drift scenario on a simulated clock: a function of (simulated time, seeded random) to a
 * customer and its ground-truth churn outcome, plus the relative request volume at that time.
 * The traffic simulator turns it into requests and delayed outcomes. Times are epoch milliseconds.
 *
 * @example
 * ```ts
 * const scenario: DriftScenario = createSuddenDriftScenario();
 * const random = createSeededRandom(1);
 * const before = scenario.sample(scenario.onsetMillis! - hourMillis, random);
 * const after = scenario.sample(scenario.onsetMillis! + hourMillis, random);
 * ```
 */
export interface DriftScenario {
  readonly name: ScenarioName;
  /** One or two sentences on what changes, for logs and reports. */
  readonly description: string;
  /** When the change begins; `undefined` when nothing drifts (`none`, `seasonal`). */
  readonly onsetMillis: number | undefined;
  /** The largest value {@link DriftScenario.requestRateFactor} returns; the traffic simulator thins arrivals against it. */
  readonly maximumRequestRateFactor: number;
  /** Relative request volume at a time: 1 is the base rate. */
  requestRateFactor(timeMillis: number): number;
  /** Draws one customer with its ground-truth outcome as of the time. */
  sample(timeMillis: number, random: SeededRandom): LabelledTelcoCustomer;
}
