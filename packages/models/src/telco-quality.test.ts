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

// The histogram learners and logistic regression; the mljs flavors are in
// telco-quality-mljs.test.ts so that the two files run in parallel.
const cases: TelcoQualityCase[] = [
  {
    name: "'forest' defaults vs RandomForest(100)",
    options: { flavor: 'forest' },
    sklearnAuc: sklearnTelco.randomForest.auc,
    sklearnAccuracy: sklearnTelco.randomForest.accuracy,
  },
  {
    name: "'forest' maxDepth 10 vs RandomForest(max_depth=10)",
    options: { flavor: 'forest', maxDepth: 10 },
    sklearnAuc: sklearnTelco.randomForestDepth10.auc,
    sklearnAccuracy: sklearnTelco.randomForestDepth10.accuracy,
  },
  { name: "'boosting' vs HistGradientBoosting", options: { flavor: 'boosting' }, sklearnAuc: sklearnTelco.histGradientBoosting.auc },
  { name: "'logistic' vs LogisticRegression(C=1)", options: { flavor: 'logistic' }, sklearnAuc: sklearnTelco.logisticRegression.auc },
];

describe.skipIf(!telcoAvailable)(`Telco churn quality vs sklearn 1.2 (runs only where ${telcoDirectory} exists)`, { timeout: 120_000 }, () => {
  let split: ReturnType<typeof loadTelco>;
  beforeAll(() => {
    split = loadTelco();
  });

  it.each(cases)('$name', async ({ options, sklearnAuc, sklearnAccuracy }) => {
    const { auc, accuracy } = await measureTelcoQuality(split, options);
    expect(auc).toBeGreaterThanOrEqual(sklearnAuc - telcoAucTolerance);
    // Accuracy is not part of the bar; a looser check catches a broken threshold or label mix-up.
    if (sklearnAccuracy !== undefined) expect(accuracy).toBeGreaterThanOrEqual(sklearnAccuracy - 2 * telcoAucTolerance);
  });
});
