import { solveCholesky } from './solve-cholesky.js';
import { decodeFloat64Array, encodeTypedArray, type EncodedTypedArray } from './typed-array-codec.js';

/** Hyperparameters of {@link trainLogisticRegression}, already resolved. */
export interface LogisticRegressionParameters {
  /** sklearn's `C`: the loss is summed over rows and the L2 penalty is `‖w‖² / (2C)`. */
  inverseRegularization: number;
  maxIterations: number;
  /** Stop when the largest gradient component falls below this (relative to the row count). */
  tolerance: number;
}

/** A fitted logistic regression: `P(positive) = sigmoid(intercept + weights · x)`. */
export interface LogisticModel {
  readonly intercept: number;
  readonly weights: Float64Array;
  /** Newton steps taken. */
  readonly iterations: number;
}

/** A serialized {@link LogisticModel}. */
export interface LogisticModelJson {
  kind: 'logistic';
  intercept: number;
  weights: EncodedTypedArray;
  iterations: number;
}

/**
 * L2-regularized logistic regression by Newton's method (IRLS) with a backtracking line search.
 * It reaches the same optimum as sklearn's `LogisticRegression(C)` (unpenalized intercept), to
 * far tighter tolerance than lbfgs's default. Each step costs O(rows · features²) + O(features³).
 *
 * @example
 * ```ts
 * const model = trainLogisticRegression(features, labels, rowCount, featureCount,
 *   { inverseRegularization: 1, maxIterations: 100, tolerance: 1e-10 });
 * ```
 */
export function trainLogisticRegression(
  features: Float64Array,
  labels: Uint8Array,
  rowCount: number,
  featureCount: number,
  parameters: LogisticRegressionParameters,
): LogisticModel {
  // Parameter vector: weights then the intercept.
  const size = featureCount + 1;
  const penalty = 1 / parameters.inverseRegularization;
  const theta = new Float64Array(size);
  const candidate = new Float64Array(size);
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  const margins = new Float64Array(rowCount);
  let objective = evaluate(theta);
  let iterations = 0;

  for (; iterations < parameters.maxIterations; iterations++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let row = 0; row < rowCount; row++) {
      const probability = sigmoid(margins[row]!);
      const residual = probability - labels[row]!;
      const curvature = Math.max(probability * (1 - probability), 1e-12);
      const base = row * featureCount;
      for (let first = 0; first < featureCount; first++) {
        const value = features[base + first]!;
        if (value === 0) continue;
        gradient[first]! += residual * value;
        const scaled = curvature * value;
        const offset = first * size;
        for (let second = 0; second <= first; second++) hessian[offset + second]! += scaled * features[base + second]!;
        hessian[offset + featureCount]! += scaled;
      }
      gradient[featureCount]! += residual;
      hessian[featureCount * size + featureCount]! += curvature;
    }
    for (let first = 0; first < featureCount; first++) {
      gradient[first]! += penalty * theta[first]!;
      hessian[first * size + first]! += penalty;
      // Mirror the lower triangle; the intercept column was filled in row `first`.
      for (let second = 0; second < first; second++) hessian[second * size + first] = hessian[first * size + second]!;
      hessian[featureCount * size + first] = hessian[first * size + featureCount]!;
    }
    let largest = 0;
    for (const component of gradient) largest = Math.max(largest, Math.abs(component));
    if (largest <= parameters.tolerance * Math.max(1, rowCount)) break;

    const step = Float64Array.from(gradient);
    if (!solveCholesky(hessian, step, size)) {
      // Fall back to a gradient step if the Hessian lost definiteness numerically.
      step.set(gradient);
      for (let index = 0; index < size; index++) step[index]! /= Math.max(1, rowCount);
    }
    let scale = 1;
    let improved = false;
    for (let attempt = 0; attempt < 30; attempt++) {
      for (let index = 0; index < size; index++) candidate[index] = theta[index]! - scale * step[index]!;
      const next = evaluate(candidate);
      if (next <= objective) {
        theta.set(candidate);
        objective = next;
        improved = true;
        break;
      }
      scale /= 2;
    }
    if (!improved) break;
  }
  evaluate(theta);
  return { intercept: theta[featureCount]!, weights: theta.slice(0, featureCount), iterations };

  // Penalized negative log-likelihood; also refreshes `margins` for `parameters`.
  function evaluate(parameterVector: Float64Array): number {
    let total = 0;
    const intercept = parameterVector[featureCount]!;
    for (let row = 0; row < rowCount; row++) {
      let margin = intercept;
      const base = row * featureCount;
      for (let feature = 0; feature < featureCount; feature++) margin += parameterVector[feature]! * features[base + feature]!;
      margins[row] = margin;
      // log(1 + e^m) - y·m, computed without overflow.
      total += Math.max(margin, 0) + Math.log1p(Math.exp(-Math.abs(margin))) - labels[row]! * margin;
    }
    let squares = 0;
    for (let feature = 0; feature < featureCount; feature++) squares += parameterVector[feature]! ** 2;
    return total + (penalty * squares) / 2;
  }
}

/**
 * The probability of the positive class for the row at `features[offset ...]`.
 *
 * @example
 * ```ts
 * predictLogistic(model, encodedRow, 0);
 * ```
 */
export function predictLogistic(model: LogisticModel, features: Float64Array, offset: number): number {
  const { weights } = model;
  let margin = model.intercept;
  for (let feature = 0; feature < weights.length; feature++) margin += weights[feature]! * features[offset + feature]!;
  return sigmoid(margin);
}

/** Serializes bit for bit. */
export function logisticModelToJson(model: LogisticModel): LogisticModelJson {
  // `+ 0` turns -0 into 0, which JSON text cannot carry; the weights travel bit for bit in base64.
  return { kind: 'logistic', intercept: model.intercept + 0, weights: encodeTypedArray(model.weights), iterations: model.iterations };
}

/** Reverses {@link logisticModelToJson}. */
export function logisticModelFromJson(json: LogisticModelJson, featureCount: number): LogisticModel {
  const weights = decodeFloat64Array(json.weights);
  if (weights.length !== featureCount) throw new RangeError(`Expected ${featureCount} weights, got ${weights.length}.`);
  return { intercept: json.intercept, weights, iterations: json.iterations };
}

function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}
