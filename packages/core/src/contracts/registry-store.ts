import type {
  AliasHistoryRecord,
  AliasRecord,
  ModelVersionRecord,
  RoutingConfigRecord,
  RunMetricPoint,
  RunRecord,
} from '../records/registry-records.js';

/** A compare-and-set move of an alias. */
export interface MoveAliasRequest {
  modelName: string;
  alias: string;
  /** The version the alias must point to now; `undefined` means the alias must not exist yet. */
  expectedVersion: number | undefined;
  /** The new version; `undefined` removes the alias. */
  toVersion: number | undefined;
  actor: string;
  reason: string;
  evidence?: Record<string, unknown>;
  at: Date;
}

/**
 * A request to take or renew a named lease (see {@link RegistryStore.acquireLease}).
 *
 * @example
 * ```ts
 * import type { AcquireLeaseRequest } from '@driftwatch/core';
 * const now = Date.now();
 * const request: AcquireLeaseRequest = { name: 'retraining:churn', owner: 'worker-1', at: new Date(now), expiresAt: new Date(now + 600_000) };
 * ```
 */
export interface AcquireLeaseRequest {
  /** What the lease guards, such as `retraining:churn`. */
  name: string;
  /** Who asks: an id unique to one process or pipeline instance. */
  owner: string;
  /** Now, by the caller's clock. Expiry is judged against it, never against the database's clock. */
  at: Date;
  /** Until when the lease holds unless it is renewed or released. */
  expiresAt: Date;
}

/**
 * Where model versions, runs, aliases and routing live. Implemented by `createSqliteRegistryStore`
 * and `createPostgresRegistryStore` in `@driftwatch/adapters` and by an in-memory store in
 * `@driftwatch/core/testing`, all checked by `describeRegistryStoreContract`.
 *
 * Alias moves are compare-and-set: {@link RegistryStore.moveAlias} fails with `CONFLICT` when
 * the alias no longer points to `expectedVersion`, so two workers can never both promote.
 *
 * Leases ({@link RegistryStore.acquireLease}) make a job a singleton across processes, such as
 * one retraining run per model: taking a lease is one atomic statement, never a read then a write.
 *
 * Lifecycle: {@link RegistryStore.migrate} once before use (idempotent); {@link RegistryStore.shutdown} at the end (idempotent).
 *
 * @example
 * ```ts
 * import type { RegistryStore } from '@driftwatch/core';
 * async function promote(store: RegistryStore, from: number, to: number) {
 *   await store.moveAlias({
 *     modelName: 'churn', alias: 'champion', expectedVersion: from, toVersion: to,
 *     actor: 'pipeline', reason: 'challenger won the A/B test', at: new Date(),
 *   });
 * }
 * ```
 */
export interface RegistryStore {
  migrate(): Promise<void>;

  /** Registers a version; the store assigns `version` = previous highest + 1 atomically. */
  createModelVersion(record: Omit<ModelVersionRecord, 'version'>): Promise<ModelVersionRecord>;
  /** One version, or `undefined`. */
  readModelVersion(modelName: string, version: number): Promise<ModelVersionRecord | undefined>;
  /** Every version of a model, oldest first. Artifacts' inline `data` is omitted unless asked for. */
  listModelVersions(modelName: string, options?: { includeArtifactData?: boolean }): Promise<ModelVersionRecord[]>;
  /** Names of every registered model, sorted. */
  listModelNames(): Promise<string[]>;
  /** Replaces the tags of a version. Rejects with `NOT_FOUND` for an unknown version. */
  setModelVersionTags(modelName: string, version: number, tags: Record<string, string>): Promise<void>;

  /** Creates a run or replaces it (status, metrics, artifacts, end time). */
  writeRun(record: RunRecord): Promise<void>;
  readRun(id: string): Promise<RunRecord | undefined>;
  /** Runs of an experiment, newest first (by `startedAt`, then `id` descending); `limit` @default 100. */
  listRuns(experiment: string, options?: { limit?: number; status?: RunRecord['status'] }): Promise<RunRecord[]>;
  /** Appends points to runs' metric step series. */
  writeRunMetrics(points: readonly RunMetricPoint[]): Promise<void>;
  /** A run's metric series, by key then step. */
  readRunMetrics(runId: string, key?: string): Promise<RunMetricPoint[]>;

  /** Where the alias points now, or `undefined`. */
  readAlias(modelName: string, alias: string): Promise<AliasRecord | undefined>;
  listAliases(modelName: string): Promise<AliasRecord[]>;
  /**
   * Compare-and-set move; appends to the history in the same transaction (`evidence` defaults to `{}`,
   * `sequence` is the alias's previous highest + 1, starting at 1). Rejects with `CONFLICT` when the
   * alias does not point to `expectedVersion` (nothing is written), and with `NOT_FOUND` when
   * `toVersion` is not a registered version of the model.
   */
  moveAlias(request: MoveAliasRequest): Promise<AliasHistoryRecord>;
  /** The moves of one alias (or every alias of the model), oldest first (by `at`, then `sequence`). */
  readAliasHistory(modelName: string, alias?: string): Promise<AliasHistoryRecord[]>;

  readRoutingConfig(modelName: string): Promise<RoutingConfigRecord | undefined>;
  writeRoutingConfig(record: RoutingConfigRecord): Promise<void>;

  /**
   * Takes the named lease for `owner`, atomically. Resolves `true` when `owner` holds it afterwards:
   * it was free, it had expired (`expiresAt <= at`), or `owner` already held it (then it is renewed
   * to the new `expiresAt`). Resolves `false` while another owner holds an unexpired lease.
   */
  acquireLease(request: AcquireLeaseRequest): Promise<boolean>;
  /** Gives the lease up if `owner` holds it; otherwise does nothing. */
  releaseLease(name: string, owner: string): Promise<void>;

  shutdown(): Promise<void>;
}
