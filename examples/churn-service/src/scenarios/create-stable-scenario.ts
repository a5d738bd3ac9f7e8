import { fittedTelcoParameters } from '../data/fitted-telco-parameters.js';
import type { TelcoParameters } from '../data/telco-parameters.js';
import type { DriftScenario } from './drift-scenario.js';
import { defineScenario } from './internal/define-scenario.js';

/** Options for {@link createStableScenario}. */
export interface StableScenarioConfig {
  /**
   * What every customer is drawn from.
   * @default fittedTelcoParameters
   */
  parameters?: TelcoParameters;
}

/**
 * The `none` scenario: every customer comes from the same distribution at a constant rate. The
 * control case: a well-set monitor raises nothing on it.
 *
 * @example
 * ```ts
 * const scenario = createStableScenario();
 * scenario.onsetMillis; // undefined
 * ```
 */
export function createStableScenario(config: StableScenarioConfig = {}): DriftScenario {
  const parameters = config.parameters ?? fittedTelcoParameters;
  return defineScenario({
    name: 'none',
    description: 'Stable traffic: customers and churn follow the fitted Telco distribution throughout.',
    onsetMillis: undefined,
    parametersAt: () => parameters,
  });
}
