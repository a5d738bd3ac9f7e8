import {
  alertSeverities,
  checkKinds,
  DriftwatchError,
  outcomeRecordSchema,
  predictionRecordSchema,
  type AlertDelivery,
  type AlertRecord,
  type CheckResultRecord,
  type OutcomeRecord,
  type PredictionRecord,
} from '@driftwatch/core';
import type { AlertRow, CheckResultRow, OutcomeRow, PredictionRow } from './event-store-tables.js';
import type { StorageDialect } from './storage-dialect.js';

// Rows read back are a trust boundary (another process, an older version or a person with psql
// may have written them), so every row is checked before it becomes a record.

function invalidRow(table: string, key: string, problem: string, issues?: unknown): never {
  throw new DriftwatchError({
    code: 'VALIDATION_FAILED',
    message: `A row read from ${table} (${key}) is invalid: ${problem}.`,
    details: issues === undefined ? { table, key } : { table, key, issues },
  });
}

export function toPredictionRow(record: PredictionRecord, dialect: StorageDialect): PredictionRow {
  return {
    id: record.id,
    model_name: record.modelName,
    model_version: record.modelVersion,
    segment: record.segment ?? '',
    timestamp: dialect.encodeTimestamp(record.timestamp),
    features: dialect.encodeJson(record.features),
    prediction: dialect.encodeJson(record.prediction),
    latency_millis: record.latencyMillis ?? null,
    request_id: record.requestId ?? null,
    status: record.status ?? null,
    error_message: record.errorMessage ?? null,
    cache_hit: record.cacheHit === undefined ? null : dialect.encodeBoolean(record.cacheHit),
  };
}

export function fromPredictionRow(row: PredictionRow, dialect: StorageDialect): PredictionRecord {
  const candidate: Record<string, unknown> = {
    id: row.id,
    timestamp: dialect.decodeTimestamp(row.timestamp),
    modelName: row.model_name,
    modelVersion: row.model_version,
    features: dialect.decodeJson(row.features),
    prediction: dialect.decodeJson(row.prediction),
  };
  if (row.latency_millis !== null) candidate.latencyMillis = row.latency_millis;
  if (row.segment !== '') candidate.segment = row.segment;
  if (row.request_id !== null) candidate.requestId = row.request_id;
  if (row.status !== null) candidate.status = row.status;
  if (row.error_message !== null) candidate.errorMessage = row.error_message;
  if (row.cache_hit !== null) candidate.cacheHit = dialect.decodeBoolean(row.cache_hit);
  const parsed = predictionRecordSchema.safeParse(candidate);
  if (!parsed.success) invalidRow('predictions', row.id, 'it does not match predictionRecordSchema', parsed.error.issues);
  return parsed.data as PredictionRecord;
}

export function toOutcomeRow(record: OutcomeRecord, dialect: StorageDialect): OutcomeRow {
  return {
    prediction_id: record.predictionId,
    label: dialect.encodeJson(record.label),
    timestamp: dialect.encodeTimestamp(record.timestamp),
  };
}

export function fromOutcomeRow(row: OutcomeRow, dialect: StorageDialect): OutcomeRecord {
  const parsed = outcomeRecordSchema.safeParse({
    predictionId: row.prediction_id,
    label: dialect.decodeJson(row.label),
    timestamp: dialect.decodeTimestamp(row.timestamp),
  });
  if (!parsed.success) invalidRow('outcomes', row.prediction_id, 'it does not match outcomeRecordSchema', parsed.error.issues);
  return parsed.data;
}

export function toCheckResultRow(record: CheckResultRecord, dialect: StorageDialect): CheckResultRow {
  return {
    id: record.id,
    model_name: record.modelName,
    model_version: record.modelVersion,
    segment: record.segment,
    checked_at: dialect.encodeTimestamp(record.checkedAt),
    window_start: dialect.encodeTimestamp(record.windowStart),
    window_end: dialect.encodeTimestamp(record.windowEnd),
    kind: record.kind,
    subject: record.subject,
    value: record.value,
    severity: record.severity,
    details: dialect.encodeJson(record.details),
  };
}

const checkKindSet: ReadonlySet<string> = new Set(checkKinds);
const severitySet: ReadonlySet<string> = new Set(alertSeverities);

export function fromCheckResultRow(row: CheckResultRow, dialect: StorageDialect): CheckResultRecord {
  if (!checkKindSet.has(row.kind)) invalidRow('check results', row.id, `unknown kind "${row.kind}"`);
  if (row.severity !== 'OK' && !severitySet.has(row.severity)) invalidRow('check results', row.id, `unknown severity "${row.severity}"`);
  const details = dialect.decodeJson(row.details);
  if (!isPlainObject(details)) invalidRow('check results', row.id, 'details is not a JSON object');
  return {
    id: row.id,
    modelName: row.model_name,
    modelVersion: row.model_version,
    segment: row.segment,
    checkedAt: dialect.decodeTimestamp(row.checked_at),
    windowStart: dialect.decodeTimestamp(row.window_start),
    windowEnd: dialect.decodeTimestamp(row.window_end),
    kind: row.kind as CheckResultRecord['kind'],
    subject: row.subject,
    value: Number(row.value),
    severity: row.severity as CheckResultRecord['severity'],
    details,
  };
}

export function toAlertRow(record: AlertRecord, dialect: StorageDialect): AlertRow {
  return {
    id: record.id,
    dedupe_key: record.dedupeKey,
    model_name: record.modelName,
    model_version: record.modelVersion,
    severity: record.severity,
    status: record.status,
    title: record.title,
    message: record.message,
    evidence: dialect.encodeJson(record.evidence),
    created_at: dialect.encodeTimestamp(record.createdAt),
    deliveries: dialect.encodeJson(record.deliveries),
  };
}

export function fromAlertRow(row: AlertRow, dialect: StorageDialect): AlertRecord {
  if (!severitySet.has(row.severity)) invalidRow('alerts', row.id, `unknown severity "${row.severity}"`);
  if (row.status !== 'firing' && row.status !== 'resolved') invalidRow('alerts', row.id, `unknown status "${row.status}"`);
  const evidence = dialect.decodeJson(row.evidence);
  if (!isPlainObject(evidence) || typeof evidence.test !== 'string' || typeof evidence.statistic !== 'number') {
    invalidRow('alerts', row.id, 'evidence is not an object with a test name and a statistic');
  }
  const deliveries = dialect.decodeJson(row.deliveries);
  if (!Array.isArray(deliveries)) invalidRow('alerts', row.id, 'deliveries is not a JSON array');
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    modelName: row.model_name,
    modelVersion: row.model_version,
    severity: row.severity as AlertRecord['severity'],
    status: row.status,
    title: row.title,
    message: row.message,
    evidence: evidence as AlertRecord['evidence'],
    createdAt: dialect.decodeTimestamp(row.created_at),
    deliveries: deliveries.map((delivery: unknown) => fromDeliveryJson(delivery, row.id)),
  };
}

function fromDeliveryJson(value: unknown, alertId: string): AlertDelivery {
  if (!isPlainObject(value) || typeof value.sink !== 'string' || typeof value.ok !== 'boolean' || typeof value.attempts !== 'number') {
    invalidRow('alerts', alertId, 'a delivery lacks its sink, ok or attempts');
  }
  const at = new Date(value.at as string);
  if (Number.isNaN(at.getTime())) invalidRow('alerts', alertId, 'a delivery has no valid time');
  const delivery: AlertDelivery = { sink: value.sink, ok: value.ok, attempts: value.attempts, at };
  if (typeof value.statusCode === 'number') delivery.statusCode = value.statusCode;
  if (typeof value.error === 'string') delivery.error = value.error;
  return delivery;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { invalidRow };
