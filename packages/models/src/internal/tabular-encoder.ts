import type { FeatureKind } from '../infer-column-kinds.js';
import type { TabularRow } from '../tabular-row.js';
import { categoryKey, numericValue } from './numeric-value.js';

/** How one numeric column becomes one feature, plus a missing indicator when it had gaps. */
export interface NumericColumnEncoding {
  kind: 'numeric';
  column: string;
  /** The training median, used for missing cells. */
  fill: number;
  /** Whether a 0/1 "was missing" feature follows the value. */
  indicator: boolean;
  /** Subtracted from the value, then divided by `scale` (0 and 1 without standardization). */
  center: number;
  scale: number;
  indicatorCenter: number;
  indicatorScale: number;
}

/** How one categorical column becomes one-hot features, the last of which is the unknown bucket. */
export interface CategoricalColumnEncoding {
  kind: 'categorical';
  column: string;
  /** Categories with their own feature, most frequent first. */
  categories: string[];
  /** One per category plus one for the unknown bucket (missing, rare or unseen values). */
  centers: number[];
  scales: number[];
}

/** A column's encoding. */
export type ColumnEncoding = NumericColumnEncoding | CategoricalColumnEncoding;

/** The fitted state of a {@link TabularEncoder}; plain JSON. */
export interface TabularEncoderJson {
  columns: ColumnEncoding[];
}

/** Options for {@link fitTabularEncoder}. */
export interface TabularEncoderOptions {
  standardize: boolean;
  maxCategories: number;
  missingIndicators: boolean;
}

/** Turns rows into dense feature vectors, identically at training and at prediction time. */
export interface TabularEncoder {
  readonly featureCount: number;
  readonly featureNames: readonly string[];
  /** For each input column, the half-open range of features it produces. */
  readonly featureRanges: ReadonlyArray<{ column: string; start: number; end: number }>;
  /** Writes the features of `row` into `output` from `offset`. */
  encodeRow(row: TabularRow, output: Float64Array, offset: number): void;
  /** Row-major matrix of `rows.length` × `featureCount`. */
  encodeRows(rows: readonly TabularRow[]): Float64Array;
  toJSON(): TabularEncoderJson;
}

/**
 * Fits medians, categories and (optionally) standardization on the training rows. Every
 * statistic is computed from sorted values or integer counts, so the fit does not depend on
 * the order of the rows, down to the last bit.
 *
 * @example
 * ```ts
 * const encoder = fitTabularEncoder(rows, { tenure: 'numeric', Contract: 'categorical' }, {
 *   standardize: false, maxCategories: 100, missingIndicators: true,
 * });
 * encoder.encodeRows(rows);
 * ```
 */
export function fitTabularEncoder(
  rows: readonly TabularRow[],
  kinds: Readonly<Record<string, FeatureKind>>,
  options: TabularEncoderOptions,
): TabularEncoder {
  const columns: ColumnEncoding[] = [];
  for (const [column, kind] of Object.entries(kinds)) {
    columns.push(
      kind === 'numeric' ? fitNumericColumn(rows, column, options) : fitCategoricalColumn(rows, column, options),
    );
  }
  return loadTabularEncoder({ columns });
}

/**
 * Rebuilds an encoder from {@link TabularEncoder.toJSON} output.
 *
 * @example
 * ```ts
 * const copy = loadTabularEncoder(encoder.toJSON());
 * ```
 */
export function loadTabularEncoder(json: TabularEncoderJson): TabularEncoder {
  const columns = json.columns;
  if (!Array.isArray(columns)) throw new RangeError('The encoder has no column list.');
  columns.forEach(checkColumnEncoding);
  const featureNames: string[] = [];
  const featureRanges: Array<{ column: string; start: number; end: number }> = [];
  const lookups: Array<Map<string, number> | undefined> = [];
  for (const encoding of columns) {
    const start = featureNames.length;
    if (encoding.kind === 'numeric') {
      featureNames.push(encoding.column);
      if (encoding.indicator) featureNames.push(`${encoding.column}=<missing>`);
      lookups.push(undefined);
    } else {
      for (const category of encoding.categories) featureNames.push(`${encoding.column}=${category}`);
      featureNames.push(`${encoding.column}=<unknown>`);
      lookups.push(new Map(encoding.categories.map((category, index) => [category, index])));
    }
    featureRanges.push({ column: encoding.column, start, end: featureNames.length });
  }
  const featureCount = featureNames.length;

  const encodeRow = (row: TabularRow, output: Float64Array, offset: number): void => {
    let position = offset;
    for (let columnIndex = 0; columnIndex < columns.length; columnIndex++) {
      const encoding = columns[columnIndex]!;
      const value = row[encoding.column];
      if (encoding.kind === 'numeric') {
        const number = numericValue(value);
        const missing = Number.isNaN(number);
        output[position++] = ((missing ? encoding.fill : number) - encoding.center) / encoding.scale;
        if (encoding.indicator) {
          output[position++] = ((missing ? 1 : 0) - encoding.indicatorCenter) / encoding.indicatorScale;
        }
      } else {
        const key = categoryKey(value);
        const unknown = encoding.categories.length;
        const hot = key === undefined ? unknown : (lookups[columnIndex]!.get(key) ?? unknown);
        const { centers, scales } = encoding;
        for (let index = 0; index <= unknown; index++) {
          output[position++] = ((index === hot ? 1 : 0) - centers[index]!) / scales[index]!;
        }
      }
    }
  };

  return {
    featureCount,
    featureNames,
    featureRanges,
    encodeRow,
    encodeRows(rows) {
      const matrix = new Float64Array(rows.length * featureCount);
      for (let index = 0; index < rows.length; index++) encodeRow(rows[index]!, matrix, index * featureCount);
      return matrix;
    },
    toJSON: () => json,
  };
}

function fitNumericColumn(
  rows: readonly TabularRow[],
  column: string,
  options: TabularEncoderOptions,
): NumericColumnEncoding {
  const present: number[] = [];
  for (const row of rows) {
    const number = numericValue(row[column]);
    if (!Number.isNaN(number)) present.push(number);
  }
  const values = Float64Array.from(present).sort();
  const missingCount = rows.length - values.length;
  const fill = median(values);
  const indicator = options.missingIndicators && missingCount > 0;
  let center = 0;
  let scale = 1;
  let indicatorCenter = 0;
  let indicatorScale = 1;
  if (options.standardize && rows.length > 0) {
    let sum = missingCount * fill;
    for (const value of values) sum += value;
    center = sum / rows.length;
    let squares = missingCount * (fill - center) ** 2;
    for (const value of values) squares += (value - center) ** 2;
    scale = safeScale(Math.sqrt(squares / rows.length));
    if (indicator) {
      const share = missingCount / rows.length;
      indicatorCenter = share;
      indicatorScale = safeScale(Math.sqrt(share * (1 - share)));
    }
  }
  // `+ 0` turns -0 into 0: JSON text cannot carry -0, and the document must survive it unchanged.
  return { kind: 'numeric', column, fill: fill + 0, indicator, center: center + 0, scale, indicatorCenter: indicatorCenter + 0, indicatorScale };
}

function fitCategoricalColumn(
  rows: readonly TabularRow[],
  column: string,
  options: TabularEncoderOptions,
): CategoricalColumnEncoding {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = categoryKey(row[column]);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ranked = [...counts].sort(([keyA, countA], [keyB, countB]) =>
    countA !== countB ? countB - countA : keyA < keyB ? -1 : keyA > keyB ? 1 : 0,
  );
  const kept = ranked.slice(0, options.maxCategories);
  const categories = kept.map(([key]) => key);
  const bucketCounts = kept.map(([, count]) => count);
  bucketCounts.push(rows.length - bucketCounts.reduce((total, count) => total + count, 0));
  const centers = bucketCounts.map(() => 0);
  const scales = bucketCounts.map(() => 1);
  if (options.standardize && rows.length > 0) {
    bucketCounts.forEach((count, index) => {
      const share = count / rows.length;
      centers[index] = share;
      scales[index] = safeScale(Math.sqrt(share * (1 - share)));
    });
  }
  return { kind: 'categorical', column, categories, centers: centers.map((center) => center + 0), scales };
}

function median(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function safeScale(deviation: number): number {
  return deviation > 1e-12 && Number.isFinite(deviation) ? deviation : 1;
}

// A loaded encoder must not fail later, inside predictProba, on a malformed document.
function checkColumnEncoding(encoding: ColumnEncoding, index: number): void {
  const finite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
  const problem = (what: string): RangeError => new RangeError(`Encoder column ${index}: ${what}.`);
  if (typeof encoding !== 'object' || encoding === null || typeof encoding.column !== 'string') throw problem('no column name');
  if (encoding.kind === 'numeric') {
    const numbers = [encoding.fill, encoding.center, encoding.scale, encoding.indicatorCenter, encoding.indicatorScale];
    if (!numbers.every(finite) || typeof encoding.indicator !== 'boolean') throw problem('malformed numeric encoding');
  } else if (encoding.kind === 'categorical') {
    const { categories, centers, scales } = encoding;
    if (!Array.isArray(categories) || categories.some((category) => typeof category !== 'string')) throw problem('categories must be strings');
    for (const list of [centers, scales]) {
      if (!Array.isArray(list) || list.length !== categories.length + 1 || !list.every(finite)) {
        throw problem('one center and scale per category plus the unknown bucket');
      }
    }
  } else {
    throw problem(`unknown kind "${String((encoding as { kind?: unknown }).kind)}"`);
  }
}
