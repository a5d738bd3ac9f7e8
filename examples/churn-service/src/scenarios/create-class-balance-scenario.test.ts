import { twoProportionZTest } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { createClassBalanceScenario } from './create-class-balance-scenario.js';
import { drawScenarioCustomers } from './draw-scenario-customers.js';
import { churnRate, driftedColumns } from './internal/feature-drift.test-helper.js';
import { hourMillis } from './simulated-time.js';

describe('createClassBalanceScenario', () => {
  const scenario = createClassBalanceScenario();
  const onset = scenario.onsetMillis!;

  it('moves the churn share from about 26.5 % to 40 % at the onset, while no feature column drifts', () => {
    const before = drawScenarioCustomers({ scenario, timeMillis: onset - hourMillis, count: 5000, seed: 1 });
    const after = drawScenarioCustomers({ scenario, timeMillis: onset + hourMillis, count: 5000, seed: 2 });
    expect(Math.abs(churnRate(before) - 0.265)).toBeLessThan(0.02);
    expect(Math.abs(churnRate(after) - 0.4)).toBeLessThan(0.02);
    const churned = (rows: typeof before) => rows.filter((row) => row.Churn === 'Yes').length;
    const test = twoProportionZTest({ successesA: churned(after), totalA: after.length, successesB: churned(before), totalB: before.length });
    expect(test.pValue).toBeLessThan(1e-6);
    expect(driftedColumns(before, after)).toEqual([]);
  });
});
