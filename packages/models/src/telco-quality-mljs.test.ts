import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadTelco,
  measureTelcoQuality,
  sklearnTelco,
  telcoAucTolerance,
  telcoAvailable,
  telcoDirectory,
  type TelcoQualityCase,
} from './internal/telco-fixture.test-helper.js';

const cases: TelcoQualityCase[] = [
  { name: "'ml-cart' defaults (depth 6) vs DecisionTree(max_depth=6)", options: { flavor: 'ml-cart' }, sklearnAuc: sklearnTelco.decisionTreeDepth6.auc },
  // The defaults grow 30 trees of depth 10, so the bar is the depth-10 forest's figure, the
  // stricter of sklearn's two forests. This is the slowest test of the package (~8 s idle).
  {
    name: "'ml-random-forest' defaults (30 trees, depth 10) vs RandomForest(max_depth=10)",
    options: { flavor: 'ml-random-forest' },
    sklearnAuc: sklearnTelco.randomForestDepth10.auc,
  },
];

describe.skipIf(!telcoAvailable)(`Telco churn quality of the mljs flavors vs sklearn 1.2 (runs only where ${telcoDirectory} exists)`, { timeout: 120_000 }, () => {
  let split: ReturnType<typeof loadTelco>;
  beforeAll(() => {
    split = loadTelco();
  });

  it.each(cases)('$name', async ({ options, sklearnAuc }) => {
    const { auc } = await measureTelcoQuality(split, options);
    expect(auc).toBeGreaterThanOrEqual(sklearnAuc - telcoAucTolerance);
  });
});
