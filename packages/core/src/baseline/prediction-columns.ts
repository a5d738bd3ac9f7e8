/**
 * Names of the profile columns that hold a model's answer, next to the feature columns, in
 * baseline and window profiles. A feature may not take one of these names.
 */
export const predictionColumns = Object.freeze({
  score: 'prediction.score',
  label: 'prediction.label',
} as const);
