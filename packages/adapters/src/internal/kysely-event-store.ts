import {
  DriftwatchError,
  type AlertDelivery,
  type AlertQuery,
  type AlertRecord,
  type BaselineRecord,
  type CheckResultQuery,
  type CheckResultRecord,
  type EventStore,
  type LabelledPrediction,
  type OutcomeRecord,
  type PredictionQuery,
  type PredictionRecord,
  type RetentionResult,
  type TimeRangeQuery,
  type WindowProfileRecord,
} from '@driftwatch/core';
import type { DatasetProfile } from '@driftwatch/drift';
import { CompiledQuery, type Kysely, type Selectable, type SelectQueryBuilder, type Transaction } from 'kysely';
import { tableNames, type EventStoreTables, type PredictionRow, type WindowProfileRow } from './event-store-tables.js';
import { ProfileCodec } from './profile-codec.js';
import {
  fromAlertRow,
  fromCheckResultRow,
  fromOutcomeRow,
  fromPredictionRow,
  invalidRow,
  isPlainObject,
  toAlertRow,
  toCheckResultRow,
  toOutcomeRow,
  toPredictionRow,
} from './record-rows.js';
import type { StorageDialect } from './storage-dialect.js';
import { checkLimit, createStoreLifecycle } from './store-lifecycle.js';

/** What a SQL backend hands to {@link createKyselyEventStore}. */
export interface KyselyEventStoreOptions {
  /** Human-readable backend name for error messages: `SQLite`, `PostgreSQL`. */
  backendName: string;
  /** The database, already scoped to the store's schema. */
  db: Kysely<EventStoreTables>;
  dialect: StorageDialect;
  /** Runs the migrations; called at most once at a time, and again only after a failure. */
  migrate(): Promise<void>;
  /** Releases what the backend opened itself; called once, after in-flight operations settle. */
  close(): Promise<void>;
  /**
   * Wraps every write, for a backend whose writers in one process must take turns (SQLite: see
   * `serializeInProcess`). @default runs the write at once
   */
  serializeWrites?: <T>(body: () => Promise<T>) => Promise<T>;
  /** Text bytes of parsed profiles kept for later reads. */
  profileCacheBytes: number;
}

const defaultLimit = 100;
/** Columns of a prediction row, in the order {@link toPredictionParameters} flattens them. */
const predictionColumnNames = [
  'id',
  'model_name',
  'model_version',
  'segment',
  'timestamp',
  'features',
  'prediction',
  'latency_millis',
  'request_id',
  'status',
  'error_message',
  'cache_hit',
] as const satisfies ReadonlyArray<keyof PredictionRow>;
const predictionColumns = predictionColumnNames.length;
/** Compiled prediction inserts kept per store, by row count (full chunks plus a few batch sizes). */
const insertCacheSize = 16;
const outcomeColumns = 3;
const windowProfileColumns = 13;
const checkResultColumns = 12;
const alertColumns = 11;
/** The operations {@link KyselyEventStoreOptions.serializeWrites} wraps. */
const writeOperations: ReadonlySet<string> = new Set([
  'writePredictions',
  'writeOutcomes',
  'writeWindowProfiles',
  'writeCheckResults',
  'writeAlerts',
  'recordAlertDeliveries',
  'writeBaseline',
  'deleteBefore',
]);

type Database = Kysely<EventStoreTables> | Transaction<EventStoreTables>;

/**
 * The event store every SQL backend shares: batched multi-row inserts in one transaction,
 * chunked under the dialect's parameter limit, and rows validated as they are read back.
 */
export function createKyselyEventStore(options: KyselyEventStoreOptions): EventStore {
  const { db, dialect, backendName } = options;
  const serializeWrites = options.serializeWrites ?? (<T>(body: () => Promise<T>) => body());
  const profiles = new ProfileCodec(options.profileCacheBytes);
  const knownModels = new Set<string>();
  const lifecycle = createStoreLifecycle({
    storeName: `${backendName} event store`,
    shutdownErrorDetails: false,
    migrate: () => options.migrate(),
    close: () => options.close(),
  });
  const predictionInserts = new Map<number, string>();

  /**
   * The SQL of a multi-row prediction insert, compiled by kysely once per row count: building
   * kysely's tree for thousands of rows costs about as much as SQLite's insert itself, and the
   * statement text only depends on the row count. Values are always bound parameters.
   */
  function predictionInsertSql(trx: Database, rowCount: number): string {
    let text = predictionInserts.get(rowCount);
    if (text === undefined) {
      const template = Object.fromEntries(predictionColumnNames.map((name) => [name, null])) as unknown as PredictionRow;
      const compiled = trx
        .insertInto(tableNames.predictions)
        .values(Array.from({ length: rowCount }, () => template))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .compile();
      if (compiled.parameters.length !== rowCount * predictionColumns) {
        throw new Error(`a compiled insert of ${rowCount} predictions binds ${compiled.parameters.length} parameters`);
      }
      text = compiled.sql;
      if (predictionInserts.size >= insertCacheSize) predictionInserts.delete(predictionInserts.keys().next().value!);
      predictionInserts.set(rowCount, text);
    }
    return text;
  }

  function run<T>(operation: string, body: () => Promise<T>): Promise<T> {
    return lifecycle.run(operation, writeOperations.has(operation) ? () => serializeWrites(body) : body);
  }

  async function registerModels(trx: Database, names: Iterable<string>): Promise<string[]> {
    const fresh = [...new Set(names)].filter((name) => !knownModels.has(name));
    if (fresh.length > 0) {
      await trx
        .insertInto(tableNames.models)
        .values(fresh.map((name) => ({ name })))
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
    }
    return fresh;
  }

  async function storeSpecs(trx: Database, profileList: Iterable<DatasetProfile>): Promise<string[]> {
    const rows = profiles.specRowsToStore(profileList);
    for (const chunk of chunks(rows, rowsPerStatement(2))) {
      await trx
        .insertInto(tableNames.profileSpecs)
        .values(chunk)
        .onConflict((conflict) => conflict.column('fingerprint').doNothing())
        .execute();
    }
    return rows.map((row) => row.fingerprint);
  }

  async function loadSpecs(fingerprints: Iterable<string>): Promise<void> {
    const missing = profiles.missingSpecs(fingerprints);
    if (missing.length === 0) return;
    const rows = await db.selectFrom(tableNames.profileSpecs).select(['fingerprint', 'spec']).where('fingerprint', 'in', missing).execute();
    profiles.addSpecRows(rows);
  }

  function rowsPerStatement(columns: number): number {
    return Math.floor(dialect.maxParameters / columns);
  }

  function filterRange<Table extends keyof EventStoreTables, Output>(
    query: SelectQueryBuilder<EventStoreTables, Table, Output>,
    range: TimeRangeQuery,
    columns: { model: string; time: string; version: string; segment: string },
  ): SelectQueryBuilder<EventStoreTables, Table, Output> {
    // The column names are fixed by the callers below, so the loose reference typing is safe.
    type Loose = SelectQueryBuilder<any, any, Output>;
    let filtered = (query as Loose)
      .where(columns.model, '=', range.modelName)
      .where(columns.time, '>=', dialect.encodeTimestamp(range.from))
      .where(columns.time, '<', dialect.encodeTimestamp(range.to));
    if (range.modelVersion !== undefined) filtered = filtered.where(columns.version, '=', range.modelVersion);
    if (range.segment !== undefined) filtered = filtered.where(columns.segment, '=', range.segment);
    return filtered as SelectQueryBuilder<EventStoreTables, Table, Output>;
  }

  function decodeWindowProfile(row: Selectable<WindowProfileRow>): WindowProfileRecord {
    if (!Number.isSafeInteger(row.request_count) || !Number.isSafeInteger(row.error_count) || row.window_seconds <= 0) {
      invalidRow('window profiles', String(row.id), 'counts or window length are not valid integers');
    }
    return {
      id: row.record_id ?? `legacy-${row.id}`,
      modelName: row.model_name,
      modelVersion: row.model_version,
      segment: row.segment,
      windowStart: dialect.decodeTimestamp(row.window_start),
      windowSeconds: row.window_seconds,
      replicaId: row.replica_id,
      requestCount: row.request_count,
      errorCount: row.error_count,
      profile: profiles.decode(row.profile, row.profile_spec),
      latency: profiles.decode(row.latency, row.latency_spec),
    };
  }

  const store: EventStore = {
    migrate: lifecycle.migrate,

    writePredictions(records: readonly PredictionRecord[]) {
      return run('writePredictions', async () => {
        if (records.length === 0) return;
        const fresh = await db.transaction().execute(async (trx) => {
          for (const chunk of chunks(records, rowsPerStatement(predictionColumns))) {
            const parameters: unknown[] = [];
            for (const record of chunk) toPredictionParameters(toPredictionRow(record, dialect), parameters);
            await trx.executeQuery(CompiledQuery.raw(predictionInsertSql(trx, chunk.length), parameters));
          }
          return registerModels(
            trx,
            records.map((record) => record.modelName),
          );
        });
        for (const name of fresh) knownModels.add(name);
      });
    },

    writeOutcomes(records: readonly OutcomeRecord[]) {
      return run('writeOutcomes', async () => {
        // The last outcome for a prediction wins, within a batch as across batches.
        const latest = new Map(records.map((record) => [record.predictionId, record]));
        if (latest.size === 0) return;
        const rows = [...latest.values()].map((record) => toOutcomeRow(record, dialect));
        await db.transaction().execute(async (trx) => {
          for (const chunk of chunks(rows, rowsPerStatement(outcomeColumns))) {
            await trx
              .insertInto(tableNames.outcomes)
              .values(chunk)
              .onConflict((conflict) =>
                conflict.column('prediction_id').doUpdateSet((excluded) => ({
                  label: excluded.ref('excluded.label'),
                  timestamp: excluded.ref('excluded.timestamp'),
                })),
              )
              .execute();
          }
        });
      });
    },

    writeWindowProfiles(records: readonly WindowProfileRecord[]) {
      return run('writeWindowProfiles', async () => {
        if (records.length === 0) return;
        const rows = records.map((record) => ({
          record_id: record.id ?? null,
          model_name: record.modelName,
          model_version: record.modelVersion,
          segment: record.segment,
          window_start: dialect.encodeTimestamp(record.windowStart),
          window_seconds: record.windowSeconds,
          replica_id: record.replicaId,
          request_count: record.requestCount,
          error_count: record.errorCount,
          profile_spec: record.profile.spec.fingerprint,
          profile: profiles.encode(record.profile),
          latency_spec: record.latency.spec.fingerprint,
          latency: profiles.encode(record.latency),
        }));
        const stored = await db.transaction().execute(async (trx) => {
          const fingerprints = await storeSpecs(
            trx,
            records.flatMap((record) => [record.profile, record.latency]),
          );
          for (const chunk of chunks(rows, rowsPerStatement(windowProfileColumns))) {
            // A record already stored (a retried write) is skipped, within a batch as across batches.
            await trx
              .insertInto(tableNames.windowProfiles)
              .values(chunk)
              .onConflict((conflict) => conflict.column('record_id').doNothing())
              .execute();
          }
          return fingerprints;
        });
        profiles.markStored(stored);
      });
    },

    writeCheckResults(records: readonly CheckResultRecord[]) {
      return run('writeCheckResults', async () => {
        if (records.length === 0) return;
        const rows = records.map((record) => toCheckResultRow(record, dialect));
        await db.transaction().execute(async (trx) => {
          for (const chunk of chunks(rows, rowsPerStatement(checkResultColumns))) {
            await trx
              .insertInto(tableNames.checkResults)
              .values(chunk)
              .onConflict((conflict) => conflict.column('id').doNothing())
              .execute();
          }
        });
      });
    },

    writeAlerts(records: readonly AlertRecord[]) {
      return run('writeAlerts', async () => {
        const latest = new Map(records.map((record) => [record.id, record]));
        if (latest.size === 0) return;
        const rows = [...latest.values()].map((record) => toAlertRow(record, dialect));
        await db.transaction().execute(async (trx) => {
          for (const chunk of chunks(rows, rowsPerStatement(alertColumns))) {
            await trx
              .insertInto(tableNames.alerts)
              .values(chunk)
              .onConflict((conflict) =>
                conflict.column('id').doUpdateSet((excluded) => ({
                  dedupe_key: excluded.ref('excluded.dedupe_key'),
                  model_name: excluded.ref('excluded.model_name'),
                  model_version: excluded.ref('excluded.model_version'),
                  severity: excluded.ref('excluded.severity'),
                  status: excluded.ref('excluded.status'),
                  title: excluded.ref('excluded.title'),
                  message: excluded.ref('excluded.message'),
                  evidence: excluded.ref('excluded.evidence'),
                  created_at: excluded.ref('excluded.created_at'),
                  deliveries: excluded.ref('excluded.deliveries'),
                })),
              )
              .execute();
          }
        });
      });
    },

    recordAlertDeliveries(alertId: string, deliveries: readonly AlertDelivery[]) {
      return run('recordAlertDeliveries', async () => {
        // One UPDATE appends in place, so concurrent writers never lose each other's deliveries.
        const result = await db
          .updateTable(tableNames.alerts)
          .set({ deliveries: dialect.appendToJsonArray('deliveries', deliveries) })
          .where('id', '=', alertId)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) {
          throw new DriftwatchError({
            code: 'NOT_FOUND',
            message: `There is no alert "${alertId}" to record deliveries on.`,
            details: { alertId },
          });
        }
      });
    },

    writeBaseline(record: BaselineRecord) {
      return run('writeBaseline', async () => {
        const row = {
          model_name: record.modelName,
          version: record.version,
          created_at: dialect.encodeTimestamp(record.createdAt),
          profile_spec: record.profile.spec.fingerprint,
          profile: profiles.encode(record.profile),
          metrics: dialect.encodeJson(record.metrics),
        };
        const { stored, fresh } = await db.transaction().execute(async (trx) => {
          const fingerprints = await storeSpecs(trx, [record.profile]);
          await trx
            .insertInto(tableNames.baselines)
            .values(row)
            .onConflict((conflict) =>
              conflict.columns(['model_name', 'version']).doUpdateSet((excluded) => ({
                created_at: excluded.ref('excluded.created_at'),
                profile_spec: excluded.ref('excluded.profile_spec'),
                profile: excluded.ref('excluded.profile'),
                metrics: excluded.ref('excluded.metrics'),
              })),
            )
            .execute();
          return { stored: fingerprints, fresh: await registerModels(trx, [record.modelName]) };
        });
        profiles.markStored(stored);
        for (const name of fresh) knownModels.add(name);
      });
    },

    readPredictions(query: PredictionQuery) {
      return run('readPredictions', async () => {
        let select = filterRange(db.selectFrom(tableNames.predictions).selectAll(), query, {
          model: 'model_name',
          time: 'timestamp',
          version: 'model_version',
          segment: 'segment',
        });
        if (query.errorsOnly === true) select = select.where('status', '=', 'error');
        const rows = await select
          .orderBy('timestamp', 'desc')
          .orderBy('id', 'desc')
          .limit(checkLimit(query.limit, defaultLimit))
          .execute();
        return rows.map((row) => fromPredictionRow(row, dialect));
      });
    },

    readPrediction(id: string) {
      return run('readPrediction', async () => {
        const row = await db.selectFrom(tableNames.predictions).selectAll().where('id', '=', id).executeTakeFirst();
        return row === undefined ? undefined : fromPredictionRow(row, dialect);
      });
    },

    readLabelledPredictions(query: TimeRangeQuery) {
      return run('readLabelledPredictions', async () => {
        const joined = db
          .selectFrom(tableNames.predictions)
          .innerJoin(tableNames.outcomes, 'driftwatch_outcomes.prediction_id', 'driftwatch_predictions.id')
          .selectAll(tableNames.predictions)
          .select(['driftwatch_outcomes.label as outcome_label', 'driftwatch_outcomes.timestamp as outcome_timestamp']);
        const rows = await filterRange(joined, query, {
          model: 'driftwatch_predictions.model_name',
          time: 'driftwatch_predictions.timestamp',
          version: 'driftwatch_predictions.model_version',
          segment: 'driftwatch_predictions.segment',
        })
          .orderBy('driftwatch_predictions.timestamp', 'asc')
          .orderBy('driftwatch_predictions.id', 'asc')
          .execute();
        return rows.map(
          (row): LabelledPrediction => ({
            prediction: fromPredictionRow(row, dialect),
            outcome: fromOutcomeRow({ prediction_id: row.id, label: row.outcome_label, timestamp: row.outcome_timestamp }, dialect),
          }),
        );
      });
    },

    readWindowProfiles(query: TimeRangeQuery) {
      return run('readWindowProfiles', async () => {
        const rows = await filterRange(db.selectFrom(tableNames.windowProfiles).selectAll(), query, {
          model: 'model_name',
          time: 'window_start',
          version: 'model_version',
          segment: 'segment',
        })
          .orderBy('window_start', 'asc')
          .orderBy('id', 'asc')
          .execute();
        await loadSpecs(rows.flatMap((row) => [row.profile_spec, row.latency_spec]));
        return rows.map(decodeWindowProfile);
      });
    },

    readCheckResults(query: CheckResultQuery) {
      return run('readCheckResults', async () => {
        let select = filterRange(db.selectFrom(tableNames.checkResults).selectAll(), query, {
          model: 'model_name',
          time: 'checked_at',
          version: 'model_version',
          segment: 'segment',
        });
        if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
        if (query.subject !== undefined) select = select.where('subject', '=', query.subject);
        const rows = await select.orderBy('checked_at', 'asc').orderBy('id', 'asc').execute();
        return rows.map((row) => fromCheckResultRow(row, dialect));
      });
    },

    readAlerts(query: AlertQuery) {
      return run('readAlerts', async () => {
        let select = db.selectFrom(tableNames.alerts).selectAll();
        if (query.modelName !== undefined) select = select.where('model_name', '=', query.modelName);
        if (query.from !== undefined) select = select.where('created_at', '>=', dialect.encodeTimestamp(query.from));
        if (query.to !== undefined) select = select.where('created_at', '<', dialect.encodeTimestamp(query.to));
        if (query.status !== undefined) select = select.where('status', '=', query.status);
        if (query.dedupeKey !== undefined) select = select.where('dedupe_key', '=', query.dedupeKey);
        const rows = await select
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(checkLimit(query.limit, defaultLimit))
          .execute();
        return rows.map((row) => fromAlertRow(row, dialect));
      });
    },

    readBaseline(modelName: string, version?: string) {
      return run('readBaseline', async () => {
        let select = db.selectFrom(tableNames.baselines).selectAll().where('model_name', '=', modelName);
        select = version === undefined ? select.orderBy('created_at', 'desc').orderBy('version', 'desc') : select.where('version', '=', version);
        const row = await select.limit(1).executeTakeFirst();
        if (row === undefined) return undefined;
        await loadSpecs([row.profile_spec]);
        const metrics = dialect.decodeJson(row.metrics);
        if (!isPlainObject(metrics) || Object.values(metrics).some((value) => typeof value !== 'number')) {
          invalidRow('baselines', `${row.model_name}@${row.version}`, 'metrics is not an object of numbers');
        }
        return {
          modelName: row.model_name,
          version: row.version,
          createdAt: dialect.decodeTimestamp(row.created_at),
          profile: profiles.decode(row.profile, row.profile_spec),
          metrics: metrics as Record<string, number>,
        };
      });
    },

    listModels() {
      return run('listModels', async () => {
        const rows = await db.selectFrom(tableNames.models).select('name').orderBy('name').execute();
        return rows.map((row) => row.name);
      });
    },

    deleteBefore(cutoff: Date) {
      return run('deleteBefore', async () => {
        const before = dialect.encodeTimestamp(cutoff);
        return db.transaction().execute(async (trx): Promise<RetentionResult> => {
          const outcomes = await trx.deleteFrom(tableNames.outcomes).where('timestamp', '<', before).executeTakeFirst();
          const predictions = await trx.deleteFrom(tableNames.predictions).where('timestamp', '<', before).executeTakeFirst();
          const windowProfiles = await trx.deleteFrom(tableNames.windowProfiles).where('window_start', '<', before).executeTakeFirst();
          const checkResults = await trx.deleteFrom(tableNames.checkResults).where('checked_at', '<', before).executeTakeFirst();
          return {
            predictions: Number(predictions.numDeletedRows),
            outcomes: Number(outcomes.numDeletedRows),
            windowProfiles: Number(windowProfiles.numDeletedRows),
            checkResults: Number(checkResults.numDeletedRows),
          };
        });
      });
    },

    shutdown: lifecycle.shutdown,
  };
  return Object.freeze(store);
}

function toPredictionParameters(row: PredictionRow, parameters: unknown[]): void {
  for (const name of predictionColumnNames) parameters.push(row[name]);
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
