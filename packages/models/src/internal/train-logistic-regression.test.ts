import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';
import { predictLogistic, trainLogisticRegression } from './train-logistic-regression.js';

describe('trainLogisticRegression', () => {
  it('reaches the penalized optimum: the gradient vanishes', () => {
    const random = createRandom(5);
    const rowCount = 400;
    const featureCount = 3;
    const features = new Float64Array(rowCount * featureCount).map(() => random.nextFloat() * 2 - 1);
    const labels = new Uint8Array(rowCount).map((_, row) =>
      features[row * 3]! * 2 - features[row * 3 + 1]! + (random.nextFloat() - 0.5) > 0 ? 1 : 0,
    );
    const inverseRegularization = 0.5;
    const model = trainLogisticRegression(features, labels, rowCount, featureCount, {
      inverseRegularization, maxIterations: 100, tolerance: 1e-12,
    });
    const gradient = new Float64Array(featureCount + 1);
    for (let row = 0; row < rowCount; row++) {
      const residual = predictLogistic(model, features, row * featureCount) - labels[row]!;
      for (let feature = 0; feature < featureCount; feature++) gradient[feature]! += residual * features[row * featureCount + feature]!;
      gradient[featureCount]! += residual;
    }
    for (let feature = 0; feature < featureCount; feature++) gradient[feature]! += model.weights[feature]! / inverseRegularization;
    for (const component of gradient) expect(Math.abs(component)).toBeLessThan(1e-8);
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
  });
});
