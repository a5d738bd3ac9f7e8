import type {
  AliasHistoryRecord,
  AliasRecord,
  ModelArtifact,
  ModelVersionRecord,
  RoutingConfigRecord,
  RunMetricPoint,
  RunRecord,
} from '@driftwatch/core';
import { invalidRow, isPlainObject } from './record-rows.js';
import type { AliasHistoryRow, AliasRow, ModelVersionRow, RoutingConfigRow, RunMetricRow, RunRow } from './registry-store-tables.js';
import type { StorageDialect } from './storage-dialect.js';

// Rows read back are a trust boundary (another process, an older version or a person with psql
// may have written them): each is checked before it becomes a record, with light checks like the
// event store's check results, and a bad row fails with VALIDATION_FAILED naming table and key.

const runStatuses: ReadonlySet<string> = new Set(['running', 'succeeded', 'failed', 'cancelled']);

/** The model version columns without the inline artifact, which listings leave out. */
export const modelVersionSummaryColumns = [
  'model_name',
  'version',
  'artifact_flavor',
  'artifact_format_version',
  'artifact_uri',
  'artifact_sha256',
  'params',
  'metrics',
  'tags',
  'training_data_fingerprint',
  'training_row_count',
  'feature_schema',
  'description',
  'run_id',
  'created_at',
] as const satisfies ReadonlyArray<keyof ModelVersionRow>;

export function toModelVersionRow(record: ModelVersionRecord, dialect: StorageDialect): ModelVersionRow {
  return {
    model_name: record.modelName,
    version: record.version,
    artifact_flavor: record.artifact.flavor,
    artifact_format_version: record.artifact.formatVersion,
    artifact_data: record.artifact.data === undefined ? null : JSON.stringify(record.artifact.data),
    artifact_uri: record.artifact.uri ?? null,
    artifact_sha256: record.artifact.sha256 ?? null,
    params: dialect.encodeJson(record.params),
    metrics: dialect.encodeJson(record.metrics),
    tags: dialect.encodeJson(record.tags),
    training_data_fingerprint: record.trainingDataFingerprint ?? null,
    training_row_count: record.trainingRowCount ?? null,
    feature_schema: record.featureSchema === undefined ? null : dialect.encodeJson(record.featureSchema),
    description: record.description ?? null,
    run_id: record.runId ?? null,
    created_at: dialect.encodeTimestamp(record.createdAt),
  };
}

/** A model version from its row; `artifact_data` absent from the row (a listing) leaves `data` out. */
export function fromModelVersionRow(row: Omit<ModelVersionRow, 'artifact_data'> & { artifact_data?: string | null }, dialect: StorageDialect): ModelVersionRecord {
  const key = `${row.model_name}@${row.version}`;
  const table = 'model versions';
  if (!Number.isSafeInteger(row.version) || row.version < 1) invalidRow(table, key, 'version is not a positive integer');
  const formatVersion = Number(row.artifact_format_version);
  if (!Number.isFinite(formatVersion)) invalidRow(table, key, 'artifact_format_version is not a number');
  const artifact: ModelArtifact = { flavor: row.artifact_flavor, formatVersion };
  if (row.artifact_data !== undefined && row.artifact_data !== null) artifact.data = parseJsonText(row.artifact_data, table, key, 'artifact_data');
  if (row.artifact_uri !== null) artifact.uri = row.artifact_uri;
  if (row.artifact_sha256 !== null) artifact.sha256 = row.artifact_sha256;
  const record: ModelVersionRecord = {
    modelName: row.model_name,
    version: row.version,
    artifact,
    params: objectColumn(dialect.decodeJson(row.params), table, key, 'params'),
    metrics: numberRecord(dialect.decodeJson(row.metrics), table, key, 'metrics'),
    tags: stringRecord(dialect.decodeJson(row.tags), table, key, 'tags'),
    createdAt: dialect.decodeTimestamp(row.created_at),
  };
  if (row.training_data_fingerprint !== null) record.trainingDataFingerprint = row.training_data_fingerprint;
  if (row.training_row_count !== null) record.trainingRowCount = Number(row.training_row_count);
  if (row.feature_schema !== null) record.featureSchema = objectColumn(dialect.decodeJson(row.feature_schema), table, key, 'feature_schema');
  if (row.description !== null) record.description = row.description;
  if (row.run_id !== null) record.runId = row.run_id;
  return record;
}

export function toRunRow(record: RunRecord, dialect: StorageDialect): RunRow {
  return {
    id: record.id,
    experiment: record.experiment,
    status: record.status,
    params: dialect.encodeJson(record.params),
    metrics: dialect.encodeJson(record.metrics),
    artifacts: dialect.encodeJson(record.artifacts),
    tags: dialect.encodeJson(record.tags),
    started_at: dialect.encodeTimestamp(record.startedAt),
    ended_at: record.endedAt === undefined ? null : dialect.encodeTimestamp(record.endedAt),
    error: record.error ?? null,
  };
}

export function fromRunRow(row: RunRow, dialect: StorageDialect): RunRecord {
  if (!runStatuses.has(row.status)) invalidRow('runs', row.id, `unknown status "${row.status}"`);
  const record: RunRecord = {
    id: row.id,
    experiment: row.experiment,
    status: row.status as RunRecord['status'],
    params: objectColumn(dialect.decodeJson(row.params), 'runs', row.id, 'params'),
    metrics: numberRecord(dialect.decodeJson(row.metrics), 'runs', row.id, 'metrics'),
    artifacts: objectColumn(dialect.decodeJson(row.artifacts), 'runs', row.id, 'artifacts'),
    tags: stringRecord(dialect.decodeJson(row.tags), 'runs', row.id, 'tags'),
    startedAt: dialect.decodeTimestamp(row.started_at),
  };
  if (row.ended_at !== null) record.endedAt = dialect.decodeTimestamp(row.ended_at);
  if (row.error !== null) record.error = row.error;
  return record;
}

export function toRunMetricRow(point: RunMetricPoint, dialect: StorageDialect): Omit<RunMetricRow, 'id'> {
  return { run_id: point.runId, key: point.key, value: point.value, step: point.step, at: dialect.encodeTimestamp(point.at) };
}

export function fromRunMetricRow(row: Omit<RunMetricRow, 'id'>, dialect: StorageDialect): RunMetricPoint {
  const value = Number(row.value);
  const step = Number(row.step);
  if (Number.isNaN(step)) invalidRow('run metrics', `${row.run_id}/${row.key}`, 'step is not a number');
  return { runId: row.run_id, key: row.key, value, step, at: dialect.decodeTimestamp(row.at) };
}

export function fromAliasRow(row: AliasRow & { version: number }, dialect: StorageDialect): AliasRecord {
  return { modelName: row.model_name, alias: row.alias, version: row.version, updatedAt: dialect.decodeTimestamp(row.updated_at) };
}

export function toAliasHistoryRow(record: AliasHistoryRecord, dialect: StorageDialect): AliasHistoryRow {
  return {
    model_name: record.modelName,
    alias: record.alias,
    sequence: record.sequence,
    from_version: record.fromVersion ?? null,
    to_version: record.toVersion ?? null,
    actor: record.actor,
    reason: record.reason,
    evidence: dialect.encodeJson(record.evidence),
    at: dialect.encodeTimestamp(record.at),
  };
}

export function fromAliasHistoryRow(row: AliasHistoryRow, dialect: StorageDialect): AliasHistoryRecord {
  const key = `${row.model_name}@${row.alias}#${row.sequence}`;
  return {
    modelName: row.model_name,
    alias: row.alias,
    ...(row.from_version === null ? {} : { fromVersion: row.from_version }),
    ...(row.to_version === null ? {} : { toVersion: row.to_version }),
    actor: row.actor,
    reason: row.reason,
    evidence: objectColumn(dialect.decodeJson(row.evidence), 'alias history', key, 'evidence'),
    at: dialect.decodeTimestamp(row.at),
    sequence: row.sequence,
  };
}

export function toRoutingConfigRow(record: RoutingConfigRecord, dialect: StorageDialect): RoutingConfigRow {
  return {
    model_name: record.modelName,
    weights: dialect.encodeJson(record.weights),
    shadow_alias: record.shadowAlias ?? null,
    kill_switch: dialect.encodeBoolean(record.killSwitch),
    salt: record.salt,
    updated_at: dialect.encodeTimestamp(record.updatedAt),
  };
}

export function fromRoutingConfigRow(row: RoutingConfigRow, dialect: StorageDialect): RoutingConfigRecord {
  const record: RoutingConfigRecord = {
    modelName: row.model_name,
    weights: numberRecord(dialect.decodeJson(row.weights), 'routing configs', row.model_name, 'weights'),
    killSwitch: dialect.decodeBoolean(row.kill_switch),
    salt: row.salt,
    updatedAt: dialect.decodeTimestamp(row.updated_at),
  };
  if (row.shadow_alias !== null) record.shadowAlias = row.shadow_alias;
  return record;
}

function parseJsonText(text: string, table: string, key: string, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return invalidRow(table, key, `${column} is not JSON`);
  }
}

function objectColumn(value: unknown, table: string, key: string, column: string): Record<string, unknown> {
  if (!isPlainObject(value)) invalidRow(table, key, `${column} is not a JSON object`);
  return value;
}

/**
 * An object of numbers. JSON has no NaN or ±Infinity (`JSON.stringify` writes `null`), so a
 * `null` reads back as NaN: a metric that could not be computed stays "not a number".
 */
function numberRecord(value: unknown, table: string, key: string, column: string): Record<string, number> {
  const object = objectColumn(value, table, key, column);
  for (const [name, entry] of Object.entries(object)) {
    if (entry === null) object[name] = Number.NaN;
    else if (typeof entry !== 'number') invalidRow(table, key, `${column} is not an object of numbers`);
  }
  return object as Record<string, number>;
}

function stringRecord(value: unknown, table: string, key: string, column: string): Record<string, string> {
  const object = objectColumn(value, table, key, column);
  if (Object.values(object).some((entry) => typeof entry !== 'string')) invalidRow(table, key, `${column} is not an object of strings`);
  return object as Record<string, string>;
}
