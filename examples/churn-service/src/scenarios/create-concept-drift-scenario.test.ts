import { rocAuc } from '@driftwatch/drift';
import { trainClassifier } from '@driftwatch/models';
import { describe, expect, it } from 'vitest';
import { createConceptDriftScenario } from './create-concept-drift-scenario.js';
import { drawScenarioCustomers } from './draw-scenario-customers.js';
import { churnRate, driftedColumns } from './internal/feature-drift.test-helper.js';
import { hourMillis, simulationStartMillis } from './simulated-time.js';

describe('createConceptDriftScenario', () => {
  const scenario = createConceptDriftScenario();
  const onset = scenario.onsetMillis!;

  it('changes who churns, not the features nor the churn rate, and the baseline model loses its edge', async () => {
    const training = drawScenarioCustomers({ scenario, timeMillis: simulationStartMillis, count: 5000, seed: 1 });
    const before = drawScenarioCustomers({ scenario, timeMillis: onset - hourMillis, count: 5000, seed: 2 });
    const after = drawScenarioCustomers({ scenario, timeMillis: onset + hourMillis, count: 5000, seed: 3 });
    expect(driftedColumns(before, after)).toEqual([]);
    expect(Math.abs(churnRate(after) - churnRate(before))).toBeLessThan(0.03);

    const classifier = await trainClassifier(training, { target: 'Churn', positive: 'Yes', flavor: 'logistic', exclude: ['customerID'] });
    const auc = (rows: typeof before) => rocAuc(rows.map((row) => row.Churn), classifier.predictProba(rows), { positive: 'Yes' });
    const aucBefore = auc(before);
    const aucAfter = auc(after);
    expect(aucBefore).toBeGreaterThan(0.8);
    expect(aucAfter).toBeLessThan(aucBefore - 0.15);
  });

  it('can let the churn rate move instead', () => {
    const moving = createConceptDriftScenario({ keepChurnRate: false });
    const after = drawScenarioCustomers({ scenario: moving, timeMillis: onset + hourMillis, count: 5000, seed: 3 });
    expect(churnRate(after)).toBeGreaterThan(0.4);
  });
});
