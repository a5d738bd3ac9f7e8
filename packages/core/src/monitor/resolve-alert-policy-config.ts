import { DriftwatchError, pValueCorrections, type PValueCorrection } from '@driftwatch/drift';
import { z } from 'zod';
import type { LatencyQuantileName, PerformanceMetricName } from './check-measurement.js';

/**
 * Hysteresis of an alert rule: how many recent checks must breach before an alert fires, and
 * how many clear checks in a row resolve it.
 */
export interface AlertHysteresis {
  /** N: checks among the last `checkCount` that must breach for the alert to fire. @default 2 */
  breachCount: number;
  /** M: how many recent checks are considered. @default 3 */
  checkCount: number;
  /** Consecutive clear checks that resolve a firing alert. @default `checkCount` */
  clearCount: number;
}

/**
 * Thresholds for one measured value, where higher is worse (PSI, a share, a drop in accuracy,
 * milliseconds). A value at or above a threshold has that severity; the highest one wins.
 * Give at least one threshold, in order `info ≤ warning ≤ critical`.
 *
 * @example
 * ```ts
 * import type { AlertRule } from '@driftwatch/core';
 * const p95: AlertRule = { warning: 200, critical: 500, hysteresis: { breachCount: 1, checkCount: 1 } };
 * ```
 */
export interface AlertRule {
  /** Values at or above this are INFO. @default undefined (no INFO level) */
  info?: number;
  /** Values at or above this are WARNING. @default undefined (no WARNING level) */
  warning?: number;
  /** Values at or above this are CRITICAL. @default undefined (no CRITICAL level) */
  critical?: number;
  /** Overrides the policy's hysteresis for this rule; fields left out come from the policy. @default the policy's `hysteresis` */
  hysteresis?: Partial<AlertHysteresis>;
}

/** Data-quality rules; each graded value is a share in [0, 1]. Keys left out keep their defaults; `false` turns one off. */
export interface DataQualityRules {
  /** Missing rate in the window minus the baseline's missing rate (never below 0). @default { warning: 0.05, critical: 0.2 } */
  missingRateIncrease?: AlertRule | false;
  /** Share of numeric values outside the feature spec's range, or the baseline's [min, max]. @default { warning: 0.01, critical: 0.05 } */
  outOfRangeShare?: AlertRule | false;
  /** Share of categorical values whose category the feature spec, or the baseline, does not know. @default { warning: 0.01, critical: 0.05 } */
  unseenCategoryShare?: AlertRule | false;
}

/**
 * Config for {@link createAlertPolicy}: which measurements alert at which severity, and how
 * alerts are deduplicated, repeated and resolved. Every field is optional.
 *
 * @example
 * ```ts
 * import type { AlertPolicyConfig } from '@driftwatch/core';
 * const config: AlertPolicyConfig = {
 *   features: { tenure: { warning: 0.2, critical: 0.4 }, customerId: false },
 *   latencyMillis: { p99: { critical: 800 } },
 *   hysteresis: { breachCount: 1, checkCount: 1 },
 * };
 * ```
 */
export interface AlertPolicyConfig {
  /**
   * Drift rule for every feature and prediction column, graded on PSI. A column also has to be
   * significant: its corrected p-value (the report's `pValueAdjusted`) below `alpha`.
   * @default { warning: 0.1, critical: 0.25 }
   */
  drift?: AlertRule;
  /** Drift rules by column name (features, `prediction.score`, `prediction.label`), replacing `drift` for that column; `false` silences it. @default {} */
  features?: Readonly<Record<string, AlertRule | false>>;
  /** Significance level for the corrected p-values. @default 0.05 */
  alpha?: number;
  /** Multiple-testing correction across the columns of one check. @default 'benjamini-hochberg' */
  correction?: PValueCorrection;
  /** Data-quality rules. @default see {@link DataQualityRules} */
  dataQuality?: DataQualityRules;
  /**
   * Rules on the absolute drop of a metric below its baseline value (`baseline.metrics`), such as
   * `0.05` for five points of accuracy. Keys left out keep their defaults; `false` turns one off.
   * @default { accuracy: { warning: 0.05, critical: 0.1 } }
   */
  performanceDrop?: Readonly<Partial<Record<PerformanceMetricName, AlertRule | false>>>;
  /** Labelled predictions a window needs before performance rules are graded. @default 200 */
  minLabelledCount?: number;
  /** Share of the window's predictions that must have outcomes before performance rules are graded. @default 0.05 */
  minLabelCoverage?: number;
  /** Latency rules in milliseconds by quantile. @default {} (latency never alerts until you set a rule) */
  latencyMillis?: Readonly<Partial<Record<LatencyQuantileName, AlertRule | false>>>;
  /** Rule on the share of requests whose handler failed. @default { warning: 0.01, critical: 0.05 } */
  errorRate?: AlertRule | false;
  /** Observations (non-missing values, rows, latencies or requests) a window needs before drift, data-quality, latency and error-rate rules are graded. @default 100 */
  minSampleCount?: number;
  /** Default hysteresis of every rule. @default { breachCount: 2, checkCount: 3, clearCount: 3 } */
  hysteresis?: Partial<AlertHysteresis>;
  /** A firing alert is not sent again within this time unless its severity escalates. @default 14_400_000 (4 hours) */
  cooldownMillis?: number;
}

/** An {@link AlertRule} with its hysteresis filled in. */
export interface ResolvedAlertRule {
  info: number | undefined;
  warning: number | undefined;
  critical: number | undefined;
  hysteresis: Readonly<AlertHysteresis>;
}

/** {@link AlertPolicyConfig} with every default applied; frozen. */
export interface ResolvedAlertPolicyConfig {
  drift: ResolvedAlertRule;
  features: Readonly<Record<string, ResolvedAlertRule | false>>;
  alpha: number;
  correction: PValueCorrection;
  dataQuality: Readonly<Record<keyof DataQualityRules, ResolvedAlertRule | false>>;
  performanceDrop: Readonly<Record<PerformanceMetricName, ResolvedAlertRule | false>>;
  minLabelledCount: number;
  minLabelCoverage: number;
  latencyMillis: Readonly<Record<LatencyQuantileName, ResolvedAlertRule | false>>;
  errorRate: ResolvedAlertRule | false;
  minSampleCount: number;
  hysteresis: Readonly<AlertHysteresis>;
  cooldownMillis: number;
}

const hysteresisSchema = z.strictObject({
  breachCount: z.int().positive().optional(),
  checkCount: z.int().positive().optional(),
  clearCount: z.int().positive().optional(),
});

const ruleSchema = z
  .strictObject({
    info: z.number().finite().optional(),
    warning: z.number().finite().optional(),
    critical: z.number().finite().optional(),
    hysteresis: hysteresisSchema.optional(),
  })
  .refine((rule) => rule.info !== undefined || rule.warning !== undefined || rule.critical !== undefined, {
    message: 'a rule needs at least one of info, warning, critical',
  })
  .refine(
    (rule) => {
      const levels = [rule.info, rule.warning, rule.critical].filter((value) => value !== undefined);
      return levels.every((value, index) => index === 0 || value >= levels[index - 1]!);
    },
    { message: 'thresholds must be ordered info ≤ warning ≤ critical' },
  );

const ruleOrOffSchema = z.union([ruleSchema, z.literal(false)]);

const configSchema = z.strictObject({
  drift: ruleSchema.optional(),
  features: z.record(z.string(), ruleOrOffSchema).optional(),
  alpha: z.number().gt(0).lt(1).optional(),
  correction: z.enum(pValueCorrections).optional(),
  dataQuality: z
    .strictObject({
      missingRateIncrease: ruleOrOffSchema.optional(),
      outOfRangeShare: ruleOrOffSchema.optional(),
      unseenCategoryShare: ruleOrOffSchema.optional(),
    })
    .optional(),
  performanceDrop: z
    .strictObject({
      accuracy: ruleOrOffSchema.optional(),
      precision: ruleOrOffSchema.optional(),
      recall: ruleOrOffSchema.optional(),
      f1: ruleOrOffSchema.optional(),
      auc: ruleOrOffSchema.optional(),
    })
    .optional(),
  minLabelledCount: z.int().nonnegative().optional(),
  minLabelCoverage: z.number().min(0).max(1).optional(),
  latencyMillis: z.strictObject({ p50: ruleOrOffSchema.optional(), p95: ruleOrOffSchema.optional(), p99: ruleOrOffSchema.optional() }).optional(),
  errorRate: ruleOrOffSchema.optional(),
  minSampleCount: z.int().nonnegative().optional(),
  hysteresis: hysteresisSchema.optional(),
  cooldownMillis: z.number().nonnegative().optional(),
});

/**
 * Validates an {@link AlertPolicyConfig} with zod and applies every default, in this one place.
 * Throws `VALIDATION_FAILED` with the zod issues in `details.issues`.
 *
 * @example
 * ```ts
 * import { resolveAlertPolicyConfig } from './resolve-alert-policy-config.js';
 * resolveAlertPolicyConfig({}).drift; // { info: undefined, warning: 0.1, critical: 0.25, hysteresis: { breachCount: 2, checkCount: 3, clearCount: 3 } }
 * ```
 */
export function resolveAlertPolicyConfig(config: AlertPolicyConfig = {}): ResolvedAlertPolicyConfig {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `Invalid alert policy config: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
      details: { issues: parsed.error.issues },
    });
  }
  const policyHysteresis = resolveHysteresis(
    { breachCount: 2, checkCount: 3, clearCount: undefined },
    config.hysteresis,
    'hysteresis',
  );
  const rule = (value: AlertRule, path: string): ResolvedAlertRule =>
    Object.freeze({
      info: value.info,
      warning: value.warning,
      critical: value.critical,
      hysteresis: value.hysteresis === undefined ? policyHysteresis : resolveHysteresis(policyHysteresis, value.hysteresis, `${path}.hysteresis`),
    });
  const ruleOrOff = (value: AlertRule | false, path: string): ResolvedAlertRule | false => (value === false ? false : rule(value, path));
  const pick = <Key extends string>(
    defaults: Readonly<Record<Key, AlertRule | false>>,
    given: Readonly<Partial<Record<Key, AlertRule | false>>> | undefined,
    path: string,
  ): Readonly<Record<Key, ResolvedAlertRule | false>> => {
    const resolved = {} as Record<Key, ResolvedAlertRule | false>;
    for (const key of Object.keys(defaults) as Key[]) resolved[key] = ruleOrOff(given?.[key] ?? defaults[key], `${path}.${key}`);
    return Object.freeze(resolved);
  };

  return Object.freeze({
    drift: rule(config.drift ?? { warning: 0.1, critical: 0.25 }, 'drift'),
    features: Object.freeze(
      Object.fromEntries(Object.entries(config.features ?? {}).map(([name, value]) => [name, ruleOrOff(value, `features.${name}`)])),
    ),
    alpha: config.alpha ?? 0.05,
    correction: config.correction ?? 'benjamini-hochberg',
    dataQuality: pick(
      {
        missingRateIncrease: { warning: 0.05, critical: 0.2 },
        outOfRangeShare: { warning: 0.01, critical: 0.05 },
        unseenCategoryShare: { warning: 0.01, critical: 0.05 },
      },
      config.dataQuality,
      'dataQuality',
    ),
    performanceDrop: pick(
      { accuracy: { warning: 0.05, critical: 0.1 }, precision: false, recall: false, f1: false, auc: false },
      config.performanceDrop,
      'performanceDrop',
    ),
    minLabelledCount: config.minLabelledCount ?? 200,
    minLabelCoverage: config.minLabelCoverage ?? 0.05,
    latencyMillis: pick({ p50: false, p95: false, p99: false }, config.latencyMillis, 'latencyMillis'),
    errorRate: ruleOrOff(config.errorRate ?? { warning: 0.01, critical: 0.05 }, 'errorRate'),
    minSampleCount: config.minSampleCount ?? 100,
    hysteresis: policyHysteresis,
    cooldownMillis: config.cooldownMillis ?? 4 * 60 * 60 * 1000,
  });
}

function resolveHysteresis(
  base: { breachCount: number; checkCount: number; clearCount: number | undefined },
  given: Partial<AlertHysteresis> | undefined,
  path: string,
): Readonly<AlertHysteresis> {
  const breachCount = given?.breachCount ?? base.breachCount;
  const checkCount = given?.checkCount ?? base.checkCount;
  // Resolving takes as many clear checks as the window is long, unless said otherwise.
  const clearCount = given?.clearCount ?? (given?.checkCount !== undefined ? checkCount : (base.clearCount ?? checkCount));
  if (breachCount > checkCount) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `Invalid alert policy config: ${path}.breachCount (${breachCount}) exceeds checkCount (${checkCount}).`,
      details: { issues: [{ path: path.split('.'), message: 'breachCount must not exceed checkCount' }] },
    });
  }
  return Object.freeze({ breachCount, checkCount, clearCount });
}
