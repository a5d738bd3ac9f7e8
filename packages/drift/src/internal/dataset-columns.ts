import { DriftwatchError } from '../errors/driftwatch-error.js';
import type { ColumnKind } from '../drift-report.js';
import { categoryOf } from './categorical-sample.js';

/** Row objects, or columns keyed by name (typed arrays welcome). */
export type DatasetInput = ReadonlyArray<Readonly<Record<string, unknown>>> | Readonly<Record<string, ArrayLike<unknown>>>;

/** A dataset as columns, whatever form it arrived in. */
export interface DatasetColumns {
  rowCount: number;
  /** Column names in first-seen order. */
  names: string[];
  columns: Map<string, ArrayLike<unknown>>;
}

/** How a column's kind was decided. */
export interface KindDecision {
  kind: ColumnKind;
  source: 'declared' | 'inferred';
  reason: string;
}

/** Turns row objects or columns into columns. Row keys are the union over all rows; an absent key is a missing value. */
export function toColumns(input: DatasetInput, role: string): DatasetColumns {
  if (Array.isArray(input)) {
    const rows = input as ReadonlyArray<Readonly<Record<string, unknown>>>;
    const columns = new Map<string, unknown[]>();
    rows.forEach((row, rowIndex) => {
      if (typeof row !== 'object' || row === null) {
        throw new DriftwatchError({
          code: 'INVALID_ARGUMENT',
          message: `Row ${rowIndex} of the ${role} data is not an object.`,
          details: { role, rowIndex },
        });
      }
      for (const [name, value] of Object.entries(row)) {
        let column = columns.get(name);
        if (column === undefined) {
          column = new Array<unknown>(rows.length).fill(undefined);
          columns.set(name, column);
        }
        column[rowIndex] = value;
      }
    });
    return { rowCount: rows.length, names: [...columns.keys()], columns };
  }
  if (typeof input !== 'object' || input === null) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `The ${role} data must be an array of rows or an object of columns.` });
  }
  const columns = new Map<string, ArrayLike<unknown>>();
  let rowCount: number | undefined;
  for (const [name, column] of Object.entries(input as Record<string, ArrayLike<unknown>>)) {
    if (column === null || typeof column !== 'object' || typeof column.length !== 'number') {
      throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `Column "${name}" of the ${role} data is not an array.` });
    }
    if (rowCount !== undefined && column.length !== rowCount) {
      throw new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `Columns of the ${role} data differ in length ("${name}" has ${column.length}, expected ${rowCount}).`,
      });
    }
    rowCount = column.length;
    columns.set(name, column);
  }
  return { rowCount: rowCount ?? 0, names: [...columns.keys()], columns };
}

/** A number from a value, or NaN when it is missing or not numeric. Blank strings are missing. */
export function numericValueOf(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'string') {
    if (value.trim() === '') return Number.NaN;
    const number = Number(value);
    return Number.isFinite(number) ? number : Number.NaN;
  }
  return Number.NaN;
}

/** Finite values of a column as numbers, plus how many values were missing or not numeric. */
export function numericColumn(column: ArrayLike<unknown>): { values: Float64Array; missing: number } {
  const values = new Float64Array(column.length);
  let used = 0;
  if (column instanceof Float64Array) {
    for (let index = 0; index < column.length; index++) {
      const value = column[index]!;
      if (value - value === 0) values[used++] = value;
    }
  } else {
    for (let index = 0; index < column.length; index++) {
      const value = numericValueOf(column[index]);
      if (value === value) values[used++] = value;
    }
  }
  return { values: used === values.length ? values : values.slice(0, used), missing: column.length - used };
}

/** Category counts of a column plus the number of missing values. */
export function categoricalColumn(column: ArrayLike<unknown>): { counts: Map<string, number>; total: number; missing: number } {
  // One hash lookup per value: the map holds a slot index into a typed counter array.
  const slots = new Map<string, number>();
  let tallies = new Float64Array(64);
  let total = 0;
  for (let index = 0; index < column.length; index++) {
    const value = column[index];
    const category = typeof value === 'string' && value !== '' ? value : categoryOf(value);
    if (category === undefined) continue;
    const slot = slots.get(category);
    if (slot === undefined) {
      if (slots.size === tallies.length) {
        const grown = new Float64Array(tallies.length * 2);
        grown.set(tallies);
        tallies = grown;
      }
      tallies[slots.size] = 1;
      slots.set(category, slots.size);
    } else {
      tallies[slot]!++;
    }
    total++;
  }
  const counts = new Map<string, number>();
  for (const [category, slot] of slots) counts.set(category, tallies[slot]!);
  return { counts, total, missing: column.length - total };
}

/**
 * Decides a column's kind from the declared lists or from its values in both samples.
 * Numbers, typed arrays and text that all parses as numbers are numeric; anything with
 * text that does not parse, or booleans, is categorical. The reason says which rule fired.
 */
export function decideKind(
  name: string,
  samples: ReadonlyArray<ArrayLike<unknown>>,
  declared: { numeric: ReadonlySet<string>; categorical: ReadonlySet<string> },
): KindDecision {
  if (declared.numeric.has(name)) return { kind: 'numeric', source: 'declared', reason: 'declared numeric' };
  if (declared.categorical.has(name)) return { kind: 'categorical', source: 'declared', reason: 'declared categorical' };
  let numbers = 0;
  let numericText = 0;
  for (const sample of samples) {
    if (ArrayBuffer.isView(sample)) {
      numbers += sample.length;
      continue;
    }
    for (let index = 0; index < sample.length; index++) {
      const value = sample[index];
      if (value === null || value === undefined) continue;
      if (typeof value === 'number') {
        if (!Number.isNaN(value)) numbers++;
      } else if (typeof value === 'string') {
        if (value.trim() === '') continue;
        if (!Number.isFinite(Number(value))) {
          return { kind: 'categorical', source: 'inferred', reason: `inferred categorical: text values such as "${truncate(value)}"` };
        }
        numericText++;
      } else if (typeof value === 'boolean') {
        return { kind: 'categorical', source: 'inferred', reason: 'inferred categorical: boolean values' };
      } else {
        return { kind: 'categorical', source: 'inferred', reason: `inferred categorical: ${typeof value} values` };
      }
    }
  }
  if (numericText > 0) {
    return { kind: 'numeric', source: 'inferred', reason: 'inferred numeric: every non-blank text value parses as a number' };
  }
  return { kind: 'numeric', source: 'inferred', reason: numbers > 0 ? 'inferred numeric: number values' : 'inferred numeric: no values' };
}

function truncate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}
