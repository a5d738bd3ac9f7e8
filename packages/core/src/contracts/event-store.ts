import type { AlertDelivery, AlertRecord } from '../records/alert-record.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import type { CheckKind, CheckResultRecord } from '../records/check-result-record.js';
import type { OutcomeRecord } from '../records/outcome-record.js';
import type { PredictionRecord } from '../records/prediction-record.js';
import type { WindowProfileRecord } from '../records/window-profile-record.js';

/** A half-open time range `[from, to)` plus optional filters. */
export interface TimeRangeQuery {
  modelName: string;
  from: Date;
  to: Date;
  /** Only this model version. @default every version */
  modelVersion?: string;
  /** Only this segment (`''` is traffic without a segment). @default every segment */
  segment?: string;
}

/** A query for raw predictions, newest first. */
export interface PredictionQuery extends TimeRangeQuery {
  /** @default 100 */
  limit?: number;
  /** Only predictions with `status: 'error'`. @default false */
  errorsOnly?: boolean;
}

/** A prediction joined with its outcome. */
export interface LabelledPrediction {
  prediction: PredictionRecord;
  outcome: OutcomeRecord;
}

/** A query for check results. */
export interface CheckResultQuery extends TimeRangeQuery {
  kind?: CheckKind;
  subject?: string;
}

/** A query for alerts, newest first. */
export interface AlertQuery {
  modelName?: string;
  from?: Date;
  to?: Date;
  status?: AlertRecord['status'];
  dedupeKey?: string;
  /** @default 100 */
  limit?: number;
}

/** Counts of rows removed by {@link EventStore.deleteBefore}. */
export interface RetentionResult {
  predictions: number;
  outcomes: number;
  windowProfiles: number;
  checkResults: number;
}

/**
 * Where Driftwatch keeps what it observes. Implemented by `createSqliteEventStore` and
 * `createPostgresEventStore` in `@driftwatch/adapters`, and by an in-memory store in
 * `@driftwatch/core/testing`. Every write takes a batch. Every implementation passes the
 * shared contract suite (`describeEventStoreContract`).
 *
 * Lifecycle: call {@link EventStore.migrate} once before use (idempotent), and
 * {@link EventStore.shutdown} once at the end (idempotent; later calls reject with `SHUTDOWN`).
 *
 * @example
 * ```ts
 * import type { EventStore, PredictionRecord } from '@driftwatch/core';
 * async function save(store: EventStore, batch: PredictionRecord[]) {
 *   await store.migrate();
 *   await store.writePredictions(batch);
 * }
 * ```
 */
export interface EventStore {
  /** Creates or upgrades the schema. Safe to call from several processes at once. */
  migrate(): Promise<void>;

  /** Writes predictions. A duplicate id is ignored, so a retried batch is not double-counted. */
  writePredictions(records: readonly PredictionRecord[]): Promise<void>;
  /** Writes outcomes. A second outcome for the same prediction replaces the first. */
  writeOutcomes(records: readonly OutcomeRecord[]): Promise<void>;
  /** Appends window profiles; readers merge records of the same window. A duplicate id is ignored, so a retried batch is not double-counted. */
  writeWindowProfiles(records: readonly WindowProfileRecord[]): Promise<void>;
  writeCheckResults(records: readonly CheckResultRecord[]): Promise<void>;
  /** Writes alerts; an existing id is replaced (its deliveries updated). */
  writeAlerts(records: readonly AlertRecord[]): Promise<void>;
  /** Appends delivery results to a stored alert. */
  recordAlertDeliveries(alertId: string, deliveries: readonly AlertDelivery[]): Promise<void>;
  /** Saves a baseline; the same model name and version replaces it. */
  writeBaseline(record: BaselineRecord): Promise<void>;

  /** Raw predictions, newest first. */
  readPredictions(query: PredictionQuery): Promise<PredictionRecord[]>;
  /** One prediction by id, or `undefined`. */
  readPrediction(id: string): Promise<PredictionRecord | undefined>;
  /** Predictions in the range that have an outcome, joined by prediction id. */
  readLabelledPredictions(query: TimeRangeQuery): Promise<LabelledPrediction[]>;
  /** Window profiles whose `windowStart` lies in the range, oldest first. */
  readWindowProfiles(query: TimeRangeQuery): Promise<WindowProfileRecord[]>;
  /** Check results whose `checkedAt` lies in the range, oldest first. */
  readCheckResults(query: CheckResultQuery): Promise<CheckResultRecord[]>;
  readAlerts(query: AlertQuery): Promise<AlertRecord[]>;
  /** The named baseline version, or the newest when `version` is omitted; `undefined` when none. */
  readBaseline(modelName: string, version?: string): Promise<BaselineRecord | undefined>;
  /** Model names that have logged predictions or baselines. */
  listModels(): Promise<string[]>;

  /** Deletes predictions, outcomes, window profiles and check results older than `cutoff`. Alerts are kept. */
  deleteBefore(cutoff: Date): Promise<RetentionResult>;

  /** Closes connections the store opened itself (never a pool or database the user passed in). Idempotent. */
  shutdown(): Promise<void>;
}
