import { DriftwatchError } from '../errors/driftwatch-error.js';
import type { EffectMetric, PValueCorrection, SeverityThresholds } from '../drift-report.js';

/** Options shared by {@link compareDatasets} and `compareProfiles`. Every default is applied in {@link resolveCompareOptions}. */
export interface DriftReportOptions {
  /** Columns to treat as categorical whatever their values look like. @default [] */
  categorical?: readonly string[];
  /** Columns to treat as numeric; values that do not parse as numbers count as missing. @default [] */
  numeric?: readonly string[];
  /** Columns to leave out, such as identifiers. @default [] */
  exclude?: readonly string[];
  /** Significance level applied to the corrected p-values. @default 0.05 */
  alpha?: number;
  /** Multiple-testing correction across columns. @default 'benjamini-hochberg' */
  correction?: PValueCorrection;
  /** Effect size graded into severity. @default 'psi' */
  effectMetric?: EffectMetric;
  /** Severity bands for the effect metric. @default { moderate: 0.1, drift: 0.25 } for PSI; { moderate: 0.1, drift: 0.2 } for Jensen–Shannon and normalized Wasserstein */
  thresholds?: SeverityThresholds;
  /** Severity bands for single columns, overriding `thresholds`. @default {} */
  columnThresholds?: Readonly<Record<string, SeverityThresholds>>;
  /** The dataset drifts when at least this share of compared columns drifts. @default 0.5 */
  driftShareThreshold?: number;
}

/** {@link DriftReportOptions} with every default applied. */
export interface ResolvedCompareOptions {
  categorical: ReadonlySet<string>;
  numeric: ReadonlySet<string>;
  exclude: ReadonlySet<string>;
  alpha: number;
  correction: PValueCorrection;
  effectMetric: EffectMetric;
  thresholds: SeverityThresholds;
  columnThresholds: Readonly<Record<string, SeverityThresholds>>;
  driftShareThreshold: number;
}

const defaultThresholds: Readonly<Record<EffectMetric, SeverityThresholds>> = {
  psi: { moderate: 0.1, drift: 0.25 },
  'jensen-shannon': { moderate: 0.1, drift: 0.2 },
  wasserstein: { moderate: 0.1, drift: 0.2 },
};

/** Applies the documented defaults once and checks the values a user can get wrong. */
export function resolveCompareOptions(options: DriftReportOptions = {}): ResolvedCompareOptions {
  const effectMetric = options.effectMetric ?? 'psi';
  const resolved: ResolvedCompareOptions = {
    categorical: new Set(options.categorical ?? []),
    numeric: new Set(options.numeric ?? []),
    exclude: new Set(options.exclude ?? []),
    alpha: options.alpha ?? 0.05,
    correction: options.correction ?? 'benjamini-hochberg',
    effectMetric,
    thresholds: options.thresholds ?? defaultThresholds[effectMetric],
    columnThresholds: options.columnThresholds ?? {},
    driftShareThreshold: options.driftShareThreshold ?? 0.5,
  };
  const both = [...resolved.categorical].filter((name) => resolved.numeric.has(name));
  if (both.length > 0) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `Columns declared both numeric and categorical: ${both.join(', ')}.`,
      details: { columns: both },
    });
  }
  if (!(resolved.alpha > 0 && resolved.alpha < 1)) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `alpha must lie in (0, 1), got ${resolved.alpha}.` });
  }
  if (!(resolved.driftShareThreshold > 0 && resolved.driftShareThreshold <= 1)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `driftShareThreshold must lie in (0, 1], got ${resolved.driftShareThreshold}.`,
    });
  }
  for (const [name, thresholds] of Object.entries({ default: resolved.thresholds, ...resolved.columnThresholds })) {
    if (!(thresholds.moderate >= 0 && thresholds.drift >= thresholds.moderate)) {
      throw new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `Thresholds for ${name} need 0 ≤ moderate ≤ drift, got ${JSON.stringify(thresholds)}.`,
      });
    }
  }
  return Object.freeze(resolved);
}
