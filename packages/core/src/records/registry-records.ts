/** A registered model version. `version` is a positive integer, monotonic per model name. */
export interface ModelVersionRecord {
  modelName: string;
  version: number;
  /** Serialized model (for example `classifier.toJSON()` from `@driftwatch/models`), stored opaquely. */
  artifact: ModelArtifact;
  /** Hyperparameters the model was trained with. */
  params: Record<string, unknown>;
  /** Validation metrics: auc, accuracy… */
  metrics: Record<string, number>;
  tags: Record<string, string>;
  /** A hash of the training data, so two versions trained on the same rows can be told apart. */
  trainingDataFingerprint?: string;
  trainingRowCount?: number;
  /** The features the model takes. */
  featureSchema?: Record<string, unknown>;
  description?: string;
  /** The run that produced it, if any. */
  runId?: string;
  createdAt: Date;
}

/** A serialized model. `flavor` and `formatVersion` say how to load `data`. */
export interface ModelArtifact {
  flavor: string;
  formatVersion: number;
  /** Inline JSON (stored in the database), or absent when `uri` points to a file in an artifact directory. */
  data?: unknown;
  uri?: string;
  /** SHA-256 of the serialized artifact, checked on load. */
  sha256?: string;
}

/** A training or pipeline run (the MLflow tracking idea). */
export interface RunRecord {
  id: string;
  /** The experiment or pipeline name, such as `churn-retraining`. */
  experiment: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  params: Record<string, unknown>;
  /** Latest value of each metric. */
  metrics: Record<string, number>;
  /** Named artifacts: paths, URIs or small JSON values. */
  artifacts: Record<string, unknown>;
  tags: Record<string, string>;
  startedAt: Date;
  endedAt?: Date;
  error?: string;
}

/** One point of a metric's step series within a run. */
export interface RunMetricPoint {
  runId: string;
  key: string;
  value: number;
  step: number;
  at: Date;
}

/** Where an alias points now. */
export interface AliasRecord {
  modelName: string;
  alias: string;
  version: number;
  updatedAt: Date;
}

/** One move of an alias: who moved it, when, why, and on what evidence. */
export interface AliasHistoryRecord {
  modelName: string;
  alias: string;
  /** `undefined` when the alias was created by this move. */
  fromVersion?: number;
  /** `undefined` when the alias was removed by this move. */
  toVersion?: number;
  actor: string;
  reason: string;
  evidence: Record<string, unknown>;
  at: Date;
  /** Monotonic sequence per model and alias, for ordering moves within one millisecond. */
  sequence: number;
}

/**
 * How traffic for a model is split. Stored, so that a change reaches every worker within
 * the router's cache TTL without a restart.
 */
export interface RoutingConfigRecord {
  modelName: string;
  /** Share of traffic per alias; they need not sum to 1 (they are normalised). */
  weights: Record<string, number>;
  /** An alias scored in the background on every request, never returned. */
  shadowAlias?: string;
  /** When true every request goes to `champion`, whatever the weights. */
  killSwitch: boolean;
  /** Salt of the sticky hash; changing it reshuffles units between arms. */
  salt: string;
  updatedAt: Date;
}
