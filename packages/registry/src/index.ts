// Registry: versions, aliases with history and rollback, runs
export { createModelRegistry } from './registry/create-model-registry.js';
export type {
  AliasMoveOptions,
  EndRunOptions,
  ModelRegistry,
  ModelRegistryConfig,
  RegisterModelVersionInput,
  RegisterRunOptions,
  RemoveAliasRequest,
  RoutingChange,
  SetAliasRequest,
  StartRunInput,
  VersionSelector,
} from './registry/create-model-registry.js';
export { compareRuns } from './registry/compare-runs.js';
export type { RunComparison } from './registry/compare-runs.js';
export { findVersionAt } from './registry/find-version-at.js';

// Artifacts
export type { ArtifactContent, ArtifactStore } from './artifacts/artifact-store.js';
export { createInlineArtifactStore } from './artifacts/create-inline-artifact-store.js';
export { createFileArtifactStore } from './artifacts/create-file-artifact-store.js';
export type { FileArtifactStoreConfig } from './artifacts/create-file-artifact-store.js';
export { classifierArtifact } from './artifacts/classifier-artifact.js';

// Router
export { createModelRouter } from './router/create-model-router.js';
export type { ModelRouterConfig, RegistryModelRouter, RouteRequest, RouterCounter } from './router/create-model-router.js';
export { hashUnitKey } from './hash-unit-key.js';

// Promotion
export { proportionDifferenceConfidenceSequence } from './promotion/proportion-difference-confidence-sequence.js';
export type {
  ProportionDifferenceConfidenceSequenceOptions,
  ProportionDifferenceConfidenceSequenceResult,
  ProportionDifferenceInput,
} from './promotion/proportion-difference-confidence-sequence.js';
export { createPromotionPolicy, resolvePromotionPolicyConfig } from './promotion/create-promotion-policy.js';
export type {
  ArmEvidence,
  GuardrailResult,
  ProbationEvaluation,
  PromotionEvidence,
  PromotionGuardrails,
  PromotionPolicy,
  PromotionPolicyConfig,
  PromotionTestEvaluation,
  PromotionTestState,
  ResolvedPromotionPolicyConfig,
} from './promotion/create-promotion-policy.js';
export type { ArmSummary } from './promotion/arm-summary.js';
export { summarizeArm } from './promotion/summarize-arm.js';
export type { SummarizeArmOptions } from './promotion/summarize-arm.js';
export { createPromotionController } from './promotion/create-promotion-controller.js';
export type {
  PromotionController,
  PromotionControllerConfig,
  PromotionState,
  PromotionStep,
  StartTestRequest,
} from './promotion/create-promotion-controller.js';

// Retraining pipeline
export { createRetrainingPipeline } from './pipeline/create-retraining-pipeline.js';
export type {
  RetrainingOutcome,
  RetrainingPipeline,
  RetrainingPipelineConfig,
  RetrainingRunResult,
  RetrainingTrainingOptions,
  RetrainingTrigger,
  RetrainingValidation,
} from './pipeline/create-retraining-pipeline.js';
export { retrainingStepNames } from './pipeline/retraining-step-names.js';
export type { RetrainingStepName, RetrainingStepRecord } from './pipeline/retraining-step-names.js';
export { retrainingJobName } from './pipeline/retraining-job-name.js';
export { registerRetrainingJobs } from './pipeline/register-retraining-jobs.js';
export type { RegisterRetrainingJobsOptions, RetrainingJobPayload } from './pipeline/register-retraining-jobs.js';
export { createRetrainingAlertSink } from './pipeline/create-retraining-alert-sink.js';
export type { RetrainingAlertSinkConfig } from './pipeline/create-retraining-alert-sink.js';
