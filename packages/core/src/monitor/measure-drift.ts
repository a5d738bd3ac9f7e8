import type { DriftReport } from '@driftwatch/drift';
import type { DriftMeasurement } from './check-measurement.js';
import { predictionColumns } from '../baseline/prediction-columns.js';
import { topMovedBins } from './top-moved-bins.js';

/** What {@link measureDrift} needs besides the report. */
export interface MeasureDriftOptions {
  /** Feature columns to report; other non-prediction columns are left out. */
  features: ReadonlySet<string>;
  /** Report feature drift. */
  featureDrift: boolean;
  /** Report drift of `prediction.score` and `prediction.label`. */
  predictionDrift: boolean;
}

/**
 * Splits one `DriftReport` (the window's merged profile compared with the baseline's) into a
 * measurement per feature and per prediction column, each with its top three moved bins.
 *
 * @example
 * ```ts
 * import { compareProfiles, createProfileSpec, profileDataset } from '@driftwatch/drift';
 * import { measureDrift } from './measure-drift.js';
 * const spec = createProfileSpec({ tenure: [1, 5, 9, 30, 60] });
 * const report = compareProfiles(profileDataset(spec, { tenure: [1, 5, 9, 30, 60] }), profileDataset(spec, { tenure: [50, 60, 70] }));
 * measureDrift(report, { features: new Set(['tenure']), featureDrift: true, predictionDrift: true })[0]!.subject; // 'tenure'
 * ```
 */
export function measureDrift(report: DriftReport, options: MeasureDriftOptions): DriftMeasurement[] {
  const measurements: DriftMeasurement[] = [];
  for (const column of report.columns) {
    const isPrediction = column.name === predictionColumns.score || column.name === predictionColumns.label;
    if (isPrediction ? !options.predictionDrift : !options.featureDrift || !options.features.has(column.name)) continue;
    measurements.push({
      kind: isPrediction ? 'prediction-drift' : 'feature-drift',
      subject: column.name,
      column,
      topBins: topMovedBins(column.distribution, 3),
    });
  }
  return measurements;
}
