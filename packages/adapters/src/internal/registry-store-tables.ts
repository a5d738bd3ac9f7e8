import type { Generated } from 'kysely';
import type { StoredBoolean, StoredJson, StoredTimestamp } from './event-store-tables.js';

/** One row per registered model: its name (for `listModelNames`) and the row the version counter locks. */
export interface RegisteredModelRow {
  name: string;
  /** The highest version handed out; creating a version updates it under the row's lock. */
  last_version: number;
}

export interface ModelVersionRow {
  model_name: string;
  version: number;
  artifact_flavor: string;
  artifact_format_version: number;
  /**
   * The inline artifact as JSON text, or `null` when the artifact has no `data`. TEXT in both
   * dialects: the serialization is kept byte for byte (key order included) and PostgreSQL never
   * parses a document of megabytes that nothing queries into; `'null'` is JSON null, not absence.
   */
  artifact_data: string | null;
  artifact_uri: string | null;
  artifact_sha256: string | null;
  params: StoredJson;
  metrics: StoredJson;
  tags: StoredJson;
  training_data_fingerprint: string | null;
  training_row_count: number | null;
  feature_schema: StoredJson | null;
  description: string | null;
  run_id: string | null;
  created_at: StoredTimestamp;
}

export interface RunRow {
  id: string;
  experiment: string;
  status: string;
  params: StoredJson;
  metrics: StoredJson;
  artifacts: StoredJson;
  tags: StoredJson;
  started_at: StoredTimestamp;
  ended_at: StoredTimestamp | null;
  error: string | null;
}

export interface RunMetricRow {
  /** Write order, the last tie-breaker of `readRunMetrics`. */
  id: Generated<number | string>;
  run_id: string;
  key: string;
  value: number;
  step: number;
  at: StoredTimestamp;
}

/**
 * Where an alias points. A removed alias keeps its row with `version` null, so that the row
 * compare-and-set moves lock always exists after the first move, and `last_sequence` keeps counting.
 */
export interface AliasRow {
  model_name: string;
  alias: string;
  version: number | null;
  updated_at: StoredTimestamp;
  /** The sequence of the alias's latest history entry (0 before the first move). */
  last_sequence: number;
}

export interface AliasHistoryRow {
  model_name: string;
  alias: string;
  sequence: number;
  from_version: number | null;
  to_version: number | null;
  actor: string;
  reason: string;
  evidence: StoredJson;
  at: StoredTimestamp;
}

export interface RoutingConfigRow {
  model_name: string;
  weights: StoredJson;
  shadow_alias: string | null;
  kill_switch: StoredBoolean;
  salt: string;
  updated_at: StoredTimestamp;
}

export interface LeaseRow {
  name: string;
  owner: string;
  expires_at: StoredTimestamp;
}

/**
 * Table names of the registry store: prefixed like the event store's, distinct from them, with
 * their own migration bookkeeping, so both stores can share one database or schema.
 */
export const registryTableNames = {
  registeredModels: 'driftwatch_registered_models',
  modelVersions: 'driftwatch_model_versions',
  runs: 'driftwatch_runs',
  runMetrics: 'driftwatch_run_metrics',
  aliases: 'driftwatch_aliases',
  aliasHistory: 'driftwatch_alias_history',
  routingConfigs: 'driftwatch_routing_configs',
  leases: 'driftwatch_leases',
  migrations: 'driftwatch_registry_migration',
  migrationLock: 'driftwatch_registry_migration_lock',
} as const;

/** The kysely database type of the registry store. */
export interface RegistryStoreTables {
  driftwatch_registered_models: RegisteredModelRow;
  driftwatch_model_versions: ModelVersionRow;
  driftwatch_runs: RunRow;
  driftwatch_run_metrics: RunMetricRow;
  driftwatch_aliases: AliasRow;
  driftwatch_alias_history: AliasHistoryRow;
  driftwatch_routing_configs: RoutingConfigRow;
  driftwatch_leases: LeaseRow;
}
