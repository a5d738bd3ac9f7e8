import type { SeededRandom } from '../../data/create-seeded-random.js';
import { sampleTelcoCustomer } from '../../data/sample-telco-customer.js';
import type { LabelledTelcoCustomer } from '../../data/telco-customer.js';
import type { TelcoParameters } from '../../data/telco-parameters.js';
import type { DriftScenario } from '../drift-scenario.js';
import type { ScenarioName } from '../scenario-names.js';

/** What a scenario factory specifies; everything else has a steady default. */
export interface ScenarioDefinition {
  name: ScenarioName;
  description: string;
  onsetMillis: number | undefined;
  /** The parameters customers are drawn from at a time. */
  parametersAt: (timeMillis: number) => TelcoParameters;
  /** Replaces the plain draw from {@link ScenarioDefinition.parametersAt}, for scenarios that reweight customers. */
  sample?: (timeMillis: number, random: SeededRandom, parameters: TelcoParameters) => LabelledTelcoCustomer;
  requestRateFactor?: (timeMillis: number) => number;
  maximumRequestRateFactor?: number;
}

/** Builds a frozen {@link DriftScenario} with a constant request rate unless the definition varies it. */
export function defineScenario(definition: ScenarioDefinition): DriftScenario {
  const { parametersAt, sample } = definition;
  const draw =
    sample === undefined
      ? (timeMillis: number, random: SeededRandom) => sampleTelcoCustomer(random, parametersAt(timeMillis))
      : (timeMillis: number, random: SeededRandom) => sample(timeMillis, random, parametersAt(timeMillis));
  return Object.freeze({
    name: definition.name,
    description: definition.description,
    onsetMillis: definition.onsetMillis,
    maximumRequestRateFactor: definition.maximumRequestRateFactor ?? 1,
    requestRateFactor: definition.requestRateFactor ?? (() => 1),
    sample: draw,
  });
}
