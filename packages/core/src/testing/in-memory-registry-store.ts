import { DriftwatchError } from '@driftwatch/drift';
import type { AcquireLeaseRequest, MoveAliasRequest, RegistryStore } from '../contracts/registry-store.js';
import type {
  AliasHistoryRecord,
  AliasRecord,
  ModelVersionRecord,
  RoutingConfigRecord,
  RunMetricPoint,
  RunRecord,
} from '../records/registry-records.js';

const defaultRunLimit = 100;

interface Lease {
  owner: string;
  expiresAtMillis: number;
}

/**
 * A {@link RegistryStore} that keeps everything in process memory: the reference implementation
 * of the contract that `describeRegistryStoreContract` checks, and the store of tests, examples
 * and simulations. Versions are numbered per model from 1, alias moves are compare-and-set with
 * their history appended in the same step, leases are judged by the caller's clock, and records
 * are copied in and out with `structuredClone`, so neither side can change what the other holds.
 *
 * Every method runs synchronously inside its promise, so concurrent calls in one process are
 * serialized exactly as a database transaction would serialize them.
 *
 * Lifecycle: `migrate()` is optional and idempotent; after `shutdown()` (idempotent) every
 * other method rejects with a `DriftwatchError` whose code is `SHUTDOWN`.
 *
 * @example
 * ```ts
 * import { createInMemoryRegistryStore } from '@driftwatch/core/testing';
 * const store = createInMemoryRegistryStore();
 * const version = await store.createModelVersion({
 *   modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: { score: 0.3 } },
 *   params: {}, metrics: { auc: 0.84 }, tags: {}, createdAt: new Date(),
 * });
 * await store.moveAlias({
 *   modelName: 'churn', alias: 'champion', expectedVersion: undefined, toVersion: version.version,
 *   actor: 'me', reason: 'first model', at: new Date(),
 * });
 * ```
 */
export function createInMemoryRegistryStore(): RegistryStore {
  const versions = new Map<string, ModelVersionRecord[]>();
  const runs = new Map<string, RunRecord>();
  const runMetrics = new Map<string, RunMetricPoint[]>();
  const aliases = new Map<string, AliasRecord>();
  const history = new Map<string, AliasHistoryRecord[]>();
  const routing = new Map<string, RoutingConfigRecord>();
  const leases = new Map<string, Lease>();
  let closed = false;

  function ensureOpen(operation: string): void {
    if (closed) {
      throw new DriftwatchError({
        code: 'SHUTDOWN',
        message: `The in-memory registry store is shut down; ${operation} refused.`,
        details: { operation },
      });
    }
  }

  function findVersion(modelName: string, version: number): ModelVersionRecord | undefined {
    return versions.get(modelName)?.find((record) => record.version === version);
  }

  return {
    async migrate() {
      ensureOpen('migrate');
    },

    async createModelVersion(record) {
      ensureOpen('createModelVersion');
      const existing = versions.get(record.modelName) ?? [];
      const version = existing.reduce((highest, candidate) => Math.max(highest, candidate.version), 0) + 1;
      const created: ModelVersionRecord = { ...structuredClone(record), version };
      existing.push(created);
      versions.set(record.modelName, existing);
      return structuredClone(created);
    },

    async readModelVersion(modelName, version) {
      ensureOpen('readModelVersion');
      const record = findVersion(modelName, version);
      return record === undefined ? undefined : structuredClone(record);
    },

    async listModelVersions(modelName, options = {}) {
      ensureOpen('listModelVersions');
      const records = [...(versions.get(modelName) ?? [])].sort((left, right) => left.version - right.version);
      return records.map((record) => {
        if (options.includeArtifactData === true) return structuredClone(record);
        const { data: _omitted, ...artifact } = record.artifact;
        return structuredClone({ ...record, artifact });
      });
    },

    async listModelNames() {
      ensureOpen('listModelNames');
      return [...versions.keys()].filter((name) => (versions.get(name)?.length ?? 0) > 0).sort();
    },

    async setModelVersionTags(modelName, version, tags) {
      ensureOpen('setModelVersionTags');
      const record = findVersion(modelName, version);
      if (record === undefined) throw versionNotFound(modelName, version);
      record.tags = structuredClone(tags);
    },

    async writeRun(record) {
      ensureOpen('writeRun');
      runs.set(record.id, structuredClone(record));
    },

    async readRun(id) {
      ensureOpen('readRun');
      const record = runs.get(id);
      return record === undefined ? undefined : structuredClone(record);
    },

    async listRuns(experiment, options = {}) {
      ensureOpen('listRuns');
      const limit = options.limit ?? defaultRunLimit;
      const matches = [...runs.values()].filter(
        (record) => record.experiment === experiment && (options.status === undefined || record.status === options.status),
      );
      matches.sort((left, right) => {
        const byTime = right.startedAt.getTime() - left.startedAt.getTime();
        if (byTime !== 0) return byTime;
        return left.id < right.id ? 1 : left.id > right.id ? -1 : 0;
      });
      return structuredClone(matches.slice(0, Math.max(0, limit)));
    },

    async writeRunMetrics(points: readonly RunMetricPoint[]) {
      ensureOpen('writeRunMetrics');
      for (const point of points) {
        const series = runMetrics.get(point.runId) ?? [];
        series.push(structuredClone(point));
        runMetrics.set(point.runId, series);
      }
    },

    async readRunMetrics(runId, key) {
      ensureOpen('readRunMetrics');
      const points = (runMetrics.get(runId) ?? []).filter((point) => key === undefined || point.key === key);
      // Stable sort: points with the same key, step and time keep their write order.
      points.sort(
        (left, right) =>
          (left.key < right.key ? -1 : left.key > right.key ? 1 : 0) || left.step - right.step || left.at.getTime() - right.at.getTime(),
      );
      return structuredClone(points);
    },

    async readAlias(modelName, alias) {
      ensureOpen('readAlias');
      const record = aliases.get(aliasKey(modelName, alias));
      return record === undefined ? undefined : structuredClone(record);
    },

    async listAliases(modelName) {
      ensureOpen('listAliases');
      const records = [...aliases.values()].filter((record) => record.modelName === modelName);
      records.sort((left, right) => (left.alias < right.alias ? -1 : left.alias > right.alias ? 1 : 0));
      return structuredClone(records);
    },

    async moveAlias(request: MoveAliasRequest) {
      ensureOpen('moveAlias');
      if (request.expectedVersion === undefined && request.toVersion === undefined) {
        throw new DriftwatchError({
          code: 'INVALID_ARGUMENT',
          message: `A move of ${request.modelName}@${request.alias} needs an expected version or a target version.`,
          details: { modelName: request.modelName, alias: request.alias },
        });
      }
      const key = aliasKey(request.modelName, request.alias);
      const current = aliases.get(key);
      if (current?.version !== request.expectedVersion) {
        throw new DriftwatchError({
          code: 'CONFLICT',
          message: `Alias ${request.modelName}@${request.alias} points to ${describeVersion(current?.version)}, not ${describeVersion(request.expectedVersion)}; the move was refused.`,
          details: { modelName: request.modelName, alias: request.alias, expectedVersion: request.expectedVersion, actualVersion: current?.version },
        });
      }
      if (request.toVersion !== undefined && findVersion(request.modelName, request.toVersion) === undefined) {
        throw versionNotFound(request.modelName, request.toVersion);
      }
      const moves = history.get(key) ?? [];
      const entry: AliasHistoryRecord = {
        modelName: request.modelName,
        alias: request.alias,
        ...(current === undefined ? {} : { fromVersion: current.version }),
        ...(request.toVersion === undefined ? {} : { toVersion: request.toVersion }),
        actor: request.actor,
        reason: request.reason,
        evidence: structuredClone(request.evidence ?? {}),
        at: new Date(request.at.getTime()),
        sequence: (moves.at(-1)?.sequence ?? 0) + 1,
      };
      if (request.toVersion === undefined) {
        aliases.delete(key);
      } else {
        aliases.set(key, { modelName: request.modelName, alias: request.alias, version: request.toVersion, updatedAt: new Date(request.at.getTime()) });
      }
      moves.push(entry);
      history.set(key, moves);
      return structuredClone(entry);
    },

    async readAliasHistory(modelName, alias) {
      ensureOpen('readAliasHistory');
      const entries =
        alias === undefined
          ? [...history.values()].flat().filter((entry) => entry.modelName === modelName)
          : [...(history.get(aliasKey(modelName, alias)) ?? [])];
      entries.sort(
        (left, right) =>
          left.at.getTime() - right.at.getTime() ||
          left.sequence - right.sequence ||
          (left.alias < right.alias ? -1 : left.alias > right.alias ? 1 : 0),
      );
      return structuredClone(entries);
    },

    async readRoutingConfig(modelName) {
      ensureOpen('readRoutingConfig');
      const record = routing.get(modelName);
      return record === undefined ? undefined : structuredClone(record);
    },

    async writeRoutingConfig(record) {
      ensureOpen('writeRoutingConfig');
      routing.set(record.modelName, structuredClone(record));
    },

    async acquireLease(request: AcquireLeaseRequest) {
      ensureOpen('acquireLease');
      const held = leases.get(request.name);
      if (held !== undefined && held.owner !== request.owner && held.expiresAtMillis > request.at.getTime()) return false;
      leases.set(request.name, { owner: request.owner, expiresAtMillis: request.expiresAt.getTime() });
      return true;
    },

    async releaseLease(name, owner) {
      ensureOpen('releaseLease');
      if (leases.get(name)?.owner === owner) leases.delete(name);
    },

    async shutdown() {
      closed = true;
    },
  };
}

function aliasKey(modelName: string, alias: string): string {
  return `${modelName}\u0000${alias}`;
}

function describeVersion(version: number | undefined): string {
  return version === undefined ? 'nothing' : `version ${version}`;
}

function versionNotFound(modelName: string, version: number): DriftwatchError {
  return new DriftwatchError({
    code: 'NOT_FOUND',
    message: `Model ${modelName} has no version ${version}.`,
    details: { modelName, version },
  });
}
