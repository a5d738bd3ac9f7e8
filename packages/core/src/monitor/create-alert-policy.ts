import type { CompareProfilesOptions, SeverityThresholds } from '@driftwatch/drift';
import type { AlertRecord } from '../records/alert-record.js';
import { checkKinds, type AlertSeverity, type CheckKind, type CheckResultRecord } from '../records/check-result-record.js';
import { createPredictionId } from '../records/create-prediction-id.js';
import { alertDedupeKey } from './alert-dedupe-key.js';
import type { CheckMeasurement } from './check-measurement.js';
import { evaluateMeasurement, type AlertEvaluation } from './evaluate-measurement.js';
import {
  resolveAlertPolicyConfig,
  type AlertHysteresis,
  type AlertPolicyConfig,
  type ResolvedAlertPolicyConfig,
  type ResolvedAlertRule,
} from './resolve-alert-policy-config.js';
import { severityRank } from './severity-rank.js';

export type { AlertHysteresis, AlertPolicyConfig, AlertRule, DataQualityRules } from './resolve-alert-policy-config.js';
export type { AlertEvaluation } from './evaluate-measurement.js';

/** One check run's graded measurements, handed to {@link AlertPolicy.observe}. */
export interface AlertObservation {
  modelName: string;
  /** Put on the alerts; `''` when the Monitor covers every version. */
  modelVersion: string;
  /** `''` when the Monitor covers every segment. */
  segment: string;
  /** When the checks ran. */
  at: Date;
  results: ReadonlyArray<{ kind: CheckKind; subject: string; evaluation: AlertEvaluation }>;
}

/** What {@link AlertPolicy.restore} rebuilds state from. */
export interface AlertPolicyHistory {
  /** Stored alerts; for each dedupe key the newest decides whether its incident is open. */
  alerts: readonly AlertRecord[];
  /** Recent check results, replayed oldest first into the hysteresis windows. @default [] */
  checkResults?: readonly CheckResultRecord[];
}

/** An incident that is firing now. */
export interface OpenIncident {
  dedupeKey: string;
  /** The severity last sent. */
  severity: AlertSeverity;
  /** When it was last sent (fired, escalated or repeated). */
  lastSentAt: Date;
  /** The id of the last alert sent for it. */
  lastAlertId: string;
}

/**
 * Decides when measurements become alerts. Grading ({@link AlertPolicy.evaluate}) is pure;
 * {@link AlertPolicy.observe} keeps per-incident state (hysteresis windows, cooldowns, open
 * incidents) in memory and returns the alerts to send. The Monitor stores and delivers them.
 *
 * @example
 * ```ts
 * import { createAlertPolicy, type AlertPolicy } from '@driftwatch/core';
 * const policy: AlertPolicy = createAlertPolicy({ hysteresis: { breachCount: 1, checkCount: 1 } });
 * const evaluation = policy.evaluate({ kind: 'volume', subject: 'error-rate', value: 0.2, requestCount: 1000, errorCount: 200 });
 * const alerts = policy.observe({
 *   modelName: 'churn', modelVersion: '', segment: '', at: new Date(),
 *   results: [{ kind: 'volume', subject: 'error-rate', evaluation }],
 * });
 * alerts[0]?.severity; // 'CRITICAL'
 * ```
 */
export interface AlertPolicy {
  /** The config with every default applied; frozen. */
  readonly config: ResolvedAlertPolicyConfig;
  /** The longest hysteresis window of any rule, in checks: how much history a restart should replay. */
  readonly longestCheckCount: number;
  /** Grades one measurement against the rules, without touching state. */
  evaluate(measurement: CheckMeasurement): AlertEvaluation;
  /** Feeds one run's graded results through hysteresis and cooldown; returns the alerts to send (firing, escalated, repeated, resolved). */
  observe(observation: AlertObservation): AlertRecord[];
  /**
   * Rebuilds state after a restart: open incidents from stored alerts (severity and time last
   * sent, so cooldowns continue) and hysteresis windows from recent check results. State
   * already held for a dedupe key is kept.
   */
  restore(history: AlertPolicyHistory): void;
  /** Incidents firing now, by dedupe key. */
  openIncidents(): OpenIncident[];
  /** Options for `compareProfiles` that match the drift rules: alpha, correction and the PSI bands per column. */
  compareOptions(columnNames: readonly string[]): CompareProfilesOptions;
}

interface IncidentState {
  kind: CheckKind;
  subject: string;
  /** Severities of the last graded checks, oldest first. */
  history: Array<AlertSeverity | 'OK'>;
  /** Consecutive clear checks while firing. */
  clearStreak: number;
  firing: { severity: AlertSeverity; sentAtMillis: number; alertId: string } | undefined;
}

const levels: readonly AlertSeverity[] = ['CRITICAL', 'WARNING', 'INFO'];

/**
 * Creates an {@link AlertPolicy}. Every field of the config is optional; see
 * `docs/concepts/alert-policy.md` for the defaults and the dedupe, cooldown, hysteresis and
 * resolve semantics. Throws `VALIDATION_FAILED` for an invalid config.
 *
 * - An alert's dedupe key is model + check + subject (`churn/feature-drift/tenure`).
 * - It fires at the highest severity reached in at least `breachCount` of the last
 *   `checkCount` graded checks (2 of 3 by default; 1 of 1 fires on the first breach).
 * - While firing it is sent again only after `cooldownMillis`, or at once when it escalates.
 * - It resolves after `clearCount` consecutive clear checks, with a resolved notice.
 *
 * @example
 * ```ts
 * import { createAlertPolicy } from '@driftwatch/core';
 * const policy = createAlertPolicy({
 *   features: { tenure: { warning: 0.2, critical: 0.4 } },
 *   performanceDrop: { accuracy: { warning: 0.03, critical: 0.08 } },
 *   latencyMillis: { p95: { warning: 200 }, p99: { critical: 1000 } },
 *   cooldownMillis: 60 * 60 * 1000,
 * });
 * ```
 */
export function createAlertPolicy(config: AlertPolicyConfig = {}): AlertPolicy {
  const resolved = resolveAlertPolicyConfig(config);
  const states = new Map<string, IncidentState>();
  const longestCheckCount = Math.max(...allRules(resolved).map((rule) => rule.hysteresis.checkCount), resolved.hysteresis.checkCount);

  function stateFor(key: string, kind: CheckKind, subject: string): IncidentState {
    let state = states.get(key);
    if (state === undefined) {
      state = { kind, subject, history: [], clearStreak: 0, firing: undefined };
      states.set(key, state);
    }
    return state;
  }

  return {
    config: resolved,
    longestCheckCount,

    evaluate(measurement) {
      return evaluateMeasurement(measurement, resolved);
    },

    observe(observation) {
      const alerts: AlertRecord[] = [];
      const nowMillis = observation.at.getTime();
      for (const { kind, subject, evaluation } of observation.results) {
        if (!evaluation.graded) continue;
        const { breachCount, checkCount, clearCount } = evaluation.hysteresis;
        const dedupeKey = alertDedupeKey({ modelName: observation.modelName, segment: observation.segment, kind, subject });
        const state = stateFor(dedupeKey, kind, subject);
        state.history.push(evaluation.severity);
        if (state.history.length > checkCount) state.history.splice(0, state.history.length - checkCount);
        const level = levelOf(state.history, breachCount);
        const breaches = { breaches: state.history.filter((severity) => severity !== 'OK').length, checks: state.history.length, breachCount, checkCount };
        const alert = (status: AlertRecord['status'], severity: AlertSeverity, notice: string): AlertRecord => {
          const record: AlertRecord = {
            id: createPredictionId(nowMillis),
            dedupeKey,
            modelName: observation.modelName,
            modelVersion: observation.modelVersion,
            severity,
            status,
            title: `${notice}: ${describe(kind, subject)} (${observation.modelName}${observation.segment === '' ? '' : `, segment ${observation.segment}`})`,
            message:
              status === 'resolved'
                ? `Clear in the last ${clearCount} check${clearCount === 1 ? '' : 's'}. ${evaluation.summary}.`
                : `${evaluation.summary}. Breached in ${breaches.breaches} of the last ${breaches.checks} check${breaches.checks === 1 ? '' : 's'}.`,
            evidence: { ...evaluation.evidence, check: kind, subject, hysteresis: breaches },
            createdAt: new Date(nowMillis),
            deliveries: [],
          };
          alerts.push(record);
          return record;
        };

        if (state.firing === undefined) {
          if (level === 'OK') continue;
          const record = alert('firing', level, level);
          state.firing = { severity: level, sentAtMillis: nowMillis, alertId: record.id };
          state.clearStreak = 0;
          continue;
        }
        state.clearStreak = evaluation.severity === 'OK' ? state.clearStreak + 1 : 0;
        if (state.clearStreak >= clearCount) {
          alert('resolved', state.firing.severity, 'RESOLVED');
          state.firing = undefined;
          // Start afresh, so that breaches from before the clear spell cannot re-fire at once.
          state.history = [];
          state.clearStreak = 0;
          continue;
        }
        if (level === 'OK') continue;
        if (severityRank(level) > severityRank(state.firing.severity)) {
          const record = alert('firing', level, `${level} (escalated from ${state.firing.severity})`);
          state.firing = { severity: level, sentAtMillis: nowMillis, alertId: record.id };
        } else if (evaluation.severity !== 'OK' && nowMillis - state.firing.sentAtMillis >= resolved.cooldownMillis) {
          const record = alert('firing', level, `${level} (still firing)`);
          state.firing = { severity: level, sentAtMillis: nowMillis, alertId: record.id };
        }
      }
      return alerts;
    },

    restore(history) {
      const newest = new Map<string, AlertRecord>();
      for (const record of history.alerts) {
        const known = newest.get(record.dedupeKey);
        if (known === undefined || isNewer(record, known)) newest.set(record.dedupeKey, record);
      }
      const results = [...(history.checkResults ?? [])].sort((left, right) => left.checkedAt.getTime() - right.checkedAt.getTime());
      const replayed = new Map<string, { kind: CheckKind; subject: string; severities: Array<AlertSeverity | 'OK'> }>();
      for (const result of results) {
        if (result.details['graded'] === false) continue;
        const key = alertDedupeKey({ modelName: result.modelName, segment: result.segment, kind: result.kind, subject: result.subject });
        const entry = replayed.get(key) ?? { kind: result.kind, subject: result.subject, severities: [] };
        entry.severities.push(result.severity);
        replayed.set(key, entry);
      }
      const keys = new Set([...newest.keys(), ...replayed.keys()]);
      for (const key of keys) {
        if (states.has(key)) continue;
        const record = newest.get(key);
        const entry = replayed.get(key);
        const kind = entry?.kind ?? kindOf(record?.evidence['check']);
        const subject = entry?.subject ?? record?.evidence['subject'];
        if (kind === undefined || typeof subject !== 'string') continue;
        const checkCount = ruleFor(resolved, kind, subject)?.hysteresis.checkCount ?? resolved.hysteresis.checkCount;
        const severities = (entry?.severities ?? []).slice(-checkCount);
        const firing =
          record?.status === 'firing' ? { severity: record.severity, sentAtMillis: record.createdAt.getTime(), alertId: record.id } : undefined;
        let clearStreak = 0;
        if (firing !== undefined) for (let index = severities.length - 1; index >= 0 && severities[index] === 'OK'; index--) clearStreak++;
        states.set(key, { kind, subject, history: severities, clearStreak, firing });
      }
    },

    openIncidents() {
      const open: OpenIncident[] = [];
      for (const [dedupeKey, state] of states) {
        if (state.firing === undefined) continue;
        open.push({ dedupeKey, severity: state.firing.severity, lastSentAt: new Date(state.firing.sentAtMillis), lastAlertId: state.firing.alertId });
      }
      return open.sort((left, right) => (left.dedupeKey < right.dedupeKey ? -1 : left.dedupeKey > right.dedupeKey ? 1 : 0));
    },

    compareOptions(columnNames) {
      const columnThresholds: Record<string, SeverityThresholds> = {};
      for (const name of columnNames) {
        const rule = resolved.features[name];
        if (rule !== undefined && rule !== false) columnThresholds[name] = bandsOf(rule);
      }
      return { alpha: resolved.alpha, correction: resolved.correction, thresholds: bandsOf(resolved.drift), columnThresholds };
    },
  };
}

/** The highest severity reached in at least `breachCount` of the checks, or `OK`. */
function levelOf(history: ReadonlyArray<AlertSeverity | 'OK'>, breachCount: number): AlertSeverity | 'OK' {
  for (const level of levels) {
    let count = 0;
    for (const severity of history) if (severityRank(severity) >= severityRank(level)) count++;
    if (count >= breachCount) return level;
  }
  return 'OK';
}

/** A drift rule as the report's severity bands: moderate at the lowest threshold, drift at the highest. */
function bandsOf(rule: ResolvedAlertRule): SeverityThresholds {
  const thresholds = [rule.info, rule.warning, rule.critical].filter((value): value is number => value !== undefined);
  return { moderate: Math.max(0, thresholds[0]!), drift: Math.max(0, rule.critical ?? thresholds[thresholds.length - 1]!) };
}

function allRules(config: ResolvedAlertPolicyConfig): ResolvedAlertRule[] {
  const rules = [
    config.drift,
    ...Object.values(config.features),
    ...Object.values(config.dataQuality),
    ...Object.values(config.performanceDrop),
    ...Object.values(config.latencyMillis),
    config.errorRate,
  ];
  return rules.filter((rule): rule is ResolvedAlertRule => rule !== false);
}

function ruleFor(config: ResolvedAlertPolicyConfig, kind: CheckKind, subject: string): ResolvedAlertRule | undefined {
  let rule: ResolvedAlertRule | false | undefined;
  if (kind === 'feature-drift' || kind === 'prediction-drift') rule = config.features[subject] ?? config.drift;
  else if (kind === 'performance') rule = config.performanceDrop[subject as keyof typeof config.performanceDrop];
  else if (kind === 'latency') rule = config.latencyMillis[subject as keyof typeof config.latencyMillis];
  else if (kind === 'volume') rule = subject === 'error-rate' ? config.errorRate : undefined;
  else rule = config.dataQuality.missingRateIncrease;
  return rule === false ? undefined : rule;
}

function kindOf(value: unknown): CheckKind | undefined {
  return checkKinds.find((kind) => kind === value);
}

function isNewer(candidate: AlertRecord, known: AlertRecord): boolean {
  const byTime = candidate.createdAt.getTime() - known.createdAt.getTime();
  return byTime !== 0 ? byTime > 0 : candidate.id > known.id;
}

function describe(kind: CheckKind, subject: string): string {
  switch (kind) {
    case 'feature-drift':
      return `feature drift in ${subject}`;
    case 'prediction-drift':
      return `prediction drift in ${subject}`;
    case 'data-quality':
      return `data quality of ${subject}`;
    case 'performance':
      return `${subject} drop`;
    case 'latency':
      return `${subject} latency`;
    case 'volume':
      return subject === 'error-rate' ? 'error rate' : subject;
  }
}
