import {
  DriftwatchError,
  type AcquireLeaseRequest,
  type AliasHistoryRecord,
  type ModelVersionRecord,
  type MoveAliasRequest,
  type RegistryStore,
  type RoutingConfigRecord,
  type RunMetricPoint,
  type RunRecord,
} from '@driftwatch/core';
import type { Kysely } from 'kysely';
import {
  fromAliasHistoryRow,
  fromAliasRow,
  fromModelVersionRow,
  fromRoutingConfigRow,
  fromRunMetricRow,
  fromRunRow,
  modelVersionSummaryColumns,
  toAliasHistoryRow,
  toModelVersionRow,
  toRoutingConfigRow,
  toRunMetricRow,
  toRunRow,
} from './registry-rows.js';
import { registryTableNames as tables, type RegistryStoreTables } from './registry-store-tables.js';
import type { StorageDialect } from './storage-dialect.js';
import { checkLimit, createStoreLifecycle } from './store-lifecycle.js';

type Database = Kysely<RegistryStoreTables>;

/** What a SQL backend hands to {@link createKyselyRegistryStore}. */
export interface KyselyRegistryStoreOptions {
  /** Human-readable backend name for error messages: `SQLite`, `PostgreSQL`. */
  backendName: string;
  /** The database, already scoped to the store's schema; reads run on it. */
  db: Database;
  dialect: StorageDialect;
  /**
   * Runs `body` in a transaction that excludes concurrent writers as the backend can: SQLite
   * `BEGIN IMMEDIATE` (after this process's other writers of the file), PostgreSQL
   * read committed plus the row locks taken by the statements. Every write goes through it.
   */
  transaction<T>(body: (db: Database) => Promise<T>): Promise<T>;
  /** Lock the alias row with `SELECT … FOR UPDATE` (PostgreSQL); SQLite's write lock already covers it. */
  lockRowsForUpdate: boolean;
  /** Runs the migrations; called at most once at a time, and again only after a failure. */
  migrate(): Promise<void>;
  /** Releases what the backend opened itself; called once, after in-flight operations settle. */
  close(): Promise<void>;
}

const defaultRunLimit = 100;
/** Attempts of a transaction that lost a race the database reports as retryable. */
const maxAttempts = 5;
const runMetricColumns = 5;

/**
 * The registry store every SQL backend shares. Version numbers come from a per-model counter row
 * that the creating transaction locks, alias moves compare and set inside one transaction with
 * their history, and leases are one upsert whose condition decides who holds them.
 */
export function createKyselyRegistryStore(options: KyselyRegistryStoreOptions): RegistryStore {
  const { db, dialect, backendName } = options;
  const lifecycle = createStoreLifecycle({
    storeName: `${backendName} registry store`,
    shutdownErrorDetails: true,
    migrate: () => options.migrate(),
    close: () => options.close(),
  });

  const { run } = lifecycle;

  /** A transaction, tried again when PostgreSQL aborts it for a deadlock or a serialization failure. */
  async function transaction<T>(body: (trx: Database) => Promise<T>, retryWhen: (error: unknown) => boolean = isTransientFailure): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await options.transaction(body);
      } catch (error) {
        if (attempt >= maxAttempts || DriftwatchError.isInstance(error) || !retryWhen(error)) throw error;
        // Spread the retries of racing writers apart.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  async function versionExists(trx: Database, modelName: string, version: number): Promise<boolean> {
    const row = await trx
      .selectFrom(tables.modelVersions)
      .select('version')
      .where('model_name', '=', modelName)
      .where('version', '=', version)
      .executeTakeFirst();
    return row !== undefined;
  }

  const store: RegistryStore = {
    migrate: lifecycle.migrate,

    createModelVersion(record) {
      return run('createModelVersion', async () => {
        const version = await transaction(
          async (trx) => {
            // The upsert locks the model's counter row until commit, so concurrent registrations
            // of one model queue here; the max() guards against versions written around the counter.
            const counter = await trx
              .insertInto(tables.registeredModels)
              .values({ name: record.modelName, last_version: 1 })
              .onConflict((conflict) =>
                conflict.column('name').doUpdateSet((update) => ({ last_version: update(`${tables.registeredModels}.last_version`, '+', 1) })),
              )
              .returning('last_version')
              .executeTakeFirstOrThrow();
            const highest = await trx
              .selectFrom(tables.modelVersions)
              .select((select) => select.fn.max('version').as('version'))
              .where('model_name', '=', record.modelName)
              .executeTakeFirst();
            const next = Math.max(Number(counter.last_version), Number(highest?.version ?? 0) + 1);
            if (next !== Number(counter.last_version)) {
              await trx.updateTable(tables.registeredModels).set({ last_version: next }).where('name', '=', record.modelName).execute();
            }
            await trx
              .insertInto(tables.modelVersions)
              .values(toModelVersionRow({ ...record, version: next }, dialect))
              .execute();
            return next;
          },
          (error) => isTransientFailure(error) || isUniqueViolation(error),
        );
        return structuredClone({ ...record, version });
      });
    },

    readModelVersion(modelName, version) {
      return run('readModelVersion', async () => {
        const row = await db
          .selectFrom(tables.modelVersions)
          .selectAll()
          .where('model_name', '=', modelName)
          .where('version', '=', version)
          .executeTakeFirst();
        return row === undefined ? undefined : fromModelVersionRow(row, dialect);
      });
    },

    listModelVersions(modelName, listOptions = {}) {
      return run('listModelVersions', async () => {
        const query = db.selectFrom(tables.modelVersions).where('model_name', '=', modelName).orderBy('version', 'asc');
        const rows = listOptions.includeArtifactData === true ? await query.selectAll().execute() : await query.select(modelVersionSummaryColumns).execute();
        return rows.map((row) => fromModelVersionRow(row, dialect));
      });
    },

    listModelNames() {
      return run('listModelNames', async () => {
        const rows = await db.selectFrom(tables.registeredModels).select('name').orderBy('name', 'asc').execute();
        return rows.map((row) => row.name);
      });
    },

    setModelVersionTags(modelName, version, tags) {
      return run('setModelVersionTags', async () => {
        const result = await transaction((trx) =>
          trx
            .updateTable(tables.modelVersions)
            .set({ tags: dialect.encodeJson(tags) })
            .where('model_name', '=', modelName)
            .where('version', '=', version)
            .executeTakeFirst(),
        );
        if (result.numUpdatedRows === 0n) throw versionNotFound(modelName, version);
      });
    },

    writeRun(record: RunRecord) {
      return run('writeRun', async () => {
        await transaction((trx) =>
          trx
            .insertInto(tables.runs)
            .values(toRunRow(record, dialect))
            .onConflict((conflict) =>
              conflict.column('id').doUpdateSet((update) => ({
                experiment: update.ref('excluded.experiment'),
                status: update.ref('excluded.status'),
                params: update.ref('excluded.params'),
                metrics: update.ref('excluded.metrics'),
                artifacts: update.ref('excluded.artifacts'),
                tags: update.ref('excluded.tags'),
                started_at: update.ref('excluded.started_at'),
                ended_at: update.ref('excluded.ended_at'),
                error: update.ref('excluded.error'),
              })),
            )
            .execute(),
        );
      });
    },

    readRun(id) {
      return run('readRun', async () => {
        const row = await db.selectFrom(tables.runs).selectAll().where('id', '=', id).executeTakeFirst();
        return row === undefined ? undefined : fromRunRow(row, dialect);
      });
    },

    listRuns(experiment, listOptions = {}) {
      return run('listRuns', async () => {
        let query = db.selectFrom(tables.runs).selectAll().where('experiment', '=', experiment);
        if (listOptions.status !== undefined) query = query.where('status', '=', listOptions.status);
        const rows = await query
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc')
          .limit(checkLimit(listOptions.limit, defaultRunLimit))
          .execute();
        return rows.map((row) => fromRunRow(row, dialect));
      });
    },

    writeRunMetrics(points: readonly RunMetricPoint[]) {
      return run('writeRunMetrics', async () => {
        if (points.length === 0) return;
        const rows = points.map((point) => toRunMetricRow(point, dialect));
        const perStatement = Math.floor(dialect.maxParameters / runMetricColumns);
        await transaction(async (trx) => {
          for (let start = 0; start < rows.length; start += perStatement) {
            await trx
              .insertInto(tables.runMetrics)
              .values(rows.slice(start, start + perStatement))
              .execute();
          }
        });
      });
    },

    readRunMetrics(runId, key) {
      return run('readRunMetrics', async () => {
        let query = db.selectFrom(tables.runMetrics).select(['run_id', 'key', 'value', 'step', 'at']).where('run_id', '=', runId);
        if (key !== undefined) query = query.where('key', '=', key);
        const rows = await query.orderBy('key', 'asc').orderBy('step', 'asc').orderBy('at', 'asc').orderBy('id', 'asc').execute();
        return rows.map((row) => fromRunMetricRow(row, dialect));
      });
    },

    readAlias(modelName, alias) {
      return run('readAlias', async () => {
        const row = await db
          .selectFrom(tables.aliases)
          .selectAll()
          .where('model_name', '=', modelName)
          .where('alias', '=', alias)
          .where('version', 'is not', null)
          .executeTakeFirst();
        return row === undefined ? undefined : fromAliasRow(row as typeof row & { version: number }, dialect);
      });
    },

    listAliases(modelName) {
      return run('listAliases', async () => {
        const rows = await db
          .selectFrom(tables.aliases)
          .selectAll()
          .where('model_name', '=', modelName)
          .where('version', 'is not', null)
          .orderBy('alias', 'asc')
          .execute();
        return rows.map((row) => fromAliasRow(row as typeof row & { version: number }, dialect));
      });
    },

    moveAlias(request: MoveAliasRequest) {
      return run('moveAlias', async () => {
        if (request.expectedVersion === undefined && request.toVersion === undefined) {
          throw new DriftwatchError({
            code: 'INVALID_ARGUMENT',
            message: `A move of ${request.modelName}@${request.alias} needs an expected version or a target version.`,
            details: { modelName: request.modelName, alias: request.alias },
          });
        }
        const at = dialect.encodeTimestamp(request.at);
        try {
          return await transaction(async (trx): Promise<AliasHistoryRecord> => {
            // Make sure the alias row exists, then lock it: every move of this alias, from any
            // process, waits here until the move ahead of it commits, and then reads its result.
            await trx
              .insertInto(tables.aliases)
              .values({ model_name: request.modelName, alias: request.alias, version: null, updated_at: at, last_sequence: 0 })
              .onConflict((conflict) => conflict.columns(['model_name', 'alias']).doNothing())
              .execute();
            let select = trx
              .selectFrom(tables.aliases)
              .select(['version', 'last_sequence'])
              .where('model_name', '=', request.modelName)
              .where('alias', '=', request.alias);
            if (options.lockRowsForUpdate) select = select.forUpdate();
            const current = await select.executeTakeFirstOrThrow();
            const currentVersion = current.version ?? undefined;
            if (currentVersion !== request.expectedVersion) throw conflict(request, currentVersion);
            if (request.toVersion !== undefined && !(await versionExists(trx, request.modelName, request.toVersion))) {
              throw versionNotFound(request.modelName, request.toVersion);
            }
            const entry: AliasHistoryRecord = {
              modelName: request.modelName,
              alias: request.alias,
              ...(currentVersion === undefined ? {} : { fromVersion: currentVersion }),
              ...(request.toVersion === undefined ? {} : { toVersion: request.toVersion }),
              actor: request.actor,
              reason: request.reason,
              evidence: structuredClone(request.evidence ?? {}),
              at: new Date(request.at.getTime()),
              sequence: Number(current.last_sequence) + 1,
            };
            await trx
              .updateTable(tables.aliases)
              .set({ version: request.toVersion ?? null, updated_at: at, last_sequence: entry.sequence })
              .where('model_name', '=', request.modelName)
              .where('alias', '=', request.alias)
              .execute();
            await trx.insertInto(tables.aliasHistory).values(toAliasHistoryRow(entry, dialect)).execute();
            return entry;
          });
        } catch (error) {
          // The row lock makes this unreachable in practice; a duplicate history entry would
          // still mean another move won.
          if (isUniqueViolation(error)) throw conflict(request, undefined, error);
          throw error;
        }
      });
    },

    readAliasHistory(modelName, alias) {
      return run('readAliasHistory', async () => {
        let query = db.selectFrom(tables.aliasHistory).selectAll().where('model_name', '=', modelName);
        if (alias !== undefined) query = query.where('alias', '=', alias);
        const rows = await query.orderBy('at', 'asc').orderBy('sequence', 'asc').orderBy('alias', 'asc').execute();
        return rows.map((row) => fromAliasHistoryRow(row, dialect));
      });
    },

    readRoutingConfig(modelName) {
      return run('readRoutingConfig', async () => {
        const row = await db.selectFrom(tables.routingConfigs).selectAll().where('model_name', '=', modelName).executeTakeFirst();
        return row === undefined ? undefined : fromRoutingConfigRow(row, dialect);
      });
    },

    writeRoutingConfig(record: RoutingConfigRecord) {
      return run('writeRoutingConfig', async () => {
        await transaction((trx) =>
          trx
            .insertInto(tables.routingConfigs)
            .values(toRoutingConfigRow(record, dialect))
            .onConflict((conflict) =>
              conflict.column('model_name').doUpdateSet((update) => ({
                weights: update.ref('excluded.weights'),
                shadow_alias: update.ref('excluded.shadow_alias'),
                kill_switch: update.ref('excluded.kill_switch'),
                salt: update.ref('excluded.salt'),
                updated_at: update.ref('excluded.updated_at'),
              })),
            )
            .execute(),
        );
      });
    },

    acquireLease(request: AcquireLeaseRequest) {
      return run('acquireLease', async () => {
        // One statement: insert, or take over when the holder is the asker or has expired. A row
        // comes back only when the asker holds the lease afterwards.
        const row = await transaction((trx) =>
          trx
            .insertInto(tables.leases)
            .values({ name: request.name, owner: request.owner, expires_at: dialect.encodeTimestamp(request.expiresAt) })
            .onConflict((conflict) =>
              conflict
                .column('name')
                .doUpdateSet((update) => ({ owner: update.ref('excluded.owner'), expires_at: update.ref('excluded.expires_at') }))
                .where((where) =>
                  where.or([
                    where(`${tables.leases}.owner`, '=', where.ref('excluded.owner')),
                    where(`${tables.leases}.expires_at`, '<=', dialect.encodeTimestamp(request.at)),
                  ]),
                ),
            )
            .returning('owner')
            .executeTakeFirst(),
        );
        return row !== undefined;
      });
    },

    releaseLease(name, owner) {
      return run('releaseLease', async () => {
        await transaction((trx) => trx.deleteFrom(tables.leases).where('name', '=', name).where('owner', '=', owner).execute());
      });
    },

    shutdown: lifecycle.shutdown,
  };
  return Object.freeze(store);
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** PostgreSQL unique_violation, SQLite's primary key or unique constraint. */
function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** PostgreSQL serialization_failure and deadlock_detected: the transaction may simply be run again. */
function isTransientFailure(error: unknown): boolean {
  const code = errorCode(error);
  return code === '40001' || code === '40P01';
}

function describeVersion(version: number | undefined): string {
  return version === undefined ? 'nothing' : `version ${version}`;
}

/** `actualVersion` is unknown (absent from the message) when the loss showed as a duplicate history entry. */
function conflict(request: MoveAliasRequest, actualVersion: number | undefined, cause?: unknown): DriftwatchError {
  const state =
    cause === undefined
      ? `points to ${describeVersion(actualVersion)}, not ${describeVersion(request.expectedVersion)}`
      : `was moved by another writer while expected at ${describeVersion(request.expectedVersion)}`;
  return new DriftwatchError({
    code: 'CONFLICT',
    message: `Alias ${request.modelName}@${request.alias} ${state}; the move was refused.`,
    cause,
    details: { modelName: request.modelName, alias: request.alias, expectedVersion: request.expectedVersion, actualVersion },
  });
}

function versionNotFound(modelName: string, version: number): DriftwatchError {
  return new DriftwatchError({
    code: 'NOT_FOUND',
    message: `Model ${modelName} has no version ${version}.`,
    details: { modelName, version },
  });
}
