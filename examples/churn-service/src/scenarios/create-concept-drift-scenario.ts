import { calibrateChurnIntercept } from '../data/calibrate-churn-intercept.js';
import type { ChurnCoefficients } from '../data/churn-probability.js';
import { fittedTelcoParameters } from '../data/fitted-telco-parameters.js';
import type { TelcoParameters } from '../data/telco-parameters.js';
import type { DriftScenario } from './drift-scenario.js';
import { defineScenario } from './internal/define-scenario.js';
import { defaultOnsetMillis } from './simulated-time.js';

/** Options for {@link createConceptDriftScenario}. */
export interface ConceptDriftScenarioConfig {
  /**
   * When the churn relationship changes (simulated epoch milliseconds).
   * @default defaultOnsetMillis (two weeks after simulationStartMillis)
   */
  onsetMillis?: number;
  /**
   * Factor on the contract coefficients: 1 keeps them, 0 removes the lock-in, below 0 reverses it.
   * @default -0.5
   */
  contractEffectFactor?: number;
  /**
   * Factor on the two tenure coefficients: 1 keeps them, 0 removes loyalty, below 0 reverses it.
   * @default -0.5
   */
  tenureEffectFactor?: number;
  /**
   * Recalibrate the intercept so the churn rate stays what it was: only who churns changes,
   * not how many, and only performance monitoring on labelled outcomes can see it.
   * @default true
   */
  keepChurnRate?: boolean;
  /**
   * The parameters before the change; the customers are drawn from them throughout.
   * @default fittedTelcoParameters
   */
  parameters?: TelcoParameters;
}

/**
 * The `concept` scenario: the features keep their distribution, but the relationship between
 * them and churn changes at the onset. A competitor targets long-standing customers on long
 * contracts, so the contract and tenure coefficients are reversed at half strength; the
 * intercept is recalibrated so the churn rate stays put. Drift tests on the features see nothing;
 * the model's AUC on the delayed outcomes falls.
 *
 * @example
 * ```ts
 * const scenario = createConceptDriftScenario({ contractEffectFactor: 0, tenureEffectFactor: 0 });
 * ```
 */
export function createConceptDriftScenario(config: ConceptDriftScenarioConfig = {}): DriftScenario {
  const onsetMillis = config.onsetMillis ?? defaultOnsetMillis;
  const contractEffectFactor = config.contractEffectFactor ?? -0.5;
  const tenureEffectFactor = config.tenureEffectFactor ?? -0.5;
  const keepChurnRate = config.keepChurnRate ?? true;
  const parameters = config.parameters ?? fittedTelcoParameters;
  const before = parameters.churn;
  const changed: ChurnCoefficients = {
    ...before,
    contract: {
      'Month-to-month': before.contract['Month-to-month'] * contractEffectFactor,
      'One year': before.contract['One year'] * contractEffectFactor,
      'Two year': before.contract['Two year'] * contractEffectFactor,
    },
    tenureMonths: before.tenureMonths * tenureEffectFactor,
    logOnePlusTenureMonths: before.logOnePlusTenureMonths * tenureEffectFactor,
  };
  if (keepChurnRate) {
    changed.intercept = calibrateChurnIntercept({ parameters, coefficients: changed, targetChurnRate: parameters.observed.churnRate });
  }
  const after: TelcoParameters = { ...parameters, churn: changed };
  return defineScenario({
    name: 'concept',
    description:
      `At the onset the churn model changes while the features do not: contract and tenure effects are scaled by ${contractEffectFactor} and ${tenureEffectFactor}` +
      (keepChurnRate ? ', with the churn rate held.' : '.'),
    onsetMillis,
    parametersAt: (timeMillis) => (timeMillis < onsetMillis ? parameters : after),
  });
}
