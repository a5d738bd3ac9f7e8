import type { ClassifierFlavor } from './classifier-flavors.js';

/**
 * The label value that counts as positive. Label cells are compared as strings, so `'Yes'`,
 * `1` and `true` match the cells `'Yes'`, `1` or `'1'`, and `true` or `'true'`.
 *
 * @example
 * ```ts
 * const positive: PositiveLabel = 'Yes';
 * ```
 */
export type PositiveLabel = string | number | boolean;

/**
 * How many features a forest considers: `'sqrt'` and `'log2'` of the feature count, `'all'`,
 * a fraction in (0, 1), or a whole count of at least 1.
 *
 * @example
 * ```ts
 * const maxFeatures: MaxFeatures = 0.5; // half of the encoded features
 * ```
 */
export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number;

/**
 * Options for {@link trainClassifier}. Hyperparameters sit beside the data options; each flavor
 * reads the ones it understands and ignores the rest. Where a default differs by flavor, the
 * JSDoc lists it per flavor.
 *
 * @example
 * ```ts
 * const options: TrainClassifierOptions = { target: 'Churn', positive: 'Yes', flavor: 'boosting', exclude: ['customerID'] };
 * ```
 */
export interface TrainClassifierOptions {
  /** The label column. Every row must have a non-blank label. */
  target: string;
  /** The label value of the positive class; every other value is negative. */
  positive: PositiveLabel;
  /**
   * The learner.
   * @default 'forest'
   */
  flavor?: ClassifierFlavor;
  /**
   * Columns to one-hot encode even if their values look numeric.
   * @default []
   */
  categorical?: readonly string[];
  /**
   * Columns to read as numbers even if some cells are not; those cells count as missing.
   * @default []
   */
  numeric?: readonly string[];
  /**
   * Columns to leave out, such as identifiers.
   * @default []
   */
  exclude?: readonly string[];
  /**
   * Seed for bootstraps and feature sampling. Same rows (in any order) + same seed = same model.
   * @default 0
   */
  seed?: number;
  /**
   * Train in a worker thread so the calling event loop stays responsive.
   * @default false
   */
  worker?: boolean;
  /**
   * Standardize every encoded feature (z-score, including one-hot columns) with training statistics.
   * @default true for 'logistic', false otherwise (trees do not need it)
   */
  standardize?: boolean;
  /**
   * Most frequent categories kept per categorical column; rarer ones share the unknown bucket.
   * @default 100
   */
  maxCategories?: number;
  /**
   * Add a 0/1 "was missing" feature after each numeric column that had missing training cells.
   * @default true
   */
  missingIndicators?: boolean;
  /**
   * Bins per feature for the histogram learners, and for the pre-binning of the mljs flavors (2–255).
   * @default 255
   */
  maxBins?: number;
  /**
   * Number of trees.
   * @default 100 for 'forest', 30 for 'ml-random-forest'
   */
  trees?: number;
  /**
   * Maximum tree depth (root at depth 0).
   * @default Infinity for 'forest' and 'boosting', 6 for 'ml-cart', 10 for 'ml-random-forest'
   */
  maxDepth?: number;
  /**
   * Minimum training rows in a leaf.
   * @default 1 for 'forest', 20 for 'boosting'
   */
  minSamplesLeaf?: number;
  /**
   * Features considered per split ('forest') or per tree ('ml-random-forest').
   * @default 'sqrt' for 'forest', 0.3 for 'ml-random-forest'
   */
  maxFeatures?: MaxFeatures;
  /**
   * Draw a bootstrap sample for each forest tree.
   * @default true
   */
  bootstrap?: boolean;
  /**
   * Boosting iterations (one tree each), sklearn's `max_iter`.
   * @default 100
   */
  iterations?: number;
  /**
   * Shrinkage applied to each boosting tree.
   * @default 0.1
   */
  learningRate?: number;
  /**
   * Leaves per boosting tree, grown best-first.
   * @default 31
   */
  maxLeafNodes?: number;
  /**
   * L2 penalty on boosting leaf values.
   * @default 0
   */
  l2Regularization?: number;
  /**
   * sklearn's `C` for 'logistic': smaller means a stronger L2 penalty.
   * @default 1
   */
  inverseRegularization?: number;
  /**
   * Newton iterations for 'logistic'.
   * @default 100
   */
  maxIterations?: number;
  /**
   * Minimum rows a node needs to be split, for the mljs flavors (ml-cart's `minNumSamples` + 1).
   * @default 4
   */
  minSamplesSplit?: number;
  /**
   * Minimum Gini gain for a split, for the mljs flavors.
   * @default 0 for 'ml-cart', 0.01 for 'ml-random-forest' (ml-cart's own default)
   */
  gainThreshold?: number;
}
