import { fittedTelcoParameters } from '../data/fitted-telco-parameters.js';
import type { TelcoParameters } from '../data/telco-parameters.js';
import type { DriftScenario } from './drift-scenario.js';
import { defineScenario } from './internal/define-scenario.js';
import { defaultOnsetMillis } from './simulated-time.js';

/** Options for {@link createSuddenDriftScenario}. */
export interface SuddenDriftScenarioConfig {
  /**
   * The moment of the shock (simulated epoch milliseconds).
   * @default defaultOnsetMillis (two weeks after simulationStartMillis)
   */
  onsetMillis?: number;
  /**
   * The price factor from the onset on.
   * @default 1.15
   */
  priceFactor?: number;
  /**
   * Share of one- and two-year customers who take the competitor-matching month-to-month offer instead.
   * @default 0.6
   */
  contractSwitchShare?: number;
  /**
   * The parameters before the shock.
   * @default fittedTelcoParameters
   */
  parameters?: TelcoParameters;
}

/**
 * The `sudden` scenario: a market shock at the onset. Prices rise 15 % and, answering a
 * competitor's offer, 60 % of the customers who would have signed a one- or two-year contract
 * are on month-to-month instead (with the shorter tenure that goes with it). Churn follows the
 * unchanged churn model, so it jumps with the riskier mix.
 *
 * @example
 * ```ts
 * const scenario = createSuddenDriftScenario({ onsetMillis: Date.UTC(2024, 0, 10), priceFactor: 1.3 });
 * ```
 */
export function createSuddenDriftScenario(config: SuddenDriftScenarioConfig = {}): DriftScenario {
  const onsetMillis = config.onsetMillis ?? defaultOnsetMillis;
  const priceFactor = config.priceFactor ?? 1.15;
  const contractSwitchShare = config.contractSwitchShare ?? 0.6;
  const parameters = config.parameters ?? fittedTelcoParameters;
  const shares = parameters.contractShares;
  const shocked: TelcoParameters = {
    ...parameters,
    contractShares: {
      'Month-to-month': shares['Month-to-month'] + contractSwitchShare * (shares['One year'] + shares['Two year']),
      'One year': shares['One year'] * (1 - contractSwitchShare),
      'Two year': shares['Two year'] * (1 - contractSwitchShare),
    },
    monthlyCharges: { ...parameters.monthlyCharges, priceFactor: parameters.monthlyCharges.priceFactor * priceFactor },
  };
  return defineScenario({
    name: 'sudden',
    description: `At the onset prices rise ${Math.round((priceFactor - 1) * 100)} % and a competitor offer moves ${Math.round(contractSwitchShare * 100)} % of one- and two-year contracts to month-to-month.`,
    onsetMillis,
    parametersAt: (timeMillis) => (timeMillis < onsetMillis ? parameters : shocked),
  });
}
