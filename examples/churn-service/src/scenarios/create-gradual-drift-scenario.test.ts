import { describe, expect, it } from 'vitest';
import { createGradualDriftScenario } from './create-gradual-drift-scenario.js';
import { drawScenarioCustomers } from './draw-scenario-customers.js';
import { churnRate, columnDrift, compareFeatures, driftedColumns } from './internal/feature-drift.test-helper.js';
import { dayMillis, simulationStartMillis } from './simulated-time.js';

describe('createGradualDriftScenario', () => {
  const scenario = createGradualDriftScenario();
  const onset = scenario.onsetMillis!;
  const reference = drawScenarioCustomers({ scenario, timeMillis: simulationStartMillis, count: 5000, seed: 1 });
  // The same seed at every day, so the days differ by the ramp and not by sampling noise.
  const atDay = (day: number) => drawScenarioCustomers({ scenario, timeMillis: onset + day * dayMillis, count: 5000, seed: 2 });
  const meanOf = (rows: ReturnType<typeof atDay>, column: 'MonthlyCharges' | 'tenure') => rows.reduce((sum, row) => sum + row[column], 0) / rows.length;

  it('starts at the onset with nothing drifted', () => {
    expect(scenario.description).toMatch(/30 days/);
    expect(driftedColumns(reference, atDay(0))).toEqual([]);
  });

  it('grows the effect over the 30-day ramp, then holds it', () => {
    const days = [1, 10, 20, 30];
    const samples = days.map(atDay);
    const priceEffects = samples.map((sample) => columnDrift(compareFeatures(reference, sample), 'MonthlyCharges').effect);
    for (let index = 1; index < days.length; index++) expect(priceEffects[index]!).toBeGreaterThan(priceEffects[index - 1]!);
    expect(meanOf(samples[3]!, 'MonthlyCharges') / meanOf(reference, 'MonthlyCharges')).toBeCloseTo(1.2, 1);
    expect(meanOf(samples[3]!, 'tenure') / meanOf(reference, 'tenure')).toBeLessThan(0.75);
    expect(driftedColumns(reference, samples[0]!)).toEqual([]);
    expect(driftedColumns(reference, samples[3]!)).toContain('MonthlyCharges');
    expect(churnRate(samples[3]!) - churnRate(samples[0]!)).toBeGreaterThan(0.03);
    expect(meanOf(atDay(45), 'MonthlyCharges')).toBeCloseTo(meanOf(samples[3]!, 'MonthlyCharges'), 5);
  });
});
