import type { DatasetProfile } from '@driftwatch/drift';

/**
 * A mergeable summary of one window of traffic for one model version, segment and replica.
 * The profile's columns are the features plus `prediction.score` and `prediction.label`,
 * laid out by the baseline's spec. Several records for the same window (from several replicas,
 * or from one replica that flushed twice) merge into one with `mergeProfiles`.
 */
export interface WindowProfileRecord {
  /**
   * Unique per record (the logger's window profiler gives each flushed record a UUIDv7 from
   * `createPredictionId`). Stores ignore a record whose id they already hold, so a write retried
   * after a timeout that the store had in fact committed is not counted twice. Rows that SQL
   * stores wrote before ids existed read back with a `legacy-` id.
   */
  id: string;
  modelName: string;
  modelVersion: string;
  /** The segment, or `''` for traffic without one. */
  segment: string;
  /** Start of the window, aligned to a multiple of `windowSeconds` since the epoch. */
  windowStart: Date;
  windowSeconds: number;
  /** Which process wrote it. */
  replicaId: string;
  /** Predictions logged in the window, errors included. */
  requestCount: number;
  /** Predictions whose handler failed. */
  errorCount: number;
  /** Profile of the features and predictions. */
  profile: DatasetProfile;
  /** Profile of the `latencyMillis` column alone (quantile sketch with min, max, mean). */
  latency: DatasetProfile;
}
