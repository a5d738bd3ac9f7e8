import type { DatasetProfile } from '@driftwatch/drift';

/**
 * What "normal" looks like for a model: a profile of its training (or validation) data and of
 * its predictions on it, plus its performance there. Checks compare production windows
 * against it. Versioned, so a retrained model gets a new baseline and the old one stays.
 */
export interface BaselineRecord {
  modelName: string;
  /** Baseline version, usually the model version it was built for. */
  version: string;
  createdAt: Date;
  /** Profile of the features and of `prediction.score` / `prediction.label`; its spec lays out every window profile. */
  profile: DatasetProfile;
  /** Performance on the baseline data, for degradation checks: accuracy, auc, f1… */
  metrics: Record<string, number>;
}
