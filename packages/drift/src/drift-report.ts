/** Column kinds that drift detection distinguishes. */
export const columnKinds = ['numeric', 'categorical'] as const;
/** A column's kind. */
export type ColumnKind = (typeof columnKinds)[number];

/** Severity bands for a column's effect size. */
export const driftSeverities = ['stable', 'moderate', 'drift'] as const;
/** A severity band. */
export type DriftSeverity = (typeof driftSeverities)[number];

/** Hypothesis tests that {@link compareDatasets} may select. */
export const driftTests = ['ks', 'chi-squared'] as const;
/** A hypothesis test name. */
export type DriftTest = (typeof driftTests)[number];

/** Effect-size metrics a report may use to grade severity. */
export const effectMetrics = ['psi', 'jensen-shannon', 'wasserstein'] as const;
/** An effect-size metric name. */
export type EffectMetric = (typeof effectMetrics)[number];

/** Multiple-testing corrections applied across columns. */
export const pValueCorrections = ['benjamini-hochberg', 'bonferroni', 'none'] as const;
/** A multiple-testing correction name. */
export type PValueCorrection = (typeof pValueCorrections)[number];

/** Effect thresholds: `effect < moderate` is stable, `effect > drift` is drift, in between is moderate. */
export interface SeverityThresholds {
  /** Lower edge of the moderate band. @default 0.1 (PSI) */
  moderate: number;
  /** Lower edge of the drift band (exclusive). @default 0.25 (PSI) */
  drift: number;
}

/** Data quality of one column in both samples. */
export interface ColumnQuality {
  /** Missing values (null, undefined, NaN, blank) as a share of the reference rows. */
  missingRateReference: number;
  /** Missing values as a share of the current rows. */
  missingRateCurrent: number;
  /** Share of current non-missing numeric values outside [min, max] of the reference. 0 for categorical columns. */
  outOfRangeShare: number;
  /** Categories present in current and absent from reference, sorted. Empty for numeric columns. */
  unseenCategories: string[];
}

/** A distribution summary for charts: both samples on the same bins. */
export type ColumnDistribution =
  | { kind: 'numeric'; edges: number[]; referenceCounts: number[]; currentCounts: number[] }
  | { kind: 'categorical'; categories: string[]; referenceCounts: number[]; currentCounts: number[] };

/** One column of a {@link DriftReport}. */
export interface ColumnDrift {
  name: string;
  kind: ColumnKind;
  /** Whether the kind was given in the options or schema, or inferred from the values. */
  kindSource: 'declared' | 'inferred';
  /** One line on how the kind was decided. */
  kindReason: string;
  test: DriftTest;
  /** One line on why this test was chosen. */
  testReason: string;
  /** The test statistic (KS D or chi-squared). */
  statistic: number;
  /** The raw p-value of the test. */
  pValue: number;
  /** The p-value after the report's multiple-testing correction. */
  pValueAdjusted: number;
  /** The effect size graded into {@link ColumnDrift.severity}. */
  effect: number;
  effectMetric: EffectMetric;
  severity: DriftSeverity;
  thresholds: SeverityThresholds;
  /** True when the column counts as drifted under the report's rule. */
  drifted: boolean;
  /** All effect sizes, for display. `wasserstein` is absent for categorical columns. */
  effects: { psi: number; jensenShannon: number; wasserstein?: number; wassersteinNormalized?: number };
  referenceCount: number;
  currentCount: number;
  quality: ColumnQuality;
  distribution: ColumnDistribution;
}

/** The result of {@link compareDatasets}, also printed by `driftwatch drift --json`. */
export interface DriftReport {
  drifted: boolean;
  /** Drifted columns as a share of compared columns. */
  driftShare: number;
  driftShareThreshold: number;
  alpha: number;
  correction: PValueCorrection;
  rowCounts: { reference: number; current: number };
  columns: ColumnDrift[];
  /** Columns that could not be compared, each with the reason (absent from one sample, or no usable values). */
  skipped: Array<{ name: string; reason: string }>;
}
