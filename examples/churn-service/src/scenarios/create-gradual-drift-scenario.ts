import { fittedTelcoParameters } from '../data/fitted-telco-parameters.js';
import type { TelcoParameters } from '../data/telco-parameters.js';
import type { DriftScenario } from './drift-scenario.js';
import { defineScenario } from './internal/define-scenario.js';
import { dayMillis, defaultOnsetMillis } from './simulated-time.js';

/** Options for {@link createGradualDriftScenario}. */
export interface GradualDriftScenarioConfig {
  /**
   * When the ramp starts (simulated epoch milliseconds).
   * @default defaultOnsetMillis (two weeks after simulationStartMillis)
   */
  onsetMillis?: number;
  /**
   * How long the ramp lasts; the shift is linear in between and stays at its end value after.
   * @default 30 days
   */
  rampMillis?: number;
  /**
   * The price factor at the end of the ramp (`MonthlyCharges`, and `TotalCharges` with it).
   * @default 1.2
   */
  finalPriceFactor?: number;
  /**
   * The tenure quantile exponent at the end of the ramp (see `TelcoParameters.tenureQuantileExponent`):
   * above 1 the mix moves to newer customers; 2 lowers mean tenure by about a third.
   * @default 2
   */
  finalTenureQuantileExponent?: number;
  /**
   * The parameters before the ramp.
   * @default fittedTelcoParameters
   */
  parameters?: TelcoParameters;
}

/**
 * The `gradual` scenario: from the onset, over a 30-day ramp, prices rise 20 % and the
 * customer mix moves to newer customers (mean tenure about a third lower). Churn follows the
 * unchanged churn model, so it rises with the younger, pricier mix (covariate shift). The effect
 * a monitor sees grows day by day; fixed windows catch it late, trends catch it early.
 *
 * @example
 * ```ts
 * const scenario = createGradualDriftScenario({ rampMillis: 10 * dayMillis });
 * ```
 */
export function createGradualDriftScenario(config: GradualDriftScenarioConfig = {}): DriftScenario {
  const onsetMillis = config.onsetMillis ?? defaultOnsetMillis;
  const rampMillis = config.rampMillis ?? 30 * dayMillis;
  const finalPriceFactor = config.finalPriceFactor ?? 1.2;
  const finalTenureQuantileExponent = config.finalTenureQuantileExponent ?? 2;
  const parameters = config.parameters ?? fittedTelcoParameters;
  return defineScenario({
    name: 'gradual',
    description: `From the onset, over ${rampMillis / dayMillis} days, prices rise ${percent(finalPriceFactor - 1)} and the customer mix moves to newer customers (tenure quantile exponent ${finalTenureQuantileExponent}).`,
    onsetMillis,
    parametersAt(timeMillis) {
      const progress = Math.min(Math.max((timeMillis - onsetMillis) / rampMillis, 0), 1);
      if (progress === 0) return parameters;
      return {
        ...parameters,
        monthlyCharges: { ...parameters.monthlyCharges, priceFactor: parameters.monthlyCharges.priceFactor * (1 + (finalPriceFactor - 1) * progress) },
        tenureQuantileExponent: parameters.tenureQuantileExponent * (1 + (finalTenureQuantileExponent - 1) * progress),
      };
    },
  });
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}
