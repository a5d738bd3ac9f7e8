import { DriftwatchError, ProfileBuilder, createProfileSpec, type DatasetInput } from '@driftwatch/drift';
import { z } from 'zod';
import { systemClock, type Clock } from '../contracts/clock.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import { featureSpecSchema, type FeatureSpec } from '../records/feature-spec.js';
import type { Prediction } from '../records/prediction-record.js';
import { predictionColumns } from './prediction-columns.js';

/**
 * The model's answers on the baseline data: one {@link Prediction} per row, or columns.
 *
 * @example
 * ```ts
 * const byRow = [{ label: 'Yes', score: 0.8 }, { label: 'No', score: 0.1 }];
 * const byColumn = { score: Float64Array.of(0.8, 0.1) };
 * ```
 */
export type BaselinePredictions =
  | readonly Prediction[]
  | {
      score?: ArrayLike<number | null | undefined>;
      label?: ArrayLike<string | number | boolean | null | undefined>;
    };

/**
 * Options for {@link createBaseline}.
 *
 * @example
 * ```ts
 * import type { CreateBaselineOptions } from '@driftwatch/core';
 * const options: CreateBaselineOptions = {
 *   modelName: 'churn',
 *   version: '3',
 *   data: { tenure: [1, 40, 12], Contract: ['Month-to-month', 'Two year', 'One year'] },
 *   predictions: { score: [0.8, 0.1, 0.3] },
 * };
 * ```
 */
export interface CreateBaselineOptions {
  /** The model the baseline describes. */
  modelName: string;
  /** The baseline's version, usually the model version it was built for. */
  version: string;
  /** The training (or validation) data: row objects, or columns keyed by name (typed arrays welcome). */
  data: DatasetInput;
  /**
   * The model's predictions on `data`, row for row. They become the `prediction.score` and
   * `prediction.label` columns (each only when at least one value is present).
   * @default undefined (no prediction columns)
   */
  predictions?: BaselinePredictions;
  /**
   * The model's features. When given, exactly these columns of `data` are profiled, with the
   * declared kinds; otherwise every column is, with kinds inferred from the data.
   * @default undefined (every column, kinds inferred)
   */
  features?: FeatureSpec;
  /** Columns of `data` to leave out when `features` is not given, such as ids or the target. @default [] */
  exclude?: readonly string[];
  /** Performance on the baseline data, for degradation checks: `{ accuracy: 0.81, auc: 0.86 }`. @default {} */
  metrics?: Readonly<Record<string, number>>;
  /** Reference-quantile histogram bins per numeric column. @default 10 */
  binCount?: number;
  /** Categories a categorical column keeps by name. @default 1000 */
  maxCategories?: number;
  /** Relative accuracy of the quantile sketches, in (0, 1). @default 0.01 */
  relativeAccuracy?: number;
  /** Where `createdAt` comes from. @default systemClock */
  clock?: Clock;
}

const optionsSchema = z.object({
  modelName: z.string().min(1),
  version: z.string().min(1),
  features: featureSpecSchema.optional(),
  exclude: z.array(z.string()).optional(),
  metrics: z.record(z.string(), z.number()).optional(),
});

/**
 * Builds a model's baseline from its training data and its predictions on that data: a
 * mergeable profile of the features plus `prediction.score` and `prediction.label`, whose spec
 * (cut points, categories) lays out every window profile the prediction logger builds, and the
 * model's metrics there. Save it with `store.writeBaseline`; the same name and version replaces it.
 *
 * Throws a `DriftwatchError`: `VALIDATION_FAILED` (with the zod issues in `details.issues`)
 * for malformed options, `UNKNOWN_COLUMN` when a declared feature is not in `data`,
 * `INVALID_ARGUMENT` when the predictions do not line up with the rows, and what
 * `createProfileSpec` throws (`EMPTY_SAMPLE` for empty data).
 *
 * @example
 * ```ts
 * import { createBaseline } from '@driftwatch/core';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const baseline = createBaseline({
 *   modelName: 'churn',
 *   version: '3',
 *   data: [{ tenure: 1, Contract: 'Month-to-month' }, { tenure: 40, Contract: 'Two year' }],
 *   predictions: [{ label: 'Yes', score: 0.8 }, { label: 'No', score: 0.1 }],
 *   features: { tenure: { kind: 'numeric' }, Contract: { kind: 'categorical' } },
 *   metrics: { accuracy: 0.81 },
 * });
 * const store = createInMemoryEventStore();
 * await store.writeBaseline(baseline);
 * ```
 */
export function createBaseline(options: CreateBaselineOptions): BaselineRecord {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `Invalid baseline options: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}.`,
      details: { issues: parsed.error.issues },
    });
  }
  const clock = options.clock ?? systemClock;
  const features = options.features;
  const { columns, rowCount } = toColumnObject(options.data, features === undefined ? undefined : Object.keys(features));

  for (const name of Object.keys(columns)) {
    if (name === predictionColumns.score || name === predictionColumns.label) {
      throw new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `The column name "${name}" is reserved for the model's predictions; rename the feature.`,
        details: { column: name },
      });
    }
  }
  const numeric: string[] = [];
  const categorical: string[] = [];
  if (features !== undefined) {
    const missing = Object.keys(features).filter((name) => !(name in columns));
    if (missing.length > 0) {
      throw new DriftwatchError({
        code: 'UNKNOWN_COLUMN',
        message: `Feature${missing.length > 1 ? 's' : ''} missing from the baseline data: ${missing.join(', ')}.`,
        details: { columns: missing, available: Object.keys(columns) },
      });
    }
    for (const [name, definition] of Object.entries(features)) (definition.kind === 'numeric' ? numeric : categorical).push(name);
  }

  const { score, label } = predictionColumnsOf(options.predictions, rowCount);
  if (score !== undefined) {
    columns[predictionColumns.score] = score;
    numeric.push(predictionColumns.score);
  }
  if (label !== undefined) {
    columns[predictionColumns.label] = label;
    categorical.push(predictionColumns.label);
  }

  const spec = createProfileSpec(columns, {
    numeric,
    categorical,
    exclude: features === undefined ? [...(options.exclude ?? [])] : [],
    ...(options.binCount === undefined ? {} : { binCount: options.binCount }),
    ...(options.maxCategories === undefined ? {} : { maxCategories: options.maxCategories }),
    ...(options.relativeAccuracy === undefined ? {} : { relativeAccuracy: options.relativeAccuracy }),
  });
  const builder = new ProfileBuilder({ spec });
  builder.addDataset(columns);
  return {
    modelName: options.modelName,
    version: options.version,
    createdAt: new Date(clock.now()),
    profile: builder.toProfile(),
    metrics: { ...options.metrics },
  };
}

/** The data as columns, keeping only `names` when given; rows contribute the union of their keys. */
function toColumnObject(
  data: DatasetInput,
  names: readonly string[] | undefined,
): { columns: Record<string, ArrayLike<unknown>>; rowCount: number } {
  const keep = names === undefined ? undefined : new Set(names);
  const columns: Record<string, ArrayLike<unknown>> = {};
  if (Array.isArray(data)) {
    const rows = data as ReadonlyArray<Readonly<Record<string, unknown>>>;
    const built: Record<string, unknown[]> = {};
    rows.forEach((row, rowIndex) => {
      if (typeof row !== 'object' || row === null) {
        throw new DriftwatchError({
          code: 'INVALID_ARGUMENT',
          message: `Row ${rowIndex} of the baseline data is not an object.`,
          details: { rowIndex },
        });
      }
      for (const name of Object.keys(row)) {
        if (keep !== undefined && !keep.has(name)) continue;
        built[name] ??= new Array<unknown>(rows.length).fill(undefined);
        built[name][rowIndex] = row[name];
      }
    });
    return { columns: Object.assign(columns, built), rowCount: rows.length };
  }
  if (typeof data !== 'object' || data === null) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'The baseline data must be an array of rows or an object of columns.' });
  }
  let rowCount = 0;
  for (const [name, column] of Object.entries(data as Readonly<Record<string, ArrayLike<unknown>>>)) {
    if (keep !== undefined && !keep.has(name)) continue;
    columns[name] = column;
    rowCount = Math.max(rowCount, column?.length ?? 0);
  }
  return { columns, rowCount };
}

function predictionColumnsOf(
  predictions: BaselinePredictions | undefined,
  rowCount: number,
): { score?: ArrayLike<unknown>; label?: ArrayLike<unknown> } {
  if (predictions === undefined) return {};
  let score: ArrayLike<unknown> | undefined;
  let label: ArrayLike<unknown> | undefined;
  if (Array.isArray(predictions)) {
    const rows = predictions as readonly Prediction[];
    checkLength('predictions', rows.length, rowCount);
    score = rows.map((prediction) => prediction?.score);
    label = rows.map((prediction) => prediction?.label);
  } else {
    const byColumn = predictions as Exclude<BaselinePredictions, readonly Prediction[]>;
    if (byColumn.score !== undefined) checkLength('predictions.score', byColumn.score.length, rowCount);
    if (byColumn.label !== undefined) checkLength('predictions.label', byColumn.label.length, rowCount);
    score = byColumn.score;
    label = byColumn.label;
  }
  return {
    ...(score !== undefined && hasValue(score) ? { score } : {}),
    ...(label !== undefined && hasValue(label) ? { label } : {}),
  };
}

function checkLength(name: string, length: number, rowCount: number): void {
  if (length !== rowCount) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `${name} has ${length} values but the baseline data has ${rowCount} rows.`,
      details: { name, length, rowCount },
    });
  }
}

function hasValue(column: ArrayLike<unknown>): boolean {
  for (let index = 0; index < column.length; index++) {
    const value = column[index];
    if (value !== null && value !== undefined) return true;
  }
  return false;
}
