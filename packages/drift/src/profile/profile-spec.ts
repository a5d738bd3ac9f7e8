/**
 * What a numeric column's profile records: the reference's PSI cut points, so that every
 * profile built from the spec counts values into the same right-closed bins as `psi`.
 *
 * @example
 * ```ts
 * import { createProfileSpec } from '@driftwatch/drift';
 * const [amount] = createProfileSpec({ amount: [1, 2, 3, 4, 5] }).columns;
 * if (amount?.kind === 'numeric') amount.cuts.length; // 9: the deciles 1.4, 1.8, …, 4.6
 * ```
 */
export interface NumericColumnSpec {
  name: string;
  kind: 'numeric';
  /** Whether the kind was declared in the options or inferred from the reference values. */
  kindSource: 'declared' | 'inferred';
  /** One line on how the kind was decided. */
  kindReason: string;
  /**
   * Strictly ascending interior cut points from `numericBins` on the reference; `cuts.length + 1`
   * histogram bins. Empty when the reference had no numeric values (one bin).
   */
  cuts: number[];
}

/**
 * What a categorical column's profile records: the reference's categories, counted by name.
 *
 * @example
 * ```ts
 * import { createProfileSpec } from '@driftwatch/drift';
 * const [plan] = createProfileSpec({ plan: ['pro', 'basic', 'pro'] }).columns;
 * if (plan?.kind === 'categorical') plan.categories; // ['basic', 'pro']
 * ```
 */
export interface CategoricalColumnSpec {
  name: string;
  kind: 'categorical';
  /** Whether the kind was declared in the options or inferred from the reference values. */
  kindSource: 'declared' | 'inferred';
  /** One line on how the kind was decided. */
  kindReason: string;
  /**
   * Reference categories ordered by code point. When the reference had more than
   * `maxCategories`, only the most frequent are here (ties broken by code point).
   */
  categories: string[];
}

/**
 * One column of a {@link ProfileSpec}.
 *
 * @example
 * ```ts
 * import { createProfileSpec, type ColumnSpec } from '@driftwatch/drift';
 * const columns: ColumnSpec[] = createProfileSpec({ amount: [1, 2], plan: ['a', 'b'] }).columns;
 * ```
 */
export type ColumnSpec = NumericColumnSpec | CategoricalColumnSpec;

/**
 * The fixed layout that makes profiles mergeable: which columns, their kinds, the histogram
 * cuts and categories taken from a reference, the sketch accuracy and the category cap. Two
 * profiles merge or compare only when their specs have the same {@link ProfileSpec.fingerprint}.
 * Built by `createProfileSpec`; treat it as immutable.
 *
 * @example
 * ```ts
 * import { createProfileSpec, type ProfileSpec } from '@driftwatch/drift';
 * const spec: ProfileSpec = createProfileSpec({ amount: [1, 2, 3], plan: ['a', 'b', 'a'] });
 * spec.columns.map((column) => column.kind); // ['numeric', 'categorical']
 * ```
 */
export interface ProfileSpec {
  /** Relative accuracy α of every quantile sketch. */
  relativeAccuracy: number;
  /** Most categories a categorical column keeps by name; the rest are counted as `other`. */
  maxCategories: number;
  columns: ColumnSpec[];
  /** Hash of everything above that decides how values are counted (not the kind reasons). */
  fingerprint: string;
}
