import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { registryTableNames as tables } from './registry-store-tables.js';
import type { StorageDialect } from './storage-dialect.js';

/**
 * The registry store's migrations, in code like the event store's (the package is bundled).
 * They are a list of their own, recorded in `driftwatch_registry_migration`, so the two stores
 * can share a database or schema and be upgraded independently. Names sort in the order they
 * apply; never rename or edit a released one, append a new one instead.
 */
export function createRegistryStoreMigrationProvider(dialect: StorageDialect, schema: string | undefined): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_create_registry_store': { up: (db) => createRegistryStore(db, dialect, schema) },
  };
  return { getMigrations: async () => migrations };
}

async function createRegistryStore(db: Kysely<unknown>, dialect: StorageDialect, schemaName: string | undefined): Promise<void> {
  const schema = schemaName === undefined ? db.schema : db.schema.withSchema(schemaName);
  const types = dialect.columnTypes;
  // Names, aliases, run ids and metric keys are sorted by the reads. In PostgreSQL they compare
  // by code point ("C"), whatever the database's collation, so every backend (and the in-memory
  // store) lists them in the same order; SQLite's default BINARY collation already does.
  const key = dialect.name === 'postgres' ? sql`text collate "C"` : sql`text`;

  await schema
    .createTable(tables.registeredModels)
    .ifNotExists()
    .addColumn('name', key, (column) => column.primaryKey())
    .addColumn('last_version', 'integer', (column) => column.notNull())
    .execute();

  await schema
    .createTable(tables.modelVersions)
    .ifNotExists()
    .addColumn('model_name', key, (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('artifact_flavor', 'text', (column) => column.notNull())
    .addColumn('artifact_format_version', types.double, (column) => column.notNull())
    .addColumn('artifact_data', 'text')
    .addColumn('artifact_uri', 'text')
    .addColumn('artifact_sha256', 'text')
    .addColumn('params', types.json, (column) => column.notNull())
    .addColumn('metrics', types.json, (column) => column.notNull())
    .addColumn('tags', types.json, (column) => column.notNull())
    .addColumn('training_data_fingerprint', 'text')
    .addColumn('training_row_count', types.double)
    .addColumn('feature_schema', types.json)
    .addColumn('description', 'text')
    .addColumn('run_id', 'text')
    .addColumn('created_at', types.timestamp, (column) => column.notNull())
    // Also the guard of version numbering: two writers can never both store version n.
    .addPrimaryKeyConstraint('driftwatch_model_versions_pkey', ['model_name', 'version'])
    .execute();

  await schema
    .createTable(tables.runs)
    .ifNotExists()
    .addColumn('id', key, (column) => column.primaryKey())
    .addColumn('experiment', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('params', types.json, (column) => column.notNull())
    .addColumn('metrics', types.json, (column) => column.notNull())
    .addColumn('artifacts', types.json, (column) => column.notNull())
    .addColumn('tags', types.json, (column) => column.notNull())
    .addColumn('started_at', types.timestamp, (column) => column.notNull())
    .addColumn('ended_at', types.timestamp)
    .addColumn('error', 'text')
    .execute();
  // listRuns: one experiment, newest first.
  await schema
    .createIndex('driftwatch_runs_experiment_started')
    .ifNotExists()
    .on(tables.runs)
    .columns(['experiment', 'started_at', 'id'])
    .execute();

  await schema
    .createTable(tables.runMetrics)
    .ifNotExists()
    .addColumn('id', types.autoIncrement, (column) => column.primaryKey())
    .addColumn('run_id', 'text', (column) => column.notNull())
    .addColumn('key', key, (column) => column.notNull())
    .addColumn('value', types.double, (column) => column.notNull())
    .addColumn('step', types.double, (column) => column.notNull())
    .addColumn('at', types.timestamp, (column) => column.notNull())
    .execute();
  await schema
    .createIndex('driftwatch_run_metrics_run_key_step')
    .ifNotExists()
    .on(tables.runMetrics)
    .columns(['run_id', 'key', 'step'])
    .execute();

  await schema
    .createTable(tables.aliases)
    .ifNotExists()
    .addColumn('model_name', key, (column) => column.notNull())
    .addColumn('alias', key, (column) => column.notNull())
    .addColumn('version', 'integer')
    .addColumn('updated_at', types.timestamp, (column) => column.notNull())
    .addColumn('last_sequence', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('driftwatch_aliases_pkey', ['model_name', 'alias'])
    .execute();

  await schema
    .createTable(tables.aliasHistory)
    .ifNotExists()
    .addColumn('model_name', key, (column) => column.notNull())
    .addColumn('alias', key, (column) => column.notNull())
    .addColumn('sequence', 'integer', (column) => column.notNull())
    .addColumn('from_version', 'integer')
    .addColumn('to_version', 'integer')
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('evidence', types.json, (column) => column.notNull())
    .addColumn('at', types.timestamp, (column) => column.notNull())
    .addPrimaryKeyConstraint('driftwatch_alias_history_pkey', ['model_name', 'alias', 'sequence'])
    .execute();
  // readAliasHistory of a whole model, by time.
  await schema
    .createIndex('driftwatch_alias_history_model_at')
    .ifNotExists()
    .on(tables.aliasHistory)
    .columns(['model_name', 'at'])
    .execute();

  await schema
    .createTable(tables.routingConfigs)
    .ifNotExists()
    .addColumn('model_name', key, (column) => column.primaryKey())
    .addColumn('weights', types.json, (column) => column.notNull())
    .addColumn('shadow_alias', 'text')
    .addColumn('kill_switch', types.boolean, (column) => column.notNull())
    .addColumn('salt', 'text', (column) => column.notNull())
    .addColumn('updated_at', types.timestamp, (column) => column.notNull())
    .execute();

  await schema
    .createTable(tables.leases)
    .ifNotExists()
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('owner', 'text', (column) => column.notNull())
    .addColumn('expires_at', types.timestamp, (column) => column.notNull())
    .execute();
}
