import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../data/create-seeded-random.js';
import { createDriftScenario } from './create-drift-scenario.js';
import { scenarioNames } from './scenario-names.js';
import { dayMillis, defaultOnsetMillis, simulationStartMillis } from './simulated-time.js';

describe('createDriftScenario', () => {
  it.each(scenarioNames)('creates %s with its onset, a description and deterministic draws', (name) => {
    const scenario = createDriftScenario({ name });
    expect(scenario.name).toBe(name);
    expect(scenario.description.length).toBeGreaterThan(20);
    expect(scenario.onsetMillis).toBe(name === 'none' || name === 'seasonal' ? undefined : defaultOnsetMillis);
    expect(Object.isFrozen(scenario)).toBe(true);
    const draw = (seed: number) => {
      const random = createSeededRandom(seed);
      return [0, 20].map((day) => scenario.sample(simulationStartMillis + day * dayMillis, random));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it('passes the onset through', () => {
    const onsetMillis = Date.UTC(2024, 1, 1);
    expect(createDriftScenario({ name: 'sudden', onsetMillis }).onsetMillis).toBe(onsetMillis);
  });
});
