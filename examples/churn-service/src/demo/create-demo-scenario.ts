import { churnLogOdds, type ChurnCoefficients } from '../data/churn-probability.js';
import { createSeededRandom, type SeededRandom } from '../data/create-seeded-random.js';
import { fittedTelcoParameters } from '../data/fitted-telco-parameters.js';
import { createStableScenario } from '../scenarios/create-stable-scenario.js';
import { createSuddenDriftScenario } from '../scenarios/create-sudden-drift-scenario.js';
import type { DriftScenario } from '../scenarios/drift-scenario.js';

/** Options for {@link createDemoScenario}. */
export interface DemoScenarioConfig {
  /** When the shock hits (epoch milliseconds). */
  onsetMillis: number;
  /**
   * Relative request volume by simulated time (1 = the traffic's `requestsPerHour`), so the demo
   * spends its requests where they matter: around the onset and while A/B outcomes accumulate.
   * @default () => 1
   */
  requestRateFactor?: (timeMillis: number) => number;
  /** The largest value `requestRateFactor` returns. @default 1 */
  maximumRequestRateFactor?: number;
}

/**
 * The demo's story: the `sudden` scenario's shock (prices +15 %, a competitor offer moves 60 % of
 * one- and two-year contracts to month-to-month), and the offer also changes who leaves: the
 * contract and tenure effects on churn are reversed (the `concept` scenario's change at full
 * strength: the long-standing customers the offer lured are now the ones who go), with the
 * intercept set so that the post-shock churn rate is the plain `sudden` scenario's (about 39 %).
 *
 * Why both: after the plain `sudden` shock the old model is still right about each customer (only
 * the mix moved), so a model retrained on post-shock outcomes is no better (measured on 4,000
 * post-shock customers: accuracy 0.728 against the old model's 0.732) and the promotion policy
 * rightly keeps the champion. With the reversal, the old model falls to accuracy 0.54 and a
 * logistic regression retrained on 2,000 post-shock outcomes reaches 0.71, a lead the A/B test
 * confirms on a few hundred outcomes per arm. (At half strength, as in the `concept` scenario,
 * the lead is 0.60 → 0.68 and the sequential test takes days longer to stay above zero.)
 *
 * @example
 * ```ts
 * const scenario = createDemoScenario({ onsetMillis: simulationStartMillis + 12 * hourMillis });
 * ```
 */
export function createDemoScenario(config: DemoScenarioConfig): DriftScenario {
  const { onsetMillis } = config;
  const before = fittedTelcoParameters.churn;
  const changed: ChurnCoefficients = {
    ...before,
    contract: {
      'Month-to-month': -before.contract['Month-to-month'],
      'One year': -before.contract['One year'],
      'Two year': -before.contract['Two year'],
    },
    tenureMonths: -before.tenureMonths,
    logOnePlusTenureMonths: -before.logOnePlusTenureMonths,
  };
  const stable = createStableScenario();
  const plainShock = createSuddenDriftScenario({ onsetMillis });
  changed.intercept = interceptKeepingChurnRate(plainShock, onsetMillis, before, changed);
  const shocked = createSuddenDriftScenario({ onsetMillis, parameters: { ...fittedTelcoParameters, churn: changed } });
  const requestRateFactor = config.requestRateFactor ?? (() => 1);
  return Object.freeze({
    name: 'sudden',
    description: `${shocked.description} The offer also reverses who churns: contract and tenure now push customers out instead of keeping them.`,
    onsetMillis,
    maximumRequestRateFactor: config.maximumRequestRateFactor ?? 1,
    requestRateFactor,
    sample: (timeMillis: number, random: SeededRandom) => (timeMillis < onsetMillis ? stable : shocked).sample(timeMillis, random),
  });
}

/**
 * The intercept that gives post-shock customers under `changed` the churn rate they have under
 * `before`, by bisection over 20,000 seeded draws (as `calibrateChurnIntercept` does for plain parameters).
 */
function interceptKeepingChurnRate(scenario: DriftScenario, onsetMillis: number, before: ChurnCoefficients, changed: ChurnCoefficients): number {
  const random = createSeededRandom(20_240_101);
  const customers = Array.from({ length: 20_000 }, () => scenario.sample(onsetMillis, random));
  const target = customers.reduce((sum, customer) => sum + 1 / (1 + Math.exp(-churnLogOdds(customer, before))), 0) / customers.length;
  const logOdds = customers.map((customer) => churnLogOdds(customer, { ...changed, intercept: 0 }));
  const meanProbability = (intercept: number) => logOdds.reduce((sum, value) => sum + 1 / (1 + Math.exp(-(value + intercept))), 0) / logOdds.length;
  let low = -50;
  let high = 50;
  for (let iteration = 0; iteration < 100 && high - low > 1e-9; iteration++) {
    const middle = (low + high) / 2;
    if (meanProbability(middle) < target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
