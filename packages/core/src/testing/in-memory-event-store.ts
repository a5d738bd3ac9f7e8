import { DriftwatchError } from '@driftwatch/drift';
import type {
  AlertQuery,
  CheckResultQuery,
  EventStore,
  LabelledPrediction,
  PredictionQuery,
  RetentionResult,
  TimeRangeQuery,
} from '../contracts/event-store.js';
import type { AlertDelivery, AlertRecord } from '../records/alert-record.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import type { CheckResultRecord } from '../records/check-result-record.js';
import type { OutcomeRecord } from '../records/outcome-record.js';
import type { PredictionRecord } from '../records/prediction-record.js';
import type { WindowProfileRecord } from '../records/window-profile-record.js';

const defaultLimit = 100;

/**
 * An {@link EventStore} that keeps everything in process memory, for tests, examples and
 * simulations. It follows the contract exactly as the SQL stores do (duplicate prediction ids
 * ignored, outcomes replaced, half-open `[from, to)` ranges, predictions and alerts newest
 * first, profiles and checks oldest first) and copies records in and out with
 * `structuredClone`, so neither side can change what the other holds.
 *
 * Lifecycle: `migrate()` is optional and idempotent; after `shutdown()` (idempotent) every
 * other method rejects with a `DriftwatchError` whose code is `SHUTDOWN`.
 *
 * @example
 * ```ts
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const store = createInMemoryEventStore();
 * await store.writePredictions([
 *   { id: 'p1', timestamp: new Date(), modelName: 'churn', modelVersion: '1', features: {}, prediction: { score: 0.4 } },
 * ]);
 * await store.readPrediction('p1'); // the record
 * await store.shutdown();
 * ```
 */
export function createInMemoryEventStore(): EventStore {
  const predictions = new Map<string, PredictionRecord>();
  const outcomes = new Map<string, OutcomeRecord>();
  let windowProfiles: WindowProfileRecord[] = [];
  /** Ids of the stored window profiles: a retried write of the same record is ignored. */
  const windowProfileIds = new Set<string>();
  let checkResults: CheckResultRecord[] = [];
  const alerts = new Map<string, AlertRecord>();
  const baselines = new Map<string, BaselineRecord>();
  let closed = false;

  // Every method checks first, so that a use after shutdown fails the same way everywhere.
  function ensureOpen(operation: string): void {
    if (closed) {
      throw new DriftwatchError({
        code: 'SHUTDOWN',
        message: `The in-memory event store is shut down; ${operation} refused.`,
        details: { operation },
      });
    }
  }

  const store: EventStore = {
    async migrate() {
      ensureOpen('migrate');
    },

    async writePredictions(records) {
      ensureOpen('writePredictions');
      for (const record of records) {
        if (!predictions.has(record.id)) predictions.set(record.id, structuredClone(record));
      }
    },

    async writeOutcomes(records) {
      ensureOpen('writeOutcomes');
      for (const record of records) outcomes.set(record.predictionId, structuredClone(record));
    },

    async writeWindowProfiles(records) {
      ensureOpen('writeWindowProfiles');
      for (const record of records) {
        // A record without an id (from JavaScript written before ids existed) is never a duplicate, as in the SQL stores.
        if (typeof record.id === 'string') {
          if (windowProfileIds.has(record.id)) continue;
          windowProfileIds.add(record.id);
        }
        windowProfiles.push(structuredClone(record));
      }
    },

    async writeCheckResults(records) {
      ensureOpen('writeCheckResults');
      for (const record of records) checkResults.push(structuredClone(record));
    },

    async writeAlerts(records) {
      ensureOpen('writeAlerts');
      for (const record of records) alerts.set(record.id, structuredClone(record));
    },

    async recordAlertDeliveries(alertId: string, deliveries: readonly AlertDelivery[]) {
      ensureOpen('recordAlertDeliveries');
      const alert = alerts.get(alertId);
      if (alert === undefined) {
        throw new DriftwatchError({ code: 'NOT_FOUND', message: `No alert with id ${alertId}.`, details: { alertId } });
      }
      alert.deliveries.push(...structuredClone(deliveries));
    },

    async writeBaseline(record) {
      ensureOpen('writeBaseline');
      baselines.set(baselineKey(record.modelName, record.version), structuredClone(record));
    },

    async readPredictions(query: PredictionQuery) {
      ensureOpen('readPredictions');
      const limit = query.limit ?? defaultLimit;
      const matches = [...predictions.values()].filter(
        (record) =>
          matchesRange(query, record.modelName, record.modelVersion, record.segment ?? '', record.timestamp) &&
          (query.errorsOnly !== true || record.status === 'error'),
      );
      matches.sort((left, right) => compareTimeThenId(right.timestamp, right.id, left.timestamp, left.id));
      return structuredClone(matches.slice(0, Math.max(0, limit)));
    },

    async readPrediction(id) {
      ensureOpen('readPrediction');
      const record = predictions.get(id);
      return record === undefined ? undefined : structuredClone(record);
    },

    async readLabelledPredictions(query: TimeRangeQuery) {
      ensureOpen('readLabelledPredictions');
      const joined: LabelledPrediction[] = [];
      for (const prediction of predictions.values()) {
        if (!matchesRange(query, prediction.modelName, prediction.modelVersion, prediction.segment ?? '', prediction.timestamp)) continue;
        const outcome = outcomes.get(prediction.id);
        if (outcome !== undefined) joined.push({ prediction, outcome });
      }
      joined.sort((left, right) =>
        compareTimeThenId(left.prediction.timestamp, left.prediction.id, right.prediction.timestamp, right.prediction.id),
      );
      return structuredClone(joined);
    },

    async readWindowProfiles(query: TimeRangeQuery) {
      ensureOpen('readWindowProfiles');
      const matches = windowProfiles.filter((record) =>
        matchesRange(query, record.modelName, record.modelVersion, record.segment, record.windowStart),
      );
      // Array.prototype.sort is stable, so records of one window keep their write order.
      matches.sort((left, right) => left.windowStart.getTime() - right.windowStart.getTime());
      return structuredClone(matches);
    },

    async readCheckResults(query: CheckResultQuery) {
      ensureOpen('readCheckResults');
      const matches = checkResults.filter(
        (record) =>
          matchesRange(query, record.modelName, record.modelVersion, record.segment, record.checkedAt) &&
          (query.kind === undefined || record.kind === query.kind) &&
          (query.subject === undefined || record.subject === query.subject),
      );
      matches.sort((left, right) => left.checkedAt.getTime() - right.checkedAt.getTime());
      return structuredClone(matches);
    },

    async readAlerts(query: AlertQuery) {
      ensureOpen('readAlerts');
      const limit = query.limit ?? defaultLimit;
      const matches = [...alerts.values()].filter((record) => {
        const at = record.createdAt.getTime();
        return (
          (query.modelName === undefined || record.modelName === query.modelName) &&
          (query.from === undefined || at >= query.from.getTime()) &&
          (query.to === undefined || at < query.to.getTime()) &&
          (query.status === undefined || record.status === query.status) &&
          (query.dedupeKey === undefined || record.dedupeKey === query.dedupeKey)
        );
      });
      matches.sort((left, right) => compareTimeThenId(right.createdAt, right.id, left.createdAt, left.id));
      return structuredClone(matches.slice(0, Math.max(0, limit)));
    },

    async readBaseline(modelName, version) {
      ensureOpen('readBaseline');
      if (version !== undefined) {
        const record = baselines.get(baselineKey(modelName, version));
        return record === undefined ? undefined : structuredClone(record);
      }
      let newest: BaselineRecord | undefined;
      for (const record of baselines.values()) {
        if (record.modelName !== modelName) continue;
        if (newest === undefined || record.createdAt.getTime() >= newest.createdAt.getTime()) newest = record;
      }
      return newest === undefined ? undefined : structuredClone(newest);
    },

    async listModels() {
      ensureOpen('listModels');
      const names = new Set<string>();
      for (const record of predictions.values()) names.add(record.modelName);
      for (const record of baselines.values()) names.add(record.modelName);
      return [...names].sort();
    },

    async deleteBefore(cutoff: Date): Promise<RetentionResult> {
      ensureOpen('deleteBefore');
      const cutoffMillis = cutoff.getTime();
      const result: RetentionResult = { predictions: 0, outcomes: 0, windowProfiles: 0, checkResults: 0 };
      for (const [id, record] of predictions) {
        if (record.timestamp.getTime() < cutoffMillis) {
          predictions.delete(id);
          result.predictions++;
        }
      }
      for (const [id, record] of outcomes) {
        if (record.timestamp.getTime() < cutoffMillis) {
          outcomes.delete(id);
          result.outcomes++;
        }
      }
      const keptProfiles = windowProfiles.filter((record) => record.windowStart.getTime() >= cutoffMillis);
      for (const record of windowProfiles) if (record.windowStart.getTime() < cutoffMillis) windowProfileIds.delete(record.id);
      result.windowProfiles = windowProfiles.length - keptProfiles.length;
      windowProfiles = keptProfiles;
      const keptChecks = checkResults.filter((record) => record.checkedAt.getTime() >= cutoffMillis);
      result.checkResults = checkResults.length - keptChecks.length;
      checkResults = keptChecks;
      return result;
    },

    async shutdown() {
      closed = true;
    },
  };
  return store;
}

function baselineKey(modelName: string, version: string): string {
  return `${modelName}\u0000${version}`;
}

function matchesRange(query: TimeRangeQuery, modelName: string, modelVersion: string, segment: string, at: Date): boolean {
  const millis = at.getTime();
  return (
    modelName === query.modelName &&
    millis >= query.from.getTime() &&
    millis < query.to.getTime() &&
    (query.modelVersion === undefined || modelVersion === query.modelVersion) &&
    (query.segment === undefined || segment === query.segment)
  );
}

/** Ascending by time, then by id (UUIDv7 ids sort by creation within a millisecond). */
function compareTimeThenId(leftAt: Date, leftId: string, rightAt: Date, rightId: string): number {
  const byTime = leftAt.getTime() - rightAt.getTime();
  if (byTime !== 0) return byTime;
  return leftId < rightId ? -1 : leftId > rightId ? 1 : 0;
}
