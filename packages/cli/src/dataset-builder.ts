import { DriftwatchError, type ColumnKind } from '@driftwatch/drift';
import type { BuiltColumn } from './built-column.js';
import { createColumnBuilder, type ColumnBuilder } from './column-builder.js';
import { normalizeHeader } from './internal/normalize-header.js';

/** Options for {@link createDatasetBuilder}. */
export interface DatasetBuilderOptions {
  /** Kinds forced by `--numeric` and `--categorical`, by column name. @default {} */
  declaredKinds?: Readonly<Record<string, ColumnKind>>;
  /** Columns never built, such as identifiers, which would otherwise intern one string per row. @default [] */
  exclude?: readonly string[];
}

/** Every column of one file, built. */
export interface BuiltDataset {
  /** Every column name seen, excluded ones included, in first-seen order. */
  names: string[];
  /** The columns that were built: all but the excluded ones. */
  columns: BuiltColumn[];
  rowCount: number;
}

/** Builds a dataset row by row from CSV records or JSON objects. See {@link createDatasetBuilder}. */
export interface DatasetBuilder {
  readonly rowCount: number;
  /** Sets the CSV header. Blank names become `column_<position>`; duplicates fail with `PARSE_FAILED`. */
  setHeader(names: readonly string[]): void;
  /** Appends a CSV record, one field per header column. */
  appendRecord(fields: readonly string[]): void;
  /** Appends a JSON object. A key seen for the first time starts a column whose earlier rows are missing. */
  appendObject(object: Readonly<Record<string, unknown>>): void;
  /** Makes room for about `rows` rows in every column known so far, to avoid growing by copies. */
  reserve(rows: number): void;
  /** Pads every column to the row count and returns the dataset. */
  finish(): BuiltDataset;
}

/**
 * Creates a {@link DatasetBuilder}: one {@link ColumnBuilder} per column, nothing kept per row.
 *
 * @example
 * ```ts
 * import { createDatasetBuilder } from '@driftwatch/cli';
 * const builder = createDatasetBuilder({ exclude: ['customerID'] });
 * builder.setHeader(['customerID', 'tenure']);
 * builder.appendRecord(['7590-VHVEG', '1']);
 * builder.finish().columns.map((column) => column.name); // ['tenure']
 * ```
 */
export function createDatasetBuilder(options: DatasetBuilderOptions = {}): DatasetBuilder {
  const declaredKinds = options.declaredKinds ?? {};
  const exclude = new Set(options.exclude ?? []);
  const names: string[] = [];
  const byName = new Map<string, ColumnBuilder | null>();
  let positional: Array<ColumnBuilder | null> = [];
  let rowCount = 0;

  const addColumn = (name: string): ColumnBuilder | null => {
    names.push(name);
    const builder = exclude.has(name) ? null : createColumnBuilder({ name, declaredKind: declaredKinds[name] });
    byName.set(name, builder);
    return builder;
  };

  return {
    get rowCount() {
      return rowCount;
    },
    setHeader(header) {
      positional = normalizeHeader(header).map((name) => {
        if (byName.has(name)) {
          throw new DriftwatchError({
            code: 'PARSE_FAILED',
            message: `duplicate column name "${name}" in the header`,
            details: { column: name },
          });
        }
        return addColumn(name);
      });
    },
    appendRecord(fields) {
      for (let index = 0; index < positional.length; index++) positional[index]?.appendText(fields[index]!);
      rowCount++;
    },
    appendObject(object) {
      for (const name of Object.keys(object)) {
        let builder = byName.get(name);
        if (builder === undefined) builder = addColumn(name);
        if (builder === null) continue;
        builder.padTo(rowCount);
        builder.appendValue(object[name]);
      }
      rowCount++;
    },
    reserve(rows) {
      for (const builder of byName.values()) builder?.reserve(rows);
    },
    finish() {
      const columns: BuiltColumn[] = [];
      for (const builder of byName.values()) {
        if (builder === null) continue;
        builder.padTo(rowCount);
        columns.push(builder.finish());
      }
      return { names, columns, rowCount };
    },
  };
}
