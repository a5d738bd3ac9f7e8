// Training
export { trainClassifier } from './train-classifier.js';
export { trainClassifierInWorker } from './train-classifier-in-worker.js';
export type { TrainClassifierOptions, PositiveLabel, MaxFeatures } from './train-classifier-options.js';
export { classifierFlavors } from './classifier-flavors.js';
export type { ClassifierFlavor } from './classifier-flavors.js';

// Scoring and explaining
export type { Classifier } from './classifier.js';
export { permutationImportance } from './permutation-importance.js';
export type { PermutationImportanceOptions, FeatureImportance } from './permutation-importance.js';

// Serialization
export { loadClassifier } from './load-classifier.js';
export { classifierJsonFormat, classifierJsonVersion } from './classifier-json.js';
export type { ClassifierJson } from './classifier-json.js';

// Columns
export { inferColumnKinds, featureKinds } from './infer-column-kinds.js';
export type { FeatureKind, InferColumnKindsOptions } from './infer-column-kinds.js';
export type { TabularRow } from './tabular-row.js';
