import type { AlertEvidence } from '../records/alert-record.js';
import type { AlertSeverity } from '../records/check-result-record.js';
import type {
  CheckMeasurement,
  DataQualityMeasurement,
  DriftMeasurement,
  LatencyMeasurement,
  PerformanceMeasurement,
  VolumeMeasurement,
} from './check-measurement.js';
import { formatNumber, formatPercent } from './format-number.js';
import { gradeValue, type GradedValue } from './grade-value.js';
import type { AlertHysteresis, ResolvedAlertPolicyConfig, ResolvedAlertRule } from './resolve-alert-policy-config.js';
import { severityRank } from './severity-rank.js';

/** What the alert policy makes of one measurement. */
export interface AlertEvaluation {
  /** The severity of this one check, before hysteresis. `OK` when nothing crossed a threshold or it was not graded. */
  severity: AlertSeverity | 'OK';
  /**
   * False when no rule applies or a rule's gate is not met (too few observations, too few
   * labels, no baseline value): the check then neither fires nor clears an alert.
   */
  graded: boolean;
  /** Why it was not graded. */
  reason: string | undefined;
  /** The headline value plotted for this check (PSI, a share, a metric, milliseconds…). */
  value: number;
  /** What an alert carries: the test, statistic, threshold, corrected p-value, n, top moved bins… */
  evidence: AlertEvidence;
  /** One line for people. */
  summary: string;
  /** Hysteresis of the rule that graded it. */
  hysteresis: Readonly<AlertHysteresis>;
}

/**
 * Grades one measurement against the policy's rules (pure: no state, no clock).
 *
 * - Drift: PSI against the column's rule, and only when the corrected p-value is below `alpha`.
 * - Data quality: the worst of missing-rate increase, out-of-range share and unseen-category share.
 * - Performance: the drop below the baseline value, once `minLabelledCount` and `minLabelCoverage` are met.
 * - Latency: milliseconds; volume: the error rate. Requests per minute and label coverage are plotted, not graded.
 *
 * @example
 * ```ts
 * import { evaluateMeasurement } from './evaluate-measurement.js';
 * import { resolveAlertPolicyConfig } from './resolve-alert-policy-config.js';
 * const evaluation = evaluateMeasurement(
 *   { kind: 'volume', subject: 'error-rate', value: 0.08, requestCount: 5000, errorCount: 400 },
 *   resolveAlertPolicyConfig({}),
 * );
 * evaluation.severity; // 'CRITICAL'
 * ```
 */
export function evaluateMeasurement(measurement: CheckMeasurement, config: ResolvedAlertPolicyConfig): AlertEvaluation {
  switch (measurement.kind) {
    case 'feature-drift':
    case 'prediction-drift':
      return evaluateDrift(measurement, config);
    case 'data-quality':
      return evaluateDataQuality(measurement, config);
    case 'performance':
      return evaluatePerformance(measurement, config);
    case 'latency':
      return evaluateLatency(measurement, config);
    case 'volume':
      return evaluateVolume(measurement, config);
  }
}

function ungraded(
  value: number,
  reason: string,
  evidence: AlertEvidence,
  summary: string,
  hysteresis: Readonly<AlertHysteresis>,
): AlertEvaluation {
  return { severity: 'OK', graded: false, reason, value, evidence, summary: `${summary} (not graded: ${reason})`, hysteresis };
}

function graded(value: number, grade: GradedValue, evidence: AlertEvidence, summary: string, rule: ResolvedAlertRule): AlertEvaluation {
  return { severity: grade.severity, graded: true, reason: undefined, value, evidence, summary, hysteresis: rule.hysteresis };
}

/** `0.412 ≥ 0.25 (CRITICAL)` or `0.05 < 0.1`. */
function comparison(value: string, grade: GradedValue, format: (threshold: number) => string): string {
  if (!Number.isFinite(grade.threshold)) return value;
  return grade.severity === 'OK' ? `${value} < ${format(grade.threshold)}` : `${value} ≥ ${format(grade.threshold)} (${grade.severity})`;
}

function evaluateDrift(measurement: DriftMeasurement, config: ResolvedAlertPolicyConfig): AlertEvaluation {
  const { column, topBins } = measurement;
  const rule = config.features[column.name] ?? config.drift;
  const metric = column.effectMetric === 'psi' ? 'PSI' : column.effectMetric;
  const significant = column.pValueAdjusted < config.alpha;
  const grade: GradedValue = rule === false ? { severity: 'OK', threshold: Number.NaN } : gradeValue(column.effect, rule);
  const evidence: AlertEvidence = {
    test: column.effectMetric,
    statistic: column.effect,
    threshold: grade.threshold,
    pValue: column.pValueAdjusted,
    n: column.currentCount,
    topBins,
    hypothesisTest: column.test,
    hypothesisStatistic: column.statistic,
    rawPValue: column.pValue,
    alpha: config.alpha,
    correction: config.correction,
    referenceCount: column.referenceCount,
    significant,
  };
  const moved = topBins.map((bin) => `${bin.bin} ${formatPercent(bin.referenceShare)} → ${formatPercent(bin.currentShare)}`).join(', ');
  const test = `${column.test} p-value ${formatNumber(column.pValueAdjusted)} after ${config.correction}`;
  const summaryOf = (graded: GradedValue) =>
    `${comparison(`${metric} ${formatNumber(column.effect)}`, graded, formatNumber)}; ${test}; n ${formatNumber(column.currentCount)}` +
    (moved === '' ? '' : `; moved most: ${moved}`);
  const hysteresis = rule === false ? config.hysteresis : rule.hysteresis;
  if (rule === false) return ungraded(column.effect, 'alerts are off for this column', evidence, summaryOf(grade), hysteresis);
  if (column.currentCount < config.minSampleCount) {
    return ungraded(column.effect, `${column.currentCount} values, below minSampleCount ${config.minSampleCount}`, evidence, summaryOf(grade), hysteresis);
  }
  if (!significant && grade.severity !== 'OK') {
    const clear: GradedValue = { severity: 'OK', threshold: grade.threshold };
    return graded(column.effect, clear, evidence, `${summaryOf(grade)}; not significant at alpha ${config.alpha}`, rule);
  }
  return graded(column.effect, grade, evidence, summaryOf(grade), rule);
}

function evaluateDataQuality(measurement: DataQualityMeasurement, config: ResolvedAlertPolicyConfig): AlertEvaluation {
  const missingRateIncrease = Math.max(0, measurement.missingRate - measurement.missingRateReference);
  const candidates: Array<{ test: string; value: number; rule: ResolvedAlertRule | false; label: string }> = [
    { test: 'missing-rate-increase', value: missingRateIncrease, rule: config.dataQuality.missingRateIncrease, label: 'missing rate increase' },
    { test: 'out-of-range-share', value: measurement.outOfRangeShare, rule: config.dataQuality.outOfRangeShare, label: 'out of range' },
    {
      test: 'unseen-category-share',
      value: measurement.unseenCategoryShare,
      rule: config.dataQuality.unseenCategoryShare,
      label: 'unseen categories',
    },
  ];
  let worst: { test: string; value: number; rule: ResolvedAlertRule; grade: GradedValue; label: string } | undefined;
  for (const candidate of candidates) {
    if (candidate.rule === false) continue;
    const grade = gradeValue(candidate.value, candidate.rule);
    const ratio = candidate.value / grade.threshold;
    if (
      worst === undefined ||
      severityRank(grade.severity) > severityRank(worst.grade.severity) ||
      (severityRank(grade.severity) === severityRank(worst.grade.severity) && ratio > worst.value / worst.grade.threshold)
    ) {
      worst = { ...candidate, rule: candidate.rule, grade };
    }
  }
  const value = Math.max(missingRateIncrease, measurement.outOfRangeShare, measurement.unseenCategoryShare);
  const evidence: AlertEvidence = {
    test: worst?.test ?? 'data-quality',
    statistic: worst?.value ?? value,
    threshold: worst?.grade.threshold ?? Number.NaN,
    n: measurement.rowCount,
    missingRate: measurement.missingRate,
    missingRateReference: measurement.missingRateReference,
    outOfRangeShare: measurement.outOfRangeShare,
    range: measurement.range === undefined ? undefined : [...measurement.range],
    unseenCategoryShare: measurement.unseenCategoryShare,
    unseenCategories: measurement.unseenCategories,
    allowedSource: measurement.allowedSource,
  };
  const parts = [
    `missing ${formatPercent(measurement.missingRate)} (baseline ${formatPercent(measurement.missingRateReference)})`,
    measurement.range === undefined ? undefined : `out of range ${formatPercent(measurement.outOfRangeShare)}`,
    measurement.unseenCategories.length > 0 || measurement.unseenCategoryShare > 0
      ? `unseen categories ${formatPercent(measurement.unseenCategoryShare)} (${measurement.unseenCategories.slice(0, 5).join(', ')})`
      : undefined,
    `n ${formatNumber(measurement.rowCount)}`,
  ].filter((part) => part !== undefined);
  const summary = worst === undefined ? parts.join('; ') : `${comparison(`${worst.label} ${formatPercent(worst.value)}`, worst.grade, formatPercent)}; ${parts.join('; ')}`;
  if (worst === undefined) return ungraded(value, 'data-quality alerts are off', evidence, summary, config.hysteresis);
  if (measurement.rowCount < config.minSampleCount) {
    return ungraded(value, `${measurement.rowCount} rows, below minSampleCount ${config.minSampleCount}`, evidence, summary, worst.rule.hysteresis);
  }
  return graded(value, worst.grade, evidence, summary, worst.rule);
}

function evaluatePerformance(measurement: PerformanceMeasurement, config: ResolvedAlertPolicyConfig): AlertEvaluation {
  const coverage = `${formatNumber(measurement.labelledCount)} labelled, coverage ${formatPercent(measurement.labelCoverage)}`;
  if (measurement.subject === 'label-coverage') {
    const evidence: AlertEvidence = {
      test: 'label-coverage',
      statistic: measurement.value,
      threshold: config.minLabelCoverage,
      n: measurement.labelledCount,
      predictionCount: measurement.predictionCount,
    };
    return ungraded(measurement.value, 'label coverage is reported, not graded', evidence, `label ${coverage} of ${formatNumber(measurement.predictionCount)} predictions`, config.hysteresis);
  }
  const rule = config.performanceDrop[measurement.subject];
  const drop = measurement.baselineValue === undefined ? Number.NaN : measurement.baselineValue - measurement.value;
  const grade: GradedValue = rule === false || Number.isNaN(drop) ? { severity: 'OK', threshold: Number.NaN } : gradeValue(drop, rule);
  const evidence: AlertEvidence = {
    test: `${measurement.subject}-drop`,
    statistic: drop,
    threshold: grade.threshold,
    n: measurement.labelledCount,
    value: measurement.value,
    baselineValue: measurement.baselineValue,
    labelCoverage: measurement.labelCoverage,
    predictionCount: measurement.predictionCount,
    confusionMatrix: measurement.confusionMatrix,
  };
  const versus = measurement.baselineValue === undefined ? '' : ` vs baseline ${formatNumber(measurement.baselineValue)}`;
  const dropText = Number.isNaN(drop) ? '' : `, ${comparison(`drop ${formatNumber(drop)}`, grade, formatNumber)}`;
  const summary = `${measurement.subject} ${formatNumber(measurement.value)}${versus}${dropText}; ${coverage}`;
  if (rule === false) return ungraded(measurement.value, `no ${measurement.subject} rule`, evidence, summary, config.hysteresis);
  if (measurement.baselineValue === undefined) {
    return ungraded(measurement.value, `the baseline has no ${measurement.subject}`, evidence, summary, rule.hysteresis);
  }
  if (measurement.labelledCount < config.minLabelledCount) {
    return ungraded(measurement.value, `${measurement.labelledCount} labelled, below minLabelledCount ${config.minLabelledCount}`, evidence, summary, rule.hysteresis);
  }
  if (measurement.labelCoverage < config.minLabelCoverage) {
    return ungraded(
      measurement.value,
      `label coverage ${formatPercent(measurement.labelCoverage)}, below minLabelCoverage ${formatPercent(config.minLabelCoverage)}`,
      evidence,
      summary,
      rule.hysteresis,
    );
  }
  return graded(measurement.value, grade, evidence, summary, rule);
}

function evaluateLatency(measurement: LatencyMeasurement, config: ResolvedAlertPolicyConfig): AlertEvaluation {
  const rule = config.latencyMillis[measurement.subject];
  const grade: GradedValue = rule === false ? { severity: 'OK', threshold: Number.NaN } : gradeValue(measurement.valueMillis, rule);
  const evidence: AlertEvidence = { test: `latency-${measurement.subject}`, statistic: measurement.valueMillis, threshold: grade.threshold, n: measurement.count };
  const milliseconds = (value: number) => `${formatNumber(value)} ms`;
  const summary = `${comparison(`${measurement.subject} latency ${milliseconds(measurement.valueMillis)}`, grade, milliseconds)}; n ${formatNumber(measurement.count)}`;
  if (rule === false) return ungraded(measurement.valueMillis, `no ${measurement.subject} latency rule`, evidence, summary, config.hysteresis);
  if (measurement.count < config.minSampleCount) {
    return ungraded(measurement.valueMillis, `${measurement.count} latencies, below minSampleCount ${config.minSampleCount}`, evidence, summary, rule.hysteresis);
  }
  return graded(measurement.valueMillis, grade, evidence, summary, rule);
}

function evaluateVolume(measurement: VolumeMeasurement, config: ResolvedAlertPolicyConfig): AlertEvaluation {
  if (measurement.subject === 'requests-per-minute') {
    const evidence: AlertEvidence = {
      test: 'requests-per-minute',
      statistic: measurement.value,
      threshold: Number.NaN,
      n: measurement.requestCount,
      errorCount: measurement.errorCount,
    };
    return ungraded(
      measurement.value,
      'request volume is reported, not graded',
      evidence,
      `${formatNumber(measurement.value)} requests per minute (${formatNumber(measurement.requestCount)} in the window)`,
      config.hysteresis,
    );
  }
  const rule = config.errorRate;
  const grade: GradedValue = rule === false ? { severity: 'OK', threshold: Number.NaN } : gradeValue(measurement.value, rule);
  const evidence: AlertEvidence = {
    test: 'error-rate',
    statistic: measurement.value,
    threshold: grade.threshold,
    n: measurement.requestCount,
    errorCount: measurement.errorCount,
  };
  const summary = `${comparison(`error rate ${formatPercent(measurement.value)}`, grade, formatPercent)}; ${formatNumber(measurement.errorCount)} of ${formatNumber(measurement.requestCount)} requests failed`;
  if (rule === false) return ungraded(measurement.value, 'error-rate alerts are off', evidence, summary, config.hysteresis);
  if (measurement.requestCount < config.minSampleCount) {
    return ungraded(measurement.value, `${measurement.requestCount} requests, below minSampleCount ${config.minSampleCount}`, evidence, summary, rule.hysteresis);
  }
  return graded(measurement.value, grade, evidence, summary, rule);
}
