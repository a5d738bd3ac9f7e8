// Errors
export { DriftwatchError, driftwatchErrorCodes } from '@driftwatch/drift';
export type { DriftwatchErrorCode, DriftwatchErrorOptions } from '@driftwatch/drift';
export { AlertDeliveryError } from './errors/alert-delivery-error.js';
export type { AlertDeliveryErrorOptions } from './errors/alert-delivery-error.js';

// Records and schemas
export { predictionRecordSchema } from './records/prediction-record.js';
export type { Prediction, PredictionRecord } from './records/prediction-record.js';
export { outcomeRecordSchema } from './records/outcome-record.js';
export type { OutcomeRecord } from './records/outcome-record.js';
export { featureSpecSchema } from './records/feature-spec.js';
export type { FeatureDefinition, FeatureSpec } from './records/feature-spec.js';
export type { WindowProfileRecord } from './records/window-profile-record.js';
export { alertSeverities, checkKinds } from './records/check-result-record.js';
export type { AlertSeverity, CheckKind, CheckResultRecord } from './records/check-result-record.js';
export type { AlertDelivery, AlertEvidence, AlertRecord } from './records/alert-record.js';
export type { BaselineRecord } from './records/baseline-record.js';
export { createPredictionId } from './records/create-prediction-id.js';
export type {
  AliasHistoryRecord,
  AliasRecord,
  ModelArtifact,
  ModelVersionRecord,
  RoutingConfigRecord,
  RunMetricPoint,
  RunRecord,
} from './records/registry-records.js';

// Contracts
export { systemClock } from './contracts/clock.js';
export type { Clock, TimerHandle } from './contracts/clock.js';
export type {
  AlertQuery,
  CheckResultQuery,
  EventStore,
  LabelledPrediction,
  PredictionQuery,
  RetentionResult,
  TimeRangeQuery,
} from './contracts/event-store.js';
export type { AlertDeliveryResult, AlertSink } from './contracts/alert-sink.js';
export type { AcquireLeaseRequest, MoveAliasRequest, RegistryStore } from './contracts/registry-store.js';
export type { Job, JobQueue, SendJobOptions } from './contracts/job-queue.js';
export type { ModelRouter, RouteDecision } from './contracts/model-router.js';
export type { PredictionInput, PredictionLogger, PredictionLoggerCounters } from './contracts/prediction-logger.js';

// Baselines
export { createBaseline } from './baseline/create-baseline.js';
export type { BaselinePredictions, CreateBaselineOptions } from './baseline/create-baseline.js';
export { predictionColumns } from './baseline/prediction-columns.js';

// Prediction logger
export { createPredictionLogger } from './logger/create-prediction-logger.js';
export type { PredictionLoggerConfig } from './logger/create-prediction-logger.js';
export { flushOnShutdownSignals } from './logger/flush-on-shutdown-signals.js';
export type { FlushOnShutdownSignalsOptions, ShutdownSignalProcess } from './logger/flush-on-shutdown-signals.js';

// Monitor and alert policy
export { createMonitor } from './monitor/create-monitor.js';
export { severityRank } from './monitor/severity-rank.js';
export type { CheckRunError, CheckRunResult, Monitor, MonitorConfig, RunChecksOptions } from './monitor/create-monitor.js';
export { createAlertPolicy } from './monitor/create-alert-policy.js';
export type {
  AlertEvaluation,
  AlertHysteresis,
  AlertObservation,
  AlertPolicy,
  AlertPolicyConfig,
  AlertPolicyHistory,
  AlertRule,
  DataQualityRules,
  OpenIncident,
} from './monitor/create-alert-policy.js';
export { latencyQuantileNames, performanceMetricNames } from './monitor/check-measurement.js';
export type {
  CheckMeasurement,
  DataQualityMeasurement,
  DriftMeasurement,
  LatencyMeasurement,
  LatencyQuantileName,
  MovedBin,
  PerformanceMeasurement,
  PerformanceMetricName,
  VolumeMeasurement,
} from './monitor/check-measurement.js';

// Jobs
export { createInProcessJobQueue } from './jobs/create-in-process-job-queue.js';
export type { InProcessJobQueue, InProcessJobQueueConfig } from './jobs/create-in-process-job-queue.js';
