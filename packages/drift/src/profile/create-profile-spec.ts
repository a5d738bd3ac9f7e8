import { numericBins } from '../binning.js';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { compareCodePoints } from '../internal/categorical-sample.js';
import { categoricalColumn, decideKind, numericColumn, toColumns, type DatasetInput } from '../internal/dataset-columns.js';
import type { DriftReportOptions } from '../internal/resolve-compare-options.js';
import { sortFloat64 } from '../internal/sort-float64.js';
import { sealSpec } from './internal/profile-validation.js';
import { specFingerprint } from './internal/spec-fingerprint.js';
import type { ColumnSpec, ProfileSpec } from './profile-spec.js';

/**
 * Options for {@link createProfileSpec}. The column lists mean what they mean for `compareDatasets`.
 *
 * @example
 * ```ts
 * import { createProfileSpec, type ProfileSpecOptions } from '@driftwatch/drift';
 * const options: ProfileSpecOptions = { categorical: ['zip'], exclude: ['id'], maxCategories: 200 };
 * createProfileSpec({ zip: [10115, 75001], id: ['a', 'b'] }, options);
 * ```
 */
export interface ProfileSpecOptions extends Pick<DriftReportOptions, 'categorical' | 'numeric' | 'exclude'> {
  /** Reference-quantile bins per numeric column, as `psi` uses them. @default 10 */
  binCount?: number;
  /** Categories a categorical column keeps by name, reference categories included; the rest count as `other`. @default 1000 */
  maxCategories?: number;
  /** Relative accuracy α of the quantile sketches, in (0, 1). @default 0.01 */
  relativeAccuracy?: number;
}

/**
 * Fixes the layout of profiles from a reference dataset: each column's kind (declared, or
 * inferred from the reference alone with the rules of `compareDatasets`), the reference's PSI
 * cut points for numeric columns, and the reference's categories for categorical ones. The
 * spec is deeply frozen.
 *
 * A reference with more than `maxCategories` categories in a column keeps only the most
 * frequent ones (ties broken by code point); the others, and any category first seen later,
 * end up in the profile's counted-by-name extras or its `other` bucket. Kinds are decided
 * before the current data exists, so a numeric column that later receives text counts that
 * text as missing rather than turning categorical, unlike `compareDatasets`.
 *
 * @example
 * ```ts
 * import { createProfileSpec } from '@driftwatch/drift';
 * const spec = createProfileSpec(
 *   [{ tenure: 1, contract: 'Monthly' }, { tenure: 40, contract: 'Two year' }],
 *   { exclude: ['customerId'] },
 * );
 * ```
 */
export function createProfileSpec(reference: DatasetInput, options: ProfileSpecOptions = {}): ProfileSpec {
  const binCount = options.binCount ?? 10;
  const maxCategories = options.maxCategories ?? 1000;
  const relativeAccuracy = options.relativeAccuracy ?? 0.01;
  const declared = {
    numeric: new Set(options.numeric ?? []),
    categorical: new Set(options.categorical ?? []),
  };
  const exclude = new Set(options.exclude ?? []);
  checkOptions(binCount, maxCategories, relativeAccuracy, declared);

  const data = toColumns(reference, 'reference');
  if (data.rowCount === 0) {
    throw new DriftwatchError({ code: 'EMPTY_SAMPLE', message: 'The reference dataset has no rows.', details: { role: 'reference' } });
  }
  const named = [...declared.numeric, ...declared.categorical, ...exclude];
  const unknown = named.filter((name) => !data.columns.has(name));
  if (unknown.length > 0) {
    throw new DriftwatchError({
      code: 'UNKNOWN_COLUMN',
      message: `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
      details: { columns: unknown, available: data.names },
    });
  }

  const columns: ColumnSpec[] = [];
  for (const name of data.names) {
    if (exclude.has(name)) continue;
    const values = data.columns.get(name)!;
    const decision = decideKind(name, [values], declared);
    const common = { name, kindSource: decision.source, kindReason: decision.reason };
    if (decision.kind === 'numeric') {
      const finite = numericColumn(values).values;
      // -0 and +0 cut identically; +0 keeps the spec's JSON round trip exact.
      const cuts = finite.length === 0 ? [] : numericBins(sortFloat64(finite), { binCount }).cuts.map((cut) => cut + 0);
      columns.push({ ...common, kind: 'numeric', cuts });
    } else {
      const categories = referenceCategories(categoricalColumn(values).counts, maxCategories);
      columns.push({ ...common, kind: 'categorical', categories });
    }
  }
  const fingerprint = specFingerprint(relativeAccuracy, maxCategories, columns);
  return sealSpec({ relativeAccuracy, maxCategories, columns, fingerprint });
}

/** The reference's categories by code point, keeping the `limit` most frequent when there are more. */
function referenceCategories(counts: ReadonlyMap<string, number>, limit: number): string[] {
  let names = [...counts.keys()];
  if (names.length > limit) {
    names = names.sort((left, right) => counts.get(right)! - counts.get(left)! || compareCodePoints(left, right)).slice(0, limit);
  }
  return names.sort(compareCodePoints);
}

function checkOptions(
  binCount: number,
  maxCategories: number,
  relativeAccuracy: number,
  declared: { numeric: ReadonlySet<string>; categorical: ReadonlySet<string> },
): void {
  if (!Number.isInteger(binCount) || binCount < 2) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `binCount must be an integer ≥ 2, got ${binCount}.` });
  }
  if (!Number.isInteger(maxCategories) || maxCategories < 1) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `maxCategories must be an integer ≥ 1, got ${maxCategories}.` });
  }
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `relativeAccuracy must lie in (0, 1), got ${relativeAccuracy}.` });
  }
  const both = [...declared.categorical].filter((name) => declared.numeric.has(name));
  if (both.length > 0) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `Columns declared both numeric and categorical: ${both.join(', ')}.`,
      details: { columns: both },
    });
  }
}
