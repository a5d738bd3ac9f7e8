import type { BuiltColumn, CategoricalBuiltColumn } from './built-column.js';

/**
 * The column as categorical: a numeric column's values become `String(n)` categories, missing
 * stays missing. Used when the two files disagree on a column's kind. A categorical column is
 * returned unchanged.
 *
 * @example
 * ```ts
 * import { createColumnBuilder, recodeAsCategorical } from '@driftwatch/cli';
 * const builder = createColumnBuilder({ name: 'zip' });
 * builder.appendText('94107');
 * recodeAsCategorical(builder.finish()).categories; // ['94107']
 * ```
 */
export function recodeAsCategorical(column: BuiltColumn): CategoricalBuiltColumn {
  if (column.kind === 'categorical') return column;
  const { values, ...common } = column;
  const dictionary = new Map<string, number>();
  const categories: string[] = [];
  const codes = new Uint32Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const number = values[index]!;
    if (number !== number) continue;
    const text = String(number);
    let code = dictionary.get(text);
    if (code === undefined) {
      categories.push(text);
      code = categories.length;
      dictionary.set(text, code);
    }
    codes[index] = code;
  }
  return { ...common, kind: 'categorical', categories, codes };
}
