import { describe, expect, it } from 'vitest';
import { createStableScenario } from './create-stable-scenario.js';
import { drawScenarioCustomers } from './draw-scenario-customers.js';
import { churnRate, driftedColumns } from './internal/feature-drift.test-helper.js';
import { dayMillis, simulationStartMillis } from './simulated-time.js';

describe('createStableScenario', () => {
  const scenario = createStableScenario();

  it('has no onset and a constant rate', () => {
    expect(scenario.name).toBe('none');
    expect(scenario.onsetMillis).toBeUndefined();
    expect(scenario.requestRateFactor(simulationStartMillis + 15 * 3_600_000)).toBe(1);
  });

  it('drifts nowhere: no feature column drifts between the first day and day 20, churn stays put', () => {
    const reference = drawScenarioCustomers({ scenario, timeMillis: simulationStartMillis, count: 5000, seed: 1 });
    const current = drawScenarioCustomers({ scenario, timeMillis: simulationStartMillis + 20 * dayMillis, count: 5000, seed: 2 });
    expect(driftedColumns(reference, current)).toEqual([]);
    expect(Math.abs(churnRate(current) - churnRate(reference))).toBeLessThan(0.03);
  });
});
