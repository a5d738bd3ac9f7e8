import type { TelcoParameters } from '../data/telco-parameters.js';
import { createClassBalanceScenario } from './create-class-balance-scenario.js';
import { createConceptDriftScenario } from './create-concept-drift-scenario.js';
import { createGradualDriftScenario } from './create-gradual-drift-scenario.js';
import { createNewCategoryScenario } from './create-new-category-scenario.js';
import { createSeasonalScenario } from './create-seasonal-scenario.js';
import { createStableScenario } from './create-stable-scenario.js';
import { createSuddenDriftScenario } from './create-sudden-drift-scenario.js';
import type { DriftScenario } from './drift-scenario.js';
import type { ScenarioName } from './scenario-names.js';

/** Options for {@link createDriftScenario}: the scenario by name, with its documented defaults. */
export interface DriftScenarioConfig {
  /** Which scenario. */
  name: ScenarioName;
  /**
   * When the change begins; ignored by `none` and `seasonal`.
   * @default defaultOnsetMillis (two weeks after simulationStartMillis)
   */
  onsetMillis?: number;
  /**
   * The parameters before the change.
   * @default fittedTelcoParameters
   */
  parameters?: TelcoParameters;
}

/**
 * Any scenario by name, for command lines and configuration files. Use the specific factory
 * (such as `createSuddenDriftScenario`) to tune a scenario's own options.
 *
 * @example
 * ```ts
 * const scenario = createDriftScenario({ name: 'sudden', onsetMillis: Date.UTC(2024, 0, 15) });
 * console.log(scenario.description);
 * ```
 */
export function createDriftScenario(config: DriftScenarioConfig): DriftScenario {
  const { name, ...options } = config;
  switch (name) {
    case 'none':
      return createStableScenario({ parameters: options.parameters });
    case 'gradual':
      return createGradualDriftScenario(options);
    case 'sudden':
      return createSuddenDriftScenario(options);
    case 'concept':
      return createConceptDriftScenario(options);
    case 'seasonal':
      return createSeasonalScenario({ parameters: options.parameters });
    case 'new-category':
      return createNewCategoryScenario(options);
    case 'class-balance':
      return createClassBalanceScenario(options);
  }
}
