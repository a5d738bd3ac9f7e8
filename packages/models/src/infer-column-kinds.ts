import { DriftwatchError } from '@driftwatch/drift';
import { isBlank, isNumericCell } from './internal/numeric-value.js';
import type { TabularRow } from './tabular-row.js';

/**
 * How a feature column is encoded: numeric columns are imputed (and optionally standardized),
 * categorical ones one-hot encoded with an unknown bucket.
 *
 * @example
 * ```ts
 * featureKinds.includes('numeric'); // true
 * ```
 */
export const featureKinds = ['numeric', 'categorical'] as const;

/**
 * One of {@link featureKinds}.
 *
 * @example
 * ```ts
 * const kind: FeatureKind = 'categorical';
 * ```
 */
export type FeatureKind = (typeof featureKinds)[number];

/**
 * Options for {@link inferColumnKinds}.
 *
 * @example
 * ```ts
 * const options: InferColumnKindsOptions = { target: 'Churn', exclude: ['customerID'], categorical: ['SeniorCitizen'] };
 * ```
 */
export interface InferColumnKindsOptions {
  /** The label column; it is never a feature. */
  target: string;
  /**
   * Columns to treat as categorical whatever their values look like.
   * @default []
   */
  categorical?: readonly string[];
  /**
   * Columns to treat as numeric; blank or non-numeric strings in them count as missing.
   * @default []
   */
  numeric?: readonly string[];
  /**
   * Columns to ignore, such as identifiers.
   * @default []
   */
  exclude?: readonly string[];
}

/**
 * Decides the kind of every feature column: the union of the rows' keys, minus the target and
 * the excluded columns, in sorted order (so that the result does not depend on row order).
 * A column is numeric when every non-blank cell is a finite number or a numeric string,
 * and categorical otherwise; `categorical` and `numeric` override the guess.
 *
 * @example
 * ```ts
 * inferColumnKinds([{ tenure: 1, TotalCharges: ' ', Contract: 'One year', Churn: 'No' }], { target: 'Churn' });
 * // { Contract: 'categorical', TotalCharges: 'numeric', tenure: 'numeric' }
 * ```
 */
export function inferColumnKinds(
  rows: readonly TabularRow[],
  options: InferColumnKindsOptions,
): Record<string, FeatureKind> {
  const categorical = new Set(options.categorical ?? []);
  const numeric = new Set(options.numeric ?? []);
  for (const column of categorical) {
    if (numeric.has(column)) {
      throw new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `Column "${column}" is named both categorical and numeric.`,
        details: { column },
      });
    }
  }
  const excluded = new Set([...(options.exclude ?? []), options.target]);
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) if (!excluded.has(column)) columns.add(column);

  const kinds: Record<string, FeatureKind> = {};
  for (const column of [...columns].sort()) {
    if (categorical.has(column)) kinds[column] = 'categorical';
    else if (numeric.has(column)) kinds[column] = 'numeric';
    else kinds[column] = looksNumeric(rows, column) ? 'numeric' : 'categorical';
  }
  return kinds;
}

function looksNumeric(rows: readonly TabularRow[], column: string): boolean {
  for (const row of rows) {
    const value = row[column];
    if (!isBlank(value) && !isNumericCell(value)) return false;
  }
  return true;
}
