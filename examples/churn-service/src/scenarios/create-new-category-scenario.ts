import { fittedTelcoParameters } from '../data/fitted-telco-parameters.js';
import type { TelcoParameters } from '../data/telco-parameters.js';
import type { DriftScenario } from './drift-scenario.js';
import { defineScenario } from './internal/define-scenario.js';
import { defaultOnsetMillis } from './simulated-time.js';

/** Options for {@link createNewCategoryScenario}. */
export interface NewCategoryScenarioConfig {
  /**
   * When the new payment method launches (simulated epoch milliseconds).
   * @default defaultOnsetMillis (two weeks after simulationStartMillis)
   */
  onsetMillis?: number;
  /**
   * The new `PaymentMethod` level.
   * @default 'Digital wallet'
   */
  category?: string;
  /**
   * Share of customers paying with it from the onset, taken proportionally from every other method.
   * @default 0.15
   */
  share?: number;
  /**
   * Its churn coefficient.
   * @default the 'Electronic check' coefficient (digital-first payers churn alike)
   */
  churnCoefficient?: number;
  /**
   * The parameters before the launch.
   * @default fittedTelcoParameters
   */
  parameters?: TelcoParameters;
}

/**
 * The `new-category` scenario: a payment method the training data never saw appears at the
 * onset. `PaymentMethod` 'Digital wallet' takes 15 % of customers; a model one-hot encodes it
 * as unknown, and a monitor reports it among the column's unseen categories.
 *
 * @example
 * ```ts
 * const scenario = createNewCategoryScenario({ category: 'Buy now, pay later', share: 0.05 });
 * ```
 */
export function createNewCategoryScenario(config: NewCategoryScenarioConfig = {}): DriftScenario {
  const onsetMillis = config.onsetMillis ?? defaultOnsetMillis;
  const category = config.category ?? 'Digital wallet';
  const share = config.share ?? 0.15;
  const parameters = config.parameters ?? fittedTelcoParameters;
  const churnCoefficient = config.churnCoefficient ?? parameters.churn.paymentMethod['Electronic check'] ?? 0;
  const launched: TelcoParameters = {
    ...parameters,
    paymentMethodSharesByContract: Object.fromEntries(
      Object.entries(parameters.paymentMethodSharesByContract).map(([contract, methods]) => {
        const total = Object.values(methods).reduce((sum, value) => sum + value, 0);
        const scaled = Object.fromEntries(Object.entries(methods).map(([method, value]) => [method, (value / total) * (1 - share)]));
        return [contract, { ...scaled, [category]: share }];
      }),
    ) as TelcoParameters['paymentMethodSharesByContract'],
    churn: { ...parameters.churn, paymentMethod: { ...parameters.churn.paymentMethod, [category]: churnCoefficient } },
  };
  return defineScenario({
    name: 'new-category',
    description: `At the onset a new PaymentMethod, '${category}', appears and takes ${Math.round(share * 100)} % of customers.`,
    onsetMillis,
    parametersAt: (timeMillis) => (timeMillis < onsetMillis ? parameters : launched),
  });
}
