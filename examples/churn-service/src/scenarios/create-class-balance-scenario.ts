import { fittedTelcoParameters } from '../data/fitted-telco-parameters.js';
import { sampleTelcoCustomer } from '../data/sample-telco-customer.js';
import type { TelcoParameters } from '../data/telco-parameters.js';
import type { DriftScenario } from './drift-scenario.js';
import { defineScenario } from './internal/define-scenario.js';
import { defaultOnsetMillis } from './simulated-time.js';

/** Options for {@link createClassBalanceScenario}. */
export interface ClassBalanceScenarioConfig {
  /**
   * When the churn prior shifts (simulated epoch milliseconds).
   * @default defaultOnsetMillis (two weeks after simulationStartMillis)
   */
  onsetMillis?: number;
  /**
   * The churn rate from the onset on, in (0, 1).
   * @default 0.4
   */
  churnRate?: number;
  /**
   * The parameters before the shift; their `observed.churnRate` is the prior before.
   * @default fittedTelcoParameters
   */
  parameters?: TelcoParameters;
}

/**
 * The `class-balance` scenario: the churn prior moves from about 26.5 % to 40 % at the onset,
 * while each class keeps its own feature distribution (label shift: P(features | churn) is
 * unchanged). Customers are drawn as before and kept with a probability that depends on their
 * outcome only. Features move a little, through their link with churn; the label share moves a
 * lot, and a calibrated model's scores under-predict churn.
 *
 * @example
 * ```ts
 * const scenario = createClassBalanceScenario({ churnRate: 0.1 });
 * ```
 */
export function createClassBalanceScenario(config: ClassBalanceScenarioConfig = {}): DriftScenario {
  const onsetMillis = config.onsetMillis ?? defaultOnsetMillis;
  const churnRate = config.churnRate ?? 0.4;
  const parameters = config.parameters ?? fittedTelcoParameters;
  const priorRate = parameters.observed.churnRate;
  const churnWeight = churnRate / priorRate;
  const stayWeight = (1 - churnRate) / (1 - priorRate);
  const largestWeight = Math.max(churnWeight, stayWeight);
  return defineScenario({
    name: 'class-balance',
    description: `At the onset the churn prior moves from ${percent(priorRate)} to ${percent(churnRate)}; each class keeps its feature distribution.`,
    onsetMillis,
    parametersAt: () => parameters,
    sample(timeMillis, random) {
      if (timeMillis < onsetMillis) return sampleTelcoCustomer(random, parameters);
      // Rejection sampling: accepting by outcome reweights the classes and nothing else.
      for (;;) {
        const customer = sampleTelcoCustomer(random, parameters);
        const weight = customer.Churn === 'Yes' ? churnWeight : stayWeight;
        if (random.next() * largestWeight < weight) return customer;
      }
    },
  });
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
