import { describe, expect, it } from 'vitest';
import { createNewCategoryScenario } from './create-new-category-scenario.js';
import { drawScenarioCustomers } from './draw-scenario-customers.js';
import { columnDrift, compareFeatures } from './internal/feature-drift.test-helper.js';
import { hourMillis, simulationStartMillis } from './simulated-time.js';

describe('createNewCategoryScenario', () => {
  const scenario = createNewCategoryScenario();
  const onset = scenario.onsetMillis!;
  const reference = drawScenarioCustomers({ scenario, timeMillis: simulationStartMillis, count: 5000, seed: 1 });

  it("shows 'Digital wallet' among the unseen PaymentMethod categories after the onset, and not before", () => {
    const before = columnDrift(compareFeatures(reference, drawScenarioCustomers({ scenario, timeMillis: onset - hourMillis, count: 5000, seed: 2 })), 'PaymentMethod');
    expect(before.quality.unseenCategories).toEqual([]);
    const currentRows = drawScenarioCustomers({ scenario, timeMillis: onset + hourMillis, count: 5000, seed: 2 });
    const after = columnDrift(compareFeatures(reference, currentRows), 'PaymentMethod');
    expect(after.quality.unseenCategories).toEqual(['Digital wallet']);
    expect(after.drifted).toBe(true);
    const walletShare = currentRows.filter((row) => row.PaymentMethod === 'Digital wallet').length / currentRows.length;
    expect(walletShare).toBeGreaterThan(0.13);
    expect(walletShare).toBeLessThan(0.17);
  });
});
