// Errors
export { DriftwatchError, driftwatchErrorCodes } from './errors/driftwatch-error.js';
export type { DriftwatchErrorCode, DriftwatchErrorOptions } from './errors/driftwatch-error.js';

// Samples and binning
export type { NumericSample } from './internal/numeric-sample.js';
export { numericBins, categoricalBins, countInBins, binIndex } from './binning.js';
export type { NumericBins, CategoricalBins, Bins } from './binning.js';

// Drift tests and distances
export { ksTest, ksTestSorted, ksMethods } from './ks-test.js';
export type { KsTestOptions, KsTestResult, KsMethod } from './ks-test.js';
export { chiSquaredTest, chiSquaredFromCounts } from './chi-squared-test.js';
export type { ChiSquaredTestOptions, ChiSquaredTestResult } from './chi-squared-test.js';
export { psi, psiFromCounts } from './psi.js';
export type { PsiOptions, PsiResult } from './psi.js';
export { jensenShannon, jensenShannonFromCounts } from './jensen-shannon.js';
export type { JensenShannonResult } from './jensen-shannon.js';
export { hellinger, hellingerFromCounts } from './hellinger.js';
export type { HellingerResult } from './hellinger.js';
export { wasserstein } from './wasserstein.js';
export type { WassersteinResult } from './wasserstein.js';
export { twoProportionZTest } from './two-proportion-z-test.js';
export type { TwoProportionZTestInput, TwoProportionZTestResult } from './two-proportion-z-test.js';

// Multiple testing
export { benjaminiHochberg } from './benjamini-hochberg.js';
export { bonferroni } from './bonferroni.js';

// Quantiles
export { quantile, latencyQuantiles } from './quantiles.js';
export type { LatencyQuantiles } from './quantiles.js';

// Classification metrics
export { confusionMatrix } from './metrics/confusion-matrix.js';
export type { ConfusionMatrix } from './metrics/confusion-matrix.js';
export { accuracy, precision, recall, f1Score, classificationReport } from './metrics/classification-report.js';
export type { ClassificationReport } from './metrics/classification-report.js';
export { rocAuc } from './metrics/roc-auc.js';
export { rocCurve } from './metrics/roc-curve.js';
export type { RocCurve } from './metrics/roc-curve.js';
export { logLoss } from './metrics/log-loss.js';
export { brierScore } from './metrics/brier-score.js';

// Dataset comparison
export { compareDatasets } from './compare-datasets.js';
export type { CompareDatasetsOptions, DatasetInput } from './compare-datasets.js';
export { columnKinds, driftSeverities, driftTests, effectMetrics, pValueCorrections } from './drift-report.js';
export type {
  ColumnDistribution,
  ColumnDrift,
  ColumnKind,
  ColumnQuality,
  DriftReport,
  DriftSeverity,
  DriftTest,
  EffectMetric,
  PValueCorrection,
  SeverityThresholds,
} from './drift-report.js';

// Mergeable profiles
export { createProfileSpec } from './profile/create-profile-spec.js';
export type { ProfileSpecOptions } from './profile/create-profile-spec.js';
export type { CategoricalColumnSpec, ColumnSpec, NumericColumnSpec, ProfileSpec } from './profile/profile-spec.js';
export { createProfile } from './profile/create-profile.js';
export { profileDataset } from './profile/profile-dataset.js';
export { ProfileBuilder } from './profile/profile-builder.js';
export type { ProfileBuilderConfig } from './profile/profile-builder.js';
export type { CategoricalColumnProfile, ColumnProfile, DatasetProfile, NumericColumnProfile } from './profile/dataset-profile.js';
export { mergeProfiles } from './profile/merge-profiles.js';
export { serializeProfile } from './profile/serialize-profile.js';
export type { SerializeProfileOptions } from './profile/serialize-profile.js';
export { parseProfile } from './profile/parse-profile.js';
export { parseProfileSpec } from './profile/parse-profile-spec.js';
export type { ParseProfileOptions } from './profile/parse-profile.js';
export { compareProfiles } from './profile/compare-profiles.js';
export type { CompareProfilesOptions } from './profile/compare-profiles.js';
export { sketchQuantile } from './profile/quantile-sketch.js';
export type { QuantileSketch, SketchBuckets } from './profile/quantile-sketch.js';
