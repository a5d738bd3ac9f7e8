import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { tableNames } from './event-store-tables.js';
import type { StorageDialect } from './storage-dialect.js';

/**
 * The event store's migrations as in-code objects: the package is bundled, so there is no
 * migration folder to read at run time. Names sort in the order they apply; never rename or
 * edit a released one, append a new one instead.
 */
export function createEventStoreMigrationProvider(dialect: StorageDialect, schema: string | undefined): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_create_event_store': { up: (db) => createEventStore(db, dialect, schema) },
    '0002_add_window_profile_record_id': { up: (db) => addWindowProfileRecordId(db, schema) },
  };
  return { getMigrations: async () => migrations };
}

async function createEventStore(db: Kysely<unknown>, dialect: StorageDialect, schemaName: string | undefined): Promise<void> {
  const schema = schemaName === undefined ? db.schema : db.schema.withSchema(schemaName);
  const types = dialect.columnTypes;

  await schema
    .createTable(tableNames.predictions)
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('model_name', 'text', (column) => column.notNull())
    .addColumn('model_version', 'text', (column) => column.notNull())
    .addColumn('segment', 'text', (column) => column.notNull())
    .addColumn('timestamp', types.timestamp, (column) => column.notNull())
    .addColumn('features', types.jsonDocument, (column) => column.notNull())
    .addColumn('prediction', types.jsonDocument, (column) => column.notNull())
    .addColumn('latency_millis', types.double)
    .addColumn('request_id', 'text')
    .addColumn('status', 'text')
    .addColumn('error_message', 'text')
    .addColumn('cache_hit', types.boolean)
    .execute();
  // Raw reads and the labelled join filter by model and time; retention deletes by time alone.
  await schema
    .createIndex('driftwatch_predictions_model_time')
    .ifNotExists()
    .on(tableNames.predictions)
    .columns(['model_name', 'timestamp'])
    .execute();
  await schema.createIndex('driftwatch_predictions_time').ifNotExists().on(tableNames.predictions).column('timestamp').execute();

  await schema
    .createTable(tableNames.outcomes)
    .ifNotExists()
    .addColumn('prediction_id', 'text', (column) => column.primaryKey())
    .addColumn('label', types.json, (column) => column.notNull())
    .addColumn('timestamp', types.timestamp, (column) => column.notNull())
    .execute();
  await schema.createIndex('driftwatch_outcomes_time').ifNotExists().on(tableNames.outcomes).column('timestamp').execute();

  await schema
    .createTable(tableNames.profileSpecs)
    .ifNotExists()
    .addColumn('fingerprint', 'text', (column) => column.primaryKey())
    .addColumn('spec', 'text', (column) => column.notNull())
    .execute();

  await schema
    .createTable(tableNames.windowProfiles)
    .ifNotExists()
    .addColumn('id', types.autoIncrement, (column) => column.primaryKey())
    .addColumn('model_name', 'text', (column) => column.notNull())
    .addColumn('model_version', 'text', (column) => column.notNull())
    .addColumn('segment', 'text', (column) => column.notNull())
    .addColumn('window_start', types.timestamp, (column) => column.notNull())
    .addColumn('window_seconds', 'integer', (column) => column.notNull())
    .addColumn('replica_id', 'text', (column) => column.notNull())
    .addColumn('request_count', 'integer', (column) => column.notNull())
    .addColumn('error_count', 'integer', (column) => column.notNull())
    .addColumn('profile_spec', 'text', (column) => column.notNull())
    .addColumn('profile', 'text', (column) => column.notNull())
    .addColumn('latency_spec', 'text', (column) => column.notNull())
    .addColumn('latency', 'text', (column) => column.notNull())
    .execute();
  await schema
    .createIndex('driftwatch_window_profiles_model_window')
    .ifNotExists()
    .on(tableNames.windowProfiles)
    .columns(['model_name', 'window_start'])
    .execute();

  await schema
    .createTable(tableNames.checkResults)
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('model_name', 'text', (column) => column.notNull())
    .addColumn('model_version', 'text', (column) => column.notNull())
    .addColumn('segment', 'text', (column) => column.notNull())
    .addColumn('checked_at', types.timestamp, (column) => column.notNull())
    .addColumn('window_start', types.timestamp, (column) => column.notNull())
    .addColumn('window_end', types.timestamp, (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('value', types.double, (column) => column.notNull())
    .addColumn('severity', 'text', (column) => column.notNull())
    .addColumn('details', types.json, (column) => column.notNull())
    .execute();
  await schema
    .createIndex('driftwatch_check_results_model_kind_time')
    .ifNotExists()
    .on(tableNames.checkResults)
    .columns(['model_name', 'kind', 'checked_at'])
    .execute();

  await schema
    .createTable(tableNames.alerts)
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('dedupe_key', 'text', (column) => column.notNull())
    .addColumn('model_name', 'text', (column) => column.notNull())
    .addColumn('model_version', 'text', (column) => column.notNull())
    .addColumn('severity', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('message', 'text', (column) => column.notNull())
    .addColumn('evidence', types.json, (column) => column.notNull())
    .addColumn('created_at', types.timestamp, (column) => column.notNull())
    .addColumn('deliveries', types.json, (column) => column.notNull())
    .execute();
  // The alert policy looks incidents up by dedupe key; the dashboard lists by status, model and time.
  await schema.createIndex('driftwatch_alerts_dedupe_time').ifNotExists().on(tableNames.alerts).columns(['dedupe_key', 'created_at']).execute();
  await schema.createIndex('driftwatch_alerts_status_time').ifNotExists().on(tableNames.alerts).columns(['status', 'created_at']).execute();
  await schema.createIndex('driftwatch_alerts_model_time').ifNotExists().on(tableNames.alerts).columns(['model_name', 'created_at']).execute();
  await schema.createIndex('driftwatch_alerts_time').ifNotExists().on(tableNames.alerts).column('created_at').execute();

  await schema
    .createTable(tableNames.baselines)
    .ifNotExists()
    .addColumn('model_name', 'text', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('created_at', types.timestamp, (column) => column.notNull())
    .addColumn('profile_spec', 'text', (column) => column.notNull())
    .addColumn('profile', 'text', (column) => column.notNull())
    .addColumn('metrics', types.json, (column) => column.notNull())
    .addPrimaryKeyConstraint('driftwatch_baselines_pkey', ['model_name', 'version'])
    .execute();
  await schema
    .createIndex('driftwatch_baselines_model_created')
    .ifNotExists()
    .on(tableNames.baselines)
    .columns(['model_name', 'created_at'])
    .execute();

  // listModels reads this small table instead of a DISTINCT over every prediction.
  await schema
    .createTable(tableNames.models)
    .ifNotExists()
    .addColumn('name', 'text', (column) => column.primaryKey())
    .execute();
}

/**
 * Window profiles get the record's id, unique, so that a write retried after a timeout that the
 * store had committed is ignored (`ON CONFLICT (record_id) DO NOTHING`). Existing rows keep a
 * null id rather than being rewritten (a long UPDATE of the largest table while replicas
 * write): nulls never collide in a unique index, and such rows read back as `legacy-<row id>`.
 * The index is built in the migration's transaction, which holds writers of this table back for
 * a moment on a large table.
 */
async function addWindowProfileRecordId(db: Kysely<unknown>, schemaName: string | undefined): Promise<void> {
  const schema = schemaName === undefined ? db.schema : db.schema.withSchema(schemaName);
  await schema.alterTable(tableNames.windowProfiles).addColumn('record_id', 'text').execute();
  await schema.createIndex('driftwatch_window_profiles_record_id').unique().on(tableNames.windowProfiles).column('record_id').execute();
}
