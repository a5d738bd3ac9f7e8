import { sql, type Expression, type RawBuilder } from 'kysely';
import type { StoredBoolean, StoredJson, StoredTimestamp } from './event-store-tables.js';

/**
 * What differs between the SQL databases the event store runs on. Everything else (queries,
 * transactions, migrations) is shared kysely code.
 */
export interface StorageDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Most bound parameters one statement may carry. */
  readonly maxParameters: number;
  /** Column types used by the migrations. */
  readonly columnTypes: {
    readonly timestamp: 'integer' | 'timestamptz';
    readonly json: 'text' | 'jsonb';
    /** JSON written on the hot path and never queried inside by SQL (prediction features). */
    readonly jsonDocument: 'text' | 'json';
    readonly boolean: 'integer' | 'boolean';
    readonly double: 'real' | 'double precision';
    readonly autoIncrement: 'integer' | 'bigserial';
  };
  encodeTimestamp(date: Date): number | Date;
  decodeTimestamp(value: StoredTimestamp): Date;
  encodeJson(value: unknown): string;
  decodeJson(value: StoredJson): unknown;
  encodeBoolean(value: boolean): StoredBoolean;
  decodeBoolean(value: StoredBoolean): boolean;
  /** An expression that appends the JSON-encoded `items` to the JSON array in `column`, atomically. */
  appendToJsonArray(column: string, items: readonly unknown[]): Expression<unknown>;
}

function decodeTimestamp(value: StoredTimestamp): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`not a timestamp: ${String(value)}`);
  return date;
}

/** SQLite: integer epoch milliseconds, JSON as TEXT, booleans as 0/1, 32,766 variables per statement. */
export const sqliteDialect: StorageDialect = Object.freeze({
  name: 'sqlite',
  maxParameters: 32_766,
  columnTypes: Object.freeze({
    timestamp: 'integer',
    json: 'text',
    jsonDocument: 'text',
    boolean: 'integer',
    double: 'real',
    autoIncrement: 'integer',
  }),
  encodeTimestamp: (date: Date) => date.getTime(),
  decodeTimestamp,
  encodeJson: (value: unknown) => JSON.stringify(value),
  decodeJson: (value: StoredJson) => (typeof value === 'string' ? JSON.parse(value) : value),
  encodeBoolean: (value: boolean) => (value ? 1 : 0),
  decodeBoolean: (value: StoredBoolean) => value === true || value === 1,
  appendToJsonArray(column: string, items: readonly unknown[]): RawBuilder<unknown> {
    // json_insert(array, '$[#]', value) appends one element; nest one call per item.
    let expression: RawBuilder<unknown> = sql`${sql.ref(column)}`;
    for (const item of items) expression = sql`json_insert(${expression}, '$[#]', json(${JSON.stringify(item)}))`;
    return expression;
  },
});

/**
 * PostgreSQL: `timestamptz` (millisecond values survive its microsecond precision, and the
 * columns read naturally in psql and BI tools), jsonb (json for prediction features), native
 * booleans, 65,535 parameters.
 */
export const postgresDialect: StorageDialect = Object.freeze({
  name: 'postgres',
  maxParameters: 65_535,
  columnTypes: Object.freeze({
    timestamp: 'timestamptz',
    json: 'jsonb',
    // `json` keeps the text as sent (validated, not converted), which costs the server far less
    // per row than jsonb at ingest; nothing queries inside features with SQL operators.
    jsonDocument: 'json',
    boolean: 'boolean',
    double: 'double precision',
    autoIncrement: 'bigserial',
  }),
  encodeTimestamp: (date: Date) => date,
  decodeTimestamp,
  encodeJson: (value: unknown) => JSON.stringify(value),
  // pg parses jsonb itself, so a string here is a JSON string value (an outcome label), not
  // JSON text. A pool whose jsonb type parser was replaced is not supported.
  decodeJson: (value: StoredJson) => value,
  encodeBoolean: (value: boolean) => value,
  decodeBoolean: (value: StoredBoolean) => value === true || value === 1,
  appendToJsonArray(column: string, items: readonly unknown[]): RawBuilder<unknown> {
    // `||` on jsonb arrays is one atomic read-modify-write inside the UPDATE.
    return sql`${sql.ref(column)} || ${JSON.stringify(items)}::jsonb`;
  },
});
