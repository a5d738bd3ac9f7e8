import type { Generated } from 'kysely';

/**
 * A timestamp as the dialect stores it: integer epoch milliseconds in SQLite, `timestamptz` in
 * PostgreSQL (read back as a `Date`, or as text when the pool's type parsers were changed).
 */
export type StoredTimestamp = number | Date | string;

/** JSON as the dialect stores it: TEXT in SQLite, jsonb in PostgreSQL (parsed by pg on read). */
export type StoredJson = unknown;

/** A boolean as the dialect stores it: 0/1 in SQLite, boolean in PostgreSQL. */
export type StoredBoolean = number | boolean;

/** A count as the dialect returns it (pg returns int8 as a string). */
export type StoredCount = number | string | bigint;

export interface PredictionRow {
  id: string;
  model_name: string;
  model_version: string;
  /** `''` for traffic without a segment, so that the filter is a plain equality. */
  segment: string;
  timestamp: StoredTimestamp;
  features: StoredJson;
  prediction: StoredJson;
  latency_millis: number | null;
  request_id: string | null;
  /** `null` when the record left it out (meaning `'ok'`), so that records read back equal those written. */
  status: string | null;
  error_message: string | null;
  cache_hit: StoredBoolean | null;
}

export interface OutcomeRow {
  prediction_id: string;
  /** The label as JSON, so strings, numbers and booleans keep their type. */
  label: StoredJson;
  timestamp: StoredTimestamp;
}

export interface WindowProfileRow {
  /** Row id: write order within a window. */
  id: Generated<number>;
  /**
   * The record's `id` (migration 0002), unique: a retried write of the same record is ignored.
   * `null` in rows written before that migration, or by a replica still running an older
   * version; those read back as `legacy-<row id>` and are never deduplicated.
   */
  record_id: string | null;
  model_name: string;
  model_version: string;
  segment: string;
  window_start: StoredTimestamp;
  window_seconds: number;
  replica_id: string;
  request_count: number;
  error_count: number;
  profile_spec: string;
  /** `serializeProfile(profile, { includeSpec: false })`; the spec is kept once in the specs table. */
  profile: string;
  latency_spec: string;
  latency: string;
}

export interface ProfileSpecRow {
  fingerprint: string;
  /** The `ProfileSpec` as JSON text. */
  spec: string;
}

export interface CheckResultRow {
  id: string;
  model_name: string;
  model_version: string;
  segment: string;
  checked_at: StoredTimestamp;
  window_start: StoredTimestamp;
  window_end: StoredTimestamp;
  kind: string;
  subject: string;
  value: number;
  severity: string;
  details: StoredJson;
}

export interface AlertRow {
  id: string;
  dedupe_key: string;
  model_name: string;
  model_version: string;
  severity: string;
  status: string;
  title: string;
  message: string;
  evidence: StoredJson;
  created_at: StoredTimestamp;
  /** JSON array of deliveries, appended to in place. */
  deliveries: StoredJson;
}

export interface BaselineRow {
  model_name: string;
  version: string;
  created_at: StoredTimestamp;
  profile_spec: string;
  profile: string;
  metrics: StoredJson;
}

export interface ModelRow {
  name: string;
}

/** Table names, prefixed so that the store can share a database with the host application. */
export const tableNames = {
  predictions: 'driftwatch_predictions',
  outcomes: 'driftwatch_outcomes',
  windowProfiles: 'driftwatch_window_profiles',
  profileSpecs: 'driftwatch_profile_specs',
  checkResults: 'driftwatch_check_results',
  alerts: 'driftwatch_alerts',
  baselines: 'driftwatch_baselines',
  models: 'driftwatch_models',
  migrations: 'driftwatch_migration',
  migrationLock: 'driftwatch_migration_lock',
} as const;

/** The kysely database type of the event store. */
export interface EventStoreTables {
  driftwatch_predictions: PredictionRow;
  driftwatch_outcomes: OutcomeRow;
  driftwatch_window_profiles: WindowProfileRow;
  driftwatch_profile_specs: ProfileSpecRow;
  driftwatch_check_results: CheckResultRow;
  driftwatch_alerts: AlertRow;
  driftwatch_baselines: BaselineRow;
  driftwatch_models: ModelRow;
}
