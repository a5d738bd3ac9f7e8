import { describe, expect, it } from 'vitest';
import { createSuddenDriftScenario } from './create-sudden-drift-scenario.js';
import { drawScenarioCustomers } from './draw-scenario-customers.js';
import { churnRate, driftedColumns } from './internal/feature-drift.test-helper.js';
import { defaultOnsetMillis, hourMillis, simulationStartMillis } from './simulated-time.js';

describe('createSuddenDriftScenario', () => {
  const scenario = createSuddenDriftScenario();
  const onset = scenario.onsetMillis!;
  const reference = drawScenarioCustomers({ scenario, timeMillis: simulationStartMillis, count: 5000, seed: 1 });

  it('exports its onset and description', () => {
    expect(onset).toBe(defaultOnsetMillis);
    expect(scenario.description).toMatch(/15 %.*60 %/);
  });

  it('does not drift before the onset', () => {
    const before = drawScenarioCustomers({ scenario, timeMillis: onset - 1, count: 5000, seed: 2 });
    expect(driftedColumns(reference, before)).toEqual([]);
  });

  it('drifts Contract and MonthlyCharges right after the onset, and churn jumps', () => {
    const after = drawScenarioCustomers({ scenario, timeMillis: onset + hourMillis, count: 5000, seed: 2 });
    expect(driftedColumns(reference, after)).toEqual(expect.arrayContaining(['Contract', 'MonthlyCharges']));
    const monthToMonth = after.filter((row) => row.Contract === 'Month-to-month').length / after.length;
    expect(monthToMonth).toBeGreaterThan(0.75);
    expect(churnRate(after) - churnRate(reference)).toBeGreaterThan(0.08);
  });
});
