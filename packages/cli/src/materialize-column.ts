import type { BuiltColumn } from './built-column.js';

/**
 * The column as `compareDatasets` takes it: the Float64Array itself for a numeric column (NaN
 * for missing), or an array of interned strings with `null` for missing for a categorical one.
 * Interning means the array holds one pointer per row and one string per distinct category.
 *
 * @example
 * ```ts
 * import { createColumnBuilder, materializeColumn } from '@driftwatch/cli';
 * const builder = createColumnBuilder({ name: 'Contract' });
 * builder.appendText('Two year');
 * builder.appendText('');
 * materializeColumn(builder.finish()); // ['Two year', null]
 * ```
 */
export function materializeColumn(column: BuiltColumn): Float64Array | Array<string | null> {
  if (column.kind === 'numeric') return column.values;
  const { categories, codes } = column;
  const values = new Array<string | null>(codes.length);
  for (let index = 0; index < codes.length; index++) {
    const code = codes[index]!;
    values[index] = code === 0 ? null : categories[code - 1]!;
  }
  return values;
}
