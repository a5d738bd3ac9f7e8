import { randomUUID } from 'node:crypto';
import {
  DriftwatchError,
  systemClock,
  type AliasHistoryRecord,
  type AliasRecord,
  type Clock,
  type ModelArtifact,
  type ModelVersionRecord,
  type RegistryStore,
  type RoutingConfigRecord,
  type RunMetricPoint,
  type RunRecord,
} from '@driftwatch/core';
import { classifierJsonFormat, loadClassifier, type Classifier, type ClassifierJson } from '@driftwatch/models';
import type { ArtifactContent, ArtifactStore } from '../artifacts/artifact-store.js';
import { createInlineArtifactStore } from '../artifacts/create-inline-artifact-store.js';
import { compareRuns, type RunComparison } from './compare-runs.js';
import { findVersionAt } from './find-version-at.js';
import { rollbackEvidenceKey, rollbackTarget } from './rollback-target.js';

/**
 * Config for {@link createModelRegistry}. Only `store` is required.
 *
 * @example
 * ```ts
 * import type { ModelRegistryConfig } from '@driftwatch/registry';
 * import { createInMemoryRegistryStore } from '@driftwatch/core/testing';
 * const config: ModelRegistryConfig = { store: createInMemoryRegistryStore(), actor: 'ci' };
 * ```
 */
export interface ModelRegistryConfig {
  /** Where versions, runs, aliases and routing live. The registry never shuts it down. */
  store: RegistryStore;
  /** Where artifacts' data lives. @default createInlineArtifactStore() (inline in the store) */
  artifactStore?: ArtifactStore;
  /** Timestamps of versions, runs and alias moves. @default systemClock */
  clock?: Clock;
  /** Who is recorded as moving an alias when the call does not say. @default 'driftwatch' */
  actor?: string;
  /** Creates run ids and routing salts. @default crypto.randomUUID */
  createId?: () => string;
}

/**
 * A new model version: the artifact to store and what to record with it.
 *
 * @example
 * ```ts
 * import type { RegisterModelVersionInput } from '@driftwatch/registry';
 * const input: RegisterModelVersionInput = {
 *   modelName: 'churn',
 *   artifact: { flavor: 'constant', formatVersion: 1, data: { score: 0.27 } },
 *   metrics: { auc: 0.5 },
 * };
 * ```
 */
export interface RegisterModelVersionInput {
  modelName: string;
  /** The serialized model; the registry's artifact store saves it. See `classifierArtifact`. */
  artifact: ArtifactContent;
  /** @default {} */
  params?: Record<string, unknown>;
  /** @default {} */
  metrics?: Record<string, number>;
  /** @default {} */
  tags?: Record<string, string>;
  trainingDataFingerprint?: string;
  trainingRowCount?: number;
  featureSchema?: Record<string, unknown>;
  description?: string;
  runId?: string;
}

/**
 * A version number, its decimal string (as in `RouteDecision.modelVersion`), or an alias name.
 *
 * @example
 * ```ts
 * import type { VersionSelector } from '@driftwatch/registry';
 * const selectors: VersionSelector[] = [3, '3', 'champion'];
 * ```
 */
export type VersionSelector = number | string;

/**
 * Who moves an alias, why, and on what evidence; recorded in the alias history.
 *
 * @example
 * ```ts
 * import type { AliasMoveOptions } from '@driftwatch/registry';
 * const options: AliasMoveOptions = { actor: 'ana', reason: 'hotfix', evidence: { ticket: 'OPS-12' } };
 * ```
 */
export interface AliasMoveOptions {
  /** @default the registry's `actor` */
  actor?: string;
  /** @default a short description of the move */
  reason?: string;
  /** @default {} */
  evidence?: Record<string, unknown>;
}

/**
 * Points an alias at a version, by compare-and-set.
 *
 * @example
 * ```ts
 * import type { SetAliasRequest } from '@driftwatch/registry';
 * const request: SetAliasRequest = { modelName: 'churn', alias: 'champion', version: 4, expectedVersion: 3, reason: 'won the A/B test' };
 * ```
 */
export interface SetAliasRequest extends AliasMoveOptions {
  modelName: string;
  alias: string;
  version: number;
  /**
   * The version the alias must point to now: a number, `null` for "the alias must not exist", or
   * omitted for "wherever it points now" (read, then compare-and-set, so a concurrent move still
   * makes this one fail with `CONFLICT` rather than be overwritten silently).
   * @default undefined (the current version)
   */
  expectedVersion?: number | null;
}

/**
 * Removes an alias, by compare-and-set.
 *
 * @example
 * ```ts
 * import type { RemoveAliasRequest } from '@driftwatch/registry';
 * const request: RemoveAliasRequest = { modelName: 'churn', alias: 'challenger', expectedVersion: 5, reason: 'retired' };
 * ```
 */
export interface RemoveAliasRequest extends AliasMoveOptions {
  modelName: string;
  alias: string;
  /** The version the alias must point to now. @default undefined (the current version) */
  expectedVersion?: number;
}

/**
 * A change to a model's routing; fields left out keep their stored value.
 *
 * @example
 * ```ts
 * import type { RoutingChange } from '@driftwatch/registry';
 * const ninetyTen: RoutingChange = { weights: { champion: 0.9, challenger: 0.1 } };
 * const stop: RoutingChange = { killSwitch: true };
 * ```
 */
export interface RoutingChange {
  /** Share of traffic per alias (normalised by the router). @default { champion: 1 } for a new config */
  weights?: Record<string, number>;
  /** An alias to score in the background; `null` turns shadow mode off. @default none for a new config */
  shadowAlias?: string | null;
  /** Send everything to `champion`, with no shadow. @default false for a new config */
  killSwitch?: boolean;
  /** Salt of the sticky hash; a new salt reshuffles units between arms. @default a random id for a new config */
  salt?: string;
}

/**
 * A new run (an MLflow-style tracked experiment run).
 *
 * @example
 * ```ts
 * import type { StartRunInput } from '@driftwatch/registry';
 * const input: StartRunInput = { experiment: 'churn-tuning', params: { maxDepth: 10 } };
 * ```
 */
export interface StartRunInput {
  experiment: string;
  /** @default {} */
  params?: Record<string, unknown>;
  /** @default {} */
  tags?: Record<string, string>;
  /** @default the registry's `createId()` */
  id?: string;
}

/**
 * How a run ended.
 *
 * @example
 * ```ts
 * import type { EndRunOptions } from '@driftwatch/registry';
 * const failed: EndRunOptions = { status: 'failed', error: 'one class only' };
 * ```
 */
export interface EndRunOptions {
  /** @default 'succeeded' */
  status?: Exclude<RunRecord['status'], 'running'>;
  error?: string;
}

/**
 * Registers a run's logged model as a version.
 *
 * @example
 * ```ts
 * import type { RegisterRunOptions } from '@driftwatch/registry';
 * const options: RegisterRunOptions = { modelName: 'churn', description: 'depth 10 won the sweep' };
 * ```
 */
export interface RegisterRunOptions {
  modelName: string;
  /** The key under which the run logged its model (`logModel`). @default 'model' */
  artifactKey?: string;
  description?: string;
  /** @default {} */
  tags?: Record<string, string>;
}

/**
 * The model registry: versions with their artifacts, aliases (`champion`, `challenger`, any
 * name) moved by compare-and-set with a history of who, when, why and on what evidence, one-call
 * rollback, "which version was champion at time T", routing configs, and MLflow-style runs that
 * can be compared and registered as versions. Everything is stored through a {@link RegistryStore},
 * so several workers share one registry.
 *
 * @example
 * ```ts
 * import { createModelRegistry, type ModelRegistry } from '@driftwatch/registry';
 * import { createInMemoryRegistryStore } from '@driftwatch/core/testing';
 * const registry: ModelRegistry = createModelRegistry({ store: createInMemoryRegistryStore() });
 * const version = await registry.registerModelVersion({
 *   modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: { score: 0.27 } },
 * });
 * await registry.setAlias({ modelName: 'churn', alias: 'champion', version: version.version, reason: 'first model' });
 * ```
 */
export interface ModelRegistry {
  readonly store: RegistryStore;
  readonly artifactStore: ArtifactStore;

  /** Saves the artifact and registers the next version of the model (1, 2, 3… per name). */
  registerModelVersion(input: RegisterModelVersionInput): Promise<ModelVersionRecord>;
  /** A version by number or alias, with its artifact's inline data; `undefined` when absent. */
  getModelVersion(modelName: string, selector: VersionSelector): Promise<ModelVersionRecord | undefined>;
  /** Every version of a model, oldest first, without inline artifact data. */
  listModelVersions(modelName: string): Promise<ModelVersionRecord[]>;
  listModelNames(): Promise<string[]>;
  /** Replaces a version's tags; `NOT_FOUND` for an unknown version. */
  setModelVersionTags(modelName: string, version: number, tags: Record<string, string>): Promise<void>;
  /** A version and its artifact's data, SHA-256 checked. Rejects with `NOT_FOUND` when there is no such version. */
  loadArtifact(modelName: string, selector: VersionSelector): Promise<{ version: ModelVersionRecord; data: unknown }>;
  /** A version's classifier (from `@driftwatch/models`). Rejects with `INVALID_ARGUMENT` for another flavor of artifact. */
  loadClassifier(modelName: string, selector: VersionSelector): Promise<Classifier>;

  readAlias(modelName: string, alias: string): Promise<AliasRecord | undefined>;
  listAliases(modelName: string): Promise<AliasRecord[]>;
  /** Points an alias at a version by compare-and-set; `CONFLICT` on a lost race, `NOT_FOUND` for an unknown version. */
  setAlias(request: SetAliasRequest): Promise<AliasHistoryRecord>;
  /** Removes an alias by compare-and-set; `NOT_FOUND` when it does not exist. */
  removeAlias(request: RemoveAliasRequest): Promise<AliasHistoryRecord>;
  /**
   * Moves an alias back to its previous version in one compare-and-set move, recorded in the
   * history with `evidence.rollback = true`. Rollbacks stack: after A → B → C, rolling back twice
   * reaches A. Rejects with `NOT_FOUND` when there is nothing to roll back to, `CONFLICT` on a race.
   */
  rollback(modelName: string, alias: string, options?: AliasMoveOptions): Promise<AliasHistoryRecord>;
  /** The version the alias pointed to at `at`, or `undefined` when it did not exist then. */
  versionAt(modelName: string, alias: string, at: Date): Promise<number | undefined>;
  /** The moves of one alias, or of every alias of the model, oldest first. */
  aliasHistory(modelName: string, alias?: string): Promise<AliasHistoryRecord[]>;

  readRouting(modelName: string): Promise<RoutingConfigRecord | undefined>;
  /** Changes the routing; every router sees it within its cache TTL. Returns the stored record. */
  updateRouting(modelName: string, change: RoutingChange): Promise<RoutingConfigRecord>;

  /** Starts a run with status `running`. */
  startRun(input: StartRunInput): Promise<RunRecord>;
  /** Merges params into the run. */
  logParams(runId: string, params: Record<string, unknown>): Promise<void>;
  /** Sets the run's latest metric values and appends them to their step series. @default step 0 */
  logMetrics(runId: string, metrics: Record<string, number>, options?: { step?: number }): Promise<void>;
  /** Records a small JSON value (a path, a URI, a table) under `key`. */
  logArtifact(runId: string, key: string, value: unknown): Promise<void>;
  /** Saves a model through the artifact store and records it under `key` (@default 'model'), for `registerRun`. */
  logModel(runId: string, content: ArtifactContent, key?: string): Promise<ModelArtifact>;
  endRun(runId: string, options?: EndRunOptions): Promise<RunRecord>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  listRuns(experiment: string, options?: { limit?: number; status?: RunRecord['status'] }): Promise<RunRecord[]>;
  readRunMetrics(runId: string, key?: string): Promise<RunMetricPoint[]>;
  /** Params and metrics of runs side by side. Rejects with `NOT_FOUND` for an unknown run. */
  compareRuns(runIds: readonly string[]): Promise<RunComparison>;
  /** Registers the model a run logged as a new version, with the run's params and metrics. */
  registerRun(runId: string, options: RegisterRunOptions): Promise<ModelVersionRecord>;
}

/**
 * Creates a {@link ModelRegistry} over a store. Throws `VALIDATION_FAILED` for an invalid config.
 *
 * @example
 * ```ts
 * import { classifierArtifact, createModelRegistry } from '@driftwatch/registry';
 * import { trainClassifier } from '@driftwatch/models';
 * import { createInMemoryRegistryStore } from '@driftwatch/core/testing';
 * const registry = createModelRegistry({ store: createInMemoryRegistryStore() });
 * const run = await registry.startRun({ experiment: 'churn-tuning', params: { maxDepth: 10 } });
 * const classifier = await trainClassifier(rows, { target: 'Churn', positive: 'Yes', maxDepth: 10 });
 * await registry.logMetrics(run.id, { auc: 0.84 });
 * await registry.logModel(run.id, classifierArtifact(classifier));
 * await registry.endRun(run.id);
 * const version = await registry.registerRun(run.id, { modelName: 'churn' });
 * await registry.setAlias({ modelName: 'churn', alias: 'challenger', version: version.version });
 * ```
 */
export function createModelRegistry(config: ModelRegistryConfig): ModelRegistry {
  const settings = resolveConfig(config);
  const { store, artifactStore, clock } = settings;
  const now = () => new Date(clock.now());

  async function requireRun(runId: string): Promise<RunRecord> {
    const run = await store.readRun(runId);
    if (run === undefined) throw new DriftwatchError({ code: 'NOT_FOUND', message: `No run with id ${runId}.`, details: { runId } });
    return run;
  }

  async function resolveVersionNumber(modelName: string, selector: VersionSelector): Promise<number | undefined> {
    if (typeof selector === 'number') return selector;
    if (/^[1-9]\d*$/.test(selector)) return Number(selector);
    return (await store.readAlias(modelName, selector))?.version;
  }

  async function getModelVersion(modelName: string, selector: VersionSelector): Promise<ModelVersionRecord | undefined> {
    const version = await resolveVersionNumber(modelName, selector);
    return version === undefined ? undefined : store.readModelVersion(modelName, version);
  }

  async function loadArtifact(modelName: string, selector: VersionSelector): Promise<{ version: ModelVersionRecord; data: unknown }> {
    const version = await getModelVersion(modelName, selector);
    if (version === undefined) {
      throw new DriftwatchError({ code: 'NOT_FOUND', message: `Model ${modelName} has no version ${String(selector)}.`, details: { modelName, selector } });
    }
    return { version, data: await artifactStore.load(version.artifact) };
  }

  async function move(
    modelName: string,
    alias: string,
    expectedVersion: number | undefined,
    toVersion: number | undefined,
    options: AliasMoveOptions,
    defaultReason: string,
  ): Promise<AliasHistoryRecord> {
    return store.moveAlias({
      modelName,
      alias,
      expectedVersion,
      toVersion,
      actor: options.actor ?? settings.actor,
      reason: options.reason ?? defaultReason,
      evidence: options.evidence ?? {},
      at: now(),
    });
  }

  async function updateRun(runId: string, change: (run: RunRecord) => void): Promise<RunRecord> {
    const run = await requireRun(runId);
    change(run);
    await store.writeRun(run);
    return run;
  }

  return Object.freeze<ModelRegistry>({
    store,
    artifactStore,

    async registerModelVersion(input: RegisterModelVersionInput) {
      requireName(input?.modelName, 'modelName');
      const artifact = await artifactStore.save(input.artifact);
      return store.createModelVersion({
        modelName: input.modelName,
        artifact,
        params: input.params ?? {},
        metrics: input.metrics ?? {},
        tags: input.tags ?? {},
        ...(input.trainingDataFingerprint === undefined ? {} : { trainingDataFingerprint: input.trainingDataFingerprint }),
        ...(input.trainingRowCount === undefined ? {} : { trainingRowCount: input.trainingRowCount }),
        ...(input.featureSchema === undefined ? {} : { featureSchema: input.featureSchema }),
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.runId === undefined ? {} : { runId: input.runId }),
        createdAt: now(),
      });
    },

    getModelVersion,
    listModelVersions: (modelName) => store.listModelVersions(modelName),
    listModelNames: () => store.listModelNames(),
    setModelVersionTags: (modelName, version, tags) => store.setModelVersionTags(modelName, version, tags),
    loadArtifact,

    async loadClassifier(modelName, selector) {
      const { version, data } = await loadArtifact(modelName, selector);
      if (version.artifact.flavor !== classifierJsonFormat) {
        throw new DriftwatchError({
          code: 'INVALID_ARGUMENT',
          message: `Version ${version.version} of ${modelName} is a ${version.artifact.flavor} artifact, not a ${classifierJsonFormat}.`,
          details: { modelName, version: version.version, flavor: version.artifact.flavor },
        });
      }
      return loadClassifier(data as ClassifierJson);
    },

    readAlias: (modelName, alias) => store.readAlias(modelName, alias),
    listAliases: (modelName) => store.listAliases(modelName),

    async setAlias(request: SetAliasRequest) {
      requireName(request?.modelName, 'modelName');
      requireName(request.alias, 'alias');
      const expected =
        request.expectedVersion === undefined
          ? (await store.readAlias(request.modelName, request.alias))?.version
          : request.expectedVersion === null
            ? undefined
            : request.expectedVersion;
      return move(request.modelName, request.alias, expected, request.version, request, `${request.alias} set to version ${request.version}`);
    },

    async removeAlias(request: RemoveAliasRequest) {
      requireName(request?.modelName, 'modelName');
      const expected = request.expectedVersion ?? (await store.readAlias(request.modelName, request.alias))?.version;
      if (expected === undefined) {
        throw new DriftwatchError({
          code: 'NOT_FOUND',
          message: `Model ${request.modelName} has no alias ${request.alias} to remove.`,
          details: { modelName: request.modelName, alias: request.alias },
        });
      }
      return move(request.modelName, request.alias, expected, undefined, request, `${request.alias} removed`);
    },

    async rollback(modelName, alias, options = {}) {
      const target = rollbackTarget(await store.readAliasHistory(modelName, alias));
      if (!target.found) {
        throw new DriftwatchError({
          code: 'NOT_FOUND',
          message: `Alias ${modelName}@${alias} has no previous version to roll back to.`,
          details: { modelName, alias },
        });
      }
      const evidence = { ...options.evidence, [rollbackEvidenceKey]: true };
      const reason = `rollback of ${alias} from ${target.current ?? 'nothing'} to ${target.version ?? 'nothing'}`;
      return move(modelName, alias, target.current, target.version, { ...options, evidence }, reason);
    },

    async versionAt(modelName, alias, at) {
      return findVersionAt(await store.readAliasHistory(modelName, alias), at);
    },

    aliasHistory: (modelName, alias) => store.readAliasHistory(modelName, alias),

    readRouting: (modelName) => store.readRoutingConfig(modelName),

    async updateRouting(modelName, change) {
      requireName(modelName, 'modelName');
      if (change.weights !== undefined) {
        for (const [alias, weight] of Object.entries(change.weights)) {
          if (!(Number.isFinite(weight) && weight >= 0)) {
            throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `Weight of ${alias} must be a finite number ≥ 0, got ${weight}.`, details: { alias, weight } });
          }
        }
      }
      const current = await store.readRoutingConfig(modelName);
      const shadowAlias = change.shadowAlias === undefined ? current?.shadowAlias : (change.shadowAlias ?? undefined);
      const record: RoutingConfigRecord = {
        modelName,
        weights: change.weights ?? current?.weights ?? { champion: 1 },
        ...(shadowAlias === undefined ? {} : { shadowAlias }),
        killSwitch: change.killSwitch ?? current?.killSwitch ?? false,
        salt: change.salt ?? current?.salt ?? settings.createId(),
        updatedAt: now(),
      };
      await store.writeRoutingConfig(record);
      return record;
    },

    async startRun(input) {
      requireName(input?.experiment, 'experiment');
      const run: RunRecord = {
        id: input.id ?? settings.createId(),
        experiment: input.experiment,
        status: 'running',
        params: input.params ?? {},
        metrics: {},
        artifacts: {},
        tags: input.tags ?? {},
        startedAt: now(),
      };
      await store.writeRun(run);
      return run;
    },

    async logParams(runId, params) {
      await updateRun(runId, (run) => Object.assign(run.params, params));
    },

    async logMetrics(runId, metrics, options = {}) {
      const step = options.step ?? 0;
      const at = now();
      await updateRun(runId, (run) => Object.assign(run.metrics, metrics));
      await store.writeRunMetrics(Object.entries(metrics).map(([key, value]) => ({ runId, key, value, step, at })));
    },

    async logArtifact(runId, key, value) {
      await updateRun(runId, (run) => {
        run.artifacts[key] = value;
      });
    },

    async logModel(runId, content, key = 'model') {
      await requireRun(runId);
      const artifact = await artifactStore.save(content);
      await updateRun(runId, (run) => {
        run.artifacts[key] = artifact;
      });
      return artifact;
    },

    async endRun(runId, options = {}) {
      return updateRun(runId, (run) => {
        run.status = options.status ?? 'succeeded';
        run.endedAt = now();
        if (options.error !== undefined) run.error = options.error;
      });
    },

    getRun: (runId) => store.readRun(runId),
    listRuns: (experiment, options) => store.listRuns(experiment, options),
    readRunMetrics: (runId, key) => store.readRunMetrics(runId, key),

    async compareRuns(runIds) {
      return compareRuns(await Promise.all(runIds.map(requireRun)));
    },

    async registerRun(runId, options) {
      const run = await requireRun(runId);
      const key = options.artifactKey ?? 'model';
      const artifact = run.artifacts[key] as Partial<ModelArtifact> | undefined;
      if (
        artifact === undefined ||
        artifact === null ||
        typeof artifact.flavor !== 'string' ||
        typeof artifact.formatVersion !== 'number' ||
        (artifact.data === undefined && typeof artifact.uri !== 'string')
      ) {
        throw new DriftwatchError({
          code: 'NOT_FOUND',
          message: `Run ${runId} has no model artifact under "${key}"; log one with logModel.`,
          details: { runId, artifactKey: key },
        });
      }
      return store.createModelVersion({
        modelName: options.modelName,
        artifact: artifact as ModelArtifact,
        params: run.params,
        metrics: run.metrics,
        tags: options.tags ?? {},
        ...(options.description === undefined ? {} : { description: options.description }),
        runId,
        createdAt: now(),
      });
    },
  });
}

interface ResolvedModelRegistryConfig {
  store: RegistryStore;
  artifactStore: ArtifactStore;
  clock: Clock;
  actor: string;
  createId: () => string;
}

function resolveConfig(config: ModelRegistryConfig): Readonly<ResolvedModelRegistryConfig> {
  const store = config?.store as Partial<RegistryStore> | undefined;
  if (typeof store?.moveAlias !== 'function' || typeof store.createModelVersion !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'createModelRegistry needs config.store, a RegistryStore.' });
  }
  if (config.actor !== undefined && (typeof config.actor !== 'string' || config.actor === '')) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'config.actor must be a non-empty string.' });
  }
  return Object.freeze<ResolvedModelRegistryConfig>({
    store: config.store,
    artifactStore: config.artifactStore ?? createInlineArtifactStore(),
    clock: config.clock ?? systemClock,
    actor: config.actor ?? 'driftwatch',
    createId: config.createId ?? randomUUID,
  });
}

function requireName(value: unknown, name: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${name} must be a non-empty string.`, details: { [name]: value } });
  }
}
