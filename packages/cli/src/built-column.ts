/** What every {@link BuiltColumn} records besides its values. */
export interface BuiltColumnCommon {
  name: string;
  /** `declared` when `--numeric` or `--categorical` named the column, else `inferred` while reading. */
  kindSource: 'declared' | 'inferred';
  /** Rows, missing values included. */
  length: number;
  /** Missing values: blank text, JSON `null` or an absent key. */
  missingCount: number;
  /** Values of a declared numeric column that did not parse; they are stored as missing. */
  invalidCount: number;
  /**
   * Set when an inferred column turned categorical: its first non-numeric value and that value's
   * data row, counted from 1. Numbers seen before it were re-encoded as `String(n)`.
   */
  firstNonNumeric?: { row: number; value: string };
}

/** A numeric column: NaN marks a missing value. */
export interface NumericBuiltColumn extends BuiltColumnCommon {
  kind: 'numeric';
  values: Float64Array;
}

/** A categorical column: `codes[i]` is 0 for a missing value, else `k` for `categories[k - 1]`. */
export interface CategoricalBuiltColumn extends BuiltColumnCommon {
  kind: 'categorical';
  categories: string[];
  codes: Uint32Array;
}

/**
 * One column read from a file, in the compact form the readers build and workers transfer.
 *
 * @example
 * ```ts
 * import type { BuiltColumn } from '@driftwatch/cli';
 * const describe = (column: BuiltColumn) =>
 *   column.kind === 'numeric' ? `${column.name}: ${column.values.length} numbers` : `${column.name}: ${column.categories.length} categories`;
 * ```
 */
export type BuiltColumn = NumericBuiltColumn | CategoricalBuiltColumn;
