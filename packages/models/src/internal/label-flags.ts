import { DriftwatchError } from '@driftwatch/drift';
import type { TabularRow } from '../tabular-row.js';
import type { PositiveLabel } from '../train-classifier-options.js';
import { isBlank } from './numeric-value.js';

/**
 * 1 where the row's label equals `positive` (compared as strings), 0 elsewhere.
 * A blank label is an error: silently dropping rows would skew training and evaluation alike.
 *
 * @example
 * ```ts
 * labelFlags([{ Churn: 'Yes' }, { Churn: 'No' }], 'Churn', 'Yes'); // Uint8Array [1, 0]
 * ```
 */
export function labelFlags(rows: readonly TabularRow[], target: string, positive: PositiveLabel): Uint8Array {
  const positiveKey = String(positive);
  const flags = new Uint8Array(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (typeof row !== 'object' || row === null) {
      throw new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `Row ${index} is not an object.`,
        details: { rowIndex: index },
      });
    }
    const label = row[target];
    if (isBlank(label)) {
      throw new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `Row ${index} has no value in the target column "${target}".`,
        details: { rowIndex: index, column: target },
      });
    }
    flags[index] = String(label) === positiveKey ? 1 : 0;
  }
  return flags;
}
