import type { BuiltDataset } from './dataset-builder.js';
import { materializeColumn } from './materialize-column.js';
import { recodeAsCategorical } from './recode-as-categorical.js';
import type { BuiltColumn } from './built-column.js';

/** A column as handed to `compareDatasets`. */
export type ColumnValues = Float64Array | Array<string | null> | { readonly length: number };

/** Two datasets in the columnar form `compareDatasets` takes, plus what the table's notes should say. */
export interface AlignedDatasets {
  reference: Record<string, ColumnValues>;
  current: Record<string, ColumnValues>;
  /** One line per decision a reader should know about: kinds reconciled, values dropped. */
  notes: string[];
}

/**
 * Turns two read datasets into `compareDatasets` input.
 *
 * A column numeric in one file and categorical in the other becomes categorical in both (the
 * numbers as `String(n)`), with a note. Excluded columns, which were never built, are passed as
 * placeholders of the right length so that `compareDatasets` still sees the names its `exclude`
 * option refers to; it skips them without reading a value.
 *
 * @example
 * ```ts
 * import { alignDatasets, readDatasetPair } from '@driftwatch/cli';
 * const { reference, current } = await readDatasetPair({ referencePath: 'a.csv', currentPath: 'b.csv' });
 * const aligned = alignDatasets(reference, current);
 * aligned.notes.forEach((note) => console.log(note));
 * ```
 */
export function alignDatasets(reference: BuiltDataset, current: BuiltDataset): AlignedDatasets {
  const notes: string[] = [];
  const referenceByName = new Map(reference.columns.map((column) => [column.name, column]));
  const currentByName = new Map(current.columns.map((column) => [column.name, column]));
  for (const [name, referenceColumn] of referenceByName) {
    const currentColumn = currentByName.get(name);
    if (currentColumn === undefined || currentColumn.kind === referenceColumn.kind) continue;
    const [numericRole, categoricalRole, categoricalColumn] =
      referenceColumn.kind === 'numeric'
        ? (['reference', 'current', currentColumn] as const)
        : (['current', 'reference', referenceColumn] as const);
    const first = categoricalColumn.firstNonNumeric;
    const evidence = first === undefined ? '' : ` (first non-numeric value "${first.value}" at row ${first.row})`;
    notes.push(`${name}: numeric in ${numericRole} but categorical in ${categoricalRole}${evidence}; compared as categorical in both`);
    referenceByName.set(name, recodeAsCategorical(referenceColumn));
    currentByName.set(name, recodeAsCategorical(currentColumn));
  }
  for (const [role, columns] of [['reference', referenceByName], ['current', currentByName]] as const) {
    for (const column of columns.values()) {
      if (column.invalidCount > 0) {
        notes.push(
          `${column.name}: ${column.invalidCount} non-numeric value${column.invalidCount === 1 ? '' : 's'} in ${role} counted as missing (declared numeric)`,
        );
      }
    }
  }
  return { reference: toInput(reference, referenceByName), current: toInput(current, currentByName), notes };
}

function toInput(dataset: BuiltDataset, columns: ReadonlyMap<string, BuiltColumn>): Record<string, ColumnValues> {
  const input: Record<string, ColumnValues> = {};
  for (const name of dataset.names) {
    const column = columns.get(name);
    input[name] = column === undefined ? { length: dataset.rowCount } : materializeColumn(column);
  }
  return input;
}
