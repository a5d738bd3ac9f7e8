import type { Prediction } from '@driftwatch/core';

/**
 * Reads the prediction from a JSON response body, the default `getPrediction`:
 *
 * - `label`: the body's `label`, else its `prediction` when that is a string, number or boolean;
 * - `score`: the body's `score`, else its `probability`, when it is a finite number;
 * - when `prediction` is an object, the same fields are read inside it (`{ prediction: { label, score } }`).
 *
 * Anything else gives an empty prediction `{}`, which is still logged with its features.
 *
 * @example
 * ```ts
 * import { defaultGetPrediction } from '@driftwatch/express-middleware';
 * defaultGetPrediction({ label: 'Yes', score: 0.71 }); // { label: 'Yes', score: 0.71 }
 * defaultGetPrediction({ prediction: 1, probability: 0.93 }); // { label: 1, score: 0.93 }
 * ```
 */
export function defaultGetPrediction(responseBody: unknown): Prediction {
  if (typeof responseBody !== 'object' || responseBody === null || Array.isArray(responseBody)) return {};
  const body = responseBody as Record<string, unknown>;
  const nested = body.prediction;
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    const inner = nested as Record<string, unknown>;
    return build(inner.label, inner.prediction, inner.score ?? body.score, inner.probability ?? body.probability);
  }
  return build(body.label, nested, body.score, body.probability);
}

function build(label: unknown, fallbackLabel: unknown, score: unknown, fallbackScore: unknown): Prediction {
  const prediction: Prediction = {};
  const chosenLabel = isLabel(label) ? label : isLabel(fallbackLabel) ? fallbackLabel : undefined;
  if (chosenLabel !== undefined) prediction.label = chosenLabel;
  const chosenScore = isScore(score) ? score : isScore(fallbackScore) ? fallbackScore : undefined;
  if (chosenScore !== undefined) prediction.score = chosenScore;
  return prediction;
}

function isLabel(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
