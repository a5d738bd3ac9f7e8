import { DriftwatchError } from '@driftwatch/core';
import type { ArmSummary } from './arm-summary.js';
import { proportionDifferenceConfidenceSequence, type ProportionDifferenceConfidenceSequenceResult } from './proportion-difference-confidence-sequence.js';

/**
 * Guardrails: limits on how much worse than the champion a challenger (or a newly promoted
 * model on probation) may be on metrics other than accuracy. A breach retires the challenger,
 * or rolls a promotion back. `Infinity` turns a guardrail off.
 *
 * @example
 * ```ts
 * import type { PromotionGuardrails } from '@driftwatch/registry';
 * const guardrails: PromotionGuardrails = { maximumErrorRateIncrease: 0.005, maximumLatencyP95Ratio: Infinity };
 * ```
 */
export interface PromotionGuardrails {
  /** Largest allowed rise of the error rate (failed requests / requests), in absolute terms. @default 0.01 */
  maximumErrorRateIncrease?: number;
  /** Largest allowed ratio of p95 latencies (challenger / champion). @default 1.5 */
  maximumLatencyP95Ratio?: number;
  /** Largest allowed drop of ROC AUC (champion − challenger). @default 0.05 */
  maximumAucDrop?: number;
  /** Requests each arm needs before the error-rate and latency guardrails are judged. @default 500 */
  minimumRequestsPerArm?: number;
}

/**
 * Config for {@link createPromotionPolicy}. Every field is optional; the defaults follow the
 * seed rule: the challenger's accuracy beats the champion's by at least 2 points, significantly
 * under an always-valid test, and the lead holds for 3 days.
 *
 * @example
 * ```ts
 * import type { PromotionPolicyConfig } from '@driftwatch/registry';
 * const config: PromotionPolicyConfig = { minimumLead: 0.01, holdSeconds: 86_400, alpha: 0.01 };
 * ```
 */
export interface PromotionPolicyConfig {
  /** Error level of the confidence sequence: the chance of ever declaring a difference that is not there. @default 0.05 */
  alpha?: number;
  /** τ of the normal mixture (see `proportionDifferenceConfidenceSequence`). @default 0.025 */
  mixtureStandardDeviation?: number;
  /** Smallest observed lead in accuracy (challenger − champion) that counts, besides the significance. @default 0.02 */
  minimumLead?: number;
  /** How long the lead must hold, at every evaluation, before promotion. @default 259200 (3 days) */
  holdSeconds?: number;
  /** Labelled predictions each arm needs before the test and the AUC guardrail are judged. @default 500 */
  minimumSamplesPerArm?: number;
  /** A test that has not promoted by then is retired as inconclusive. @default 1209600 (14 days) */
  maximumTestSeconds?: number;
  /** After a promotion, how long the new champion is watched (and rolled back on a breach). `0` skips probation. @default 86400 (1 day) */
  probationSeconds?: number;
  /** @default see {@link PromotionGuardrails} */
  guardrails?: PromotionGuardrails;
}

/**
 * {@link PromotionPolicyConfig} with every default applied; frozen.
 *
 * @example
 * ```ts
 * import { createPromotionPolicy, type ResolvedPromotionPolicyConfig } from '@driftwatch/registry';
 * const config: ResolvedPromotionPolicyConfig = createPromotionPolicy().config;
 * config.guardrails.maximumAucDrop; // 0.05
 * ```
 */
export type ResolvedPromotionPolicyConfig = Readonly<Required<Omit<PromotionPolicyConfig, 'guardrails'>> & { guardrails: Readonly<Required<PromotionGuardrails>> }>;

/**
 * What the policy remembers between evaluations of one A/B test (JSON-serializable, so the
 * retraining pipeline keeps it in its run).
 *
 * @example
 * ```ts
 * import type { PromotionTestState } from '@driftwatch/registry';
 * const state: PromotionTestState = { smallestPValue: 1 };
 * ```
 */
export interface PromotionTestState {
  /** Since when the challenger has led (significantly and by `minimumLead`) at every evaluation; absent when it does not lead. */
  leadSinceMillis?: number;
  /** The running minimum of the test's p-value: an always-valid p-value. */
  smallestPValue: number;
}

/**
 * One guardrail's verdict.
 *
 * @example
 * ```ts
 * import type { GuardrailResult } from '@driftwatch/registry';
 * const result: GuardrailResult = { name: 'error-rate', evaluated: true, passed: true, value: 0.001, threshold: 0.01 };
 * ```
 */
export interface GuardrailResult {
  name: 'error-rate' | 'latency-p95' | 'auc';
  /** False when an arm lacks the figure or the sample; an unevaluated guardrail passes. */
  evaluated: boolean;
  passed: boolean;
  /** The compared quantity: error-rate increase, p95 ratio, or AUC drop. */
  value?: number;
  threshold: number;
}

/**
 * The evidence behind a decision, written to the alias history when an alias moves.
 *
 * @example
 * ```ts
 * import type { PromotionEvidence } from '@driftwatch/registry';
 * function lowerBound(evidence: PromotionEvidence) {
 *   return evidence.test?.lower;
 * }
 * ```
 */
export interface PromotionEvidence {
  [key: string]: unknown;
  method: 'normal-mixture confidence sequence on the difference of accuracies';
  evaluatedAt: string;
  /** The model judged (challenger, or the promoted model on probation) and the one it is compared with. */
  candidate: ArmEvidence;
  baseline: ArmEvidence;
  /** Absent until both arms reach `minimumSamplesPerArm`. */
  test?: Pick<ProportionDifferenceConfidenceSequenceResult, 'difference' | 'lower' | 'upper' | 'pValue' | 'alpha' | 'mixtureStandardDeviation'> & {
    alwaysValidPValue?: number;
  };
  guardrails: GuardrailResult[];
  minimumLead: number;
  minimumSamplesPerArm: number;
  holdSeconds?: number;
  leadHeldSeconds?: number;
}

/**
 * The figures of one arm in the evidence.
 *
 * @example
 * ```ts
 * import type { ArmEvidence } from '@driftwatch/registry';
 * const arm: ArmEvidence = { modelVersion: '4', labelledCount: 9000, accuracy: 0.8 };
 * ```
 */
export interface ArmEvidence {
  modelVersion: string;
  labelledCount: number;
  accuracy?: number;
  auc?: number;
  requestCount?: number;
  errorRate?: number;
  latencyP95Millis?: number;
}

/**
 * The policy's decision on an A/B test.
 *
 * @example
 * ```ts
 * import type { PromotionTestEvaluation } from '@driftwatch/registry';
 * function announce(evaluation: PromotionTestEvaluation) {
 *   if (evaluation.action !== 'continue') console.log(evaluation.action, evaluation.reason);
 * }
 * ```
 */
export interface PromotionTestEvaluation {
  action: 'promote' | 'retire' | 'continue';
  reason: string;
  /** Pass it to the next evaluation of the same test. */
  state: PromotionTestState;
  evidence: PromotionEvidence;
}

/**
 * The policy's decision on a promoted model during probation.
 *
 * @example
 * ```ts
 * import type { ProbationEvaluation } from '@driftwatch/registry';
 * const keep = (evaluation: ProbationEvaluation) => evaluation.action !== 'rollback';
 * ```
 */
export interface ProbationEvaluation {
  action: 'rollback' | 'confirm' | 'continue';
  reason: string;
  evidence: PromotionEvidence;
}

/**
 * Decides A/B tests between a champion and a challenger, and watches a promoted model during
 * probation. Pure: no I/O, no clock (times are passed in), so it can be simulated over thousands
 * of seeded runs. `createPromotionController` feeds it from the stores and moves the aliases.
 *
 * @example
 * ```ts
 * import { createPromotionPolicy, type PromotionPolicy } from '@driftwatch/registry';
 * const policy: PromotionPolicy = createPromotionPolicy();
 * let state = policy.initialState();
 * const evaluation = policy.evaluateTest({ champion, challenger, nowMillis: Date.now(), testStartedAtMillis }, state);
 * state = evaluation.state;
 * ```
 */
export interface PromotionPolicy {
  readonly config: ResolvedPromotionPolicyConfig;
  /** The state of a test that has not been evaluated yet. */
  initialState(): PromotionTestState;
  /**
   * In order: a breached guardrail retires the challenger; below `minimumSamplesPerArm` on either
   * arm the test continues; a confidence sequence entirely below 0 (significantly worse) retires;
   * a lead (lower bound > 0 and observed difference ≥ `minimumLead`) that has held at every
   * evaluation for `holdSeconds` promotes; past `maximumTestSeconds` the test retires as inconclusive.
   */
  evaluateTest(observation: { champion: ArmSummary; challenger: ArmSummary; nowMillis: number; testStartedAtMillis: number }, state: PromotionTestState): PromotionTestEvaluation;
  /**
   * Compares the promoted model since its promotion with the champion it replaced (as measured
   * during the test): a breached guardrail, or a confidence sequence entirely below 0, rolls back;
   * after `probationSeconds` without either the promotion is confirmed.
   */
  evaluateProbation(observation: { previousChampion: ArmSummary; champion: ArmSummary; nowMillis: number; promotedAtMillis: number }): ProbationEvaluation;
}

/**
 * Creates a {@link PromotionPolicy}. Throws `VALIDATION_FAILED` for an invalid config.
 *
 * Guarantee: the test is a confidence sequence on the difference of accuracies, valid at every
 * evaluation at once, so checking it every hour for weeks promotes an equal or worse challenger
 * with probability at most `alpha` (in practice well under it, because the lead must also reach
 * `minimumLead` and hold for `holdSeconds`). See `docs/concepts/promotion.md`.
 *
 * @example
 * ```ts
 * import { createPromotionPolicy } from '@driftwatch/registry';
 * const policy = createPromotionPolicy({ holdSeconds: 24 * 3600, guardrails: { maximumAucDrop: 0.02 } });
 * ```
 */
export function createPromotionPolicy(config: PromotionPolicyConfig = {}): PromotionPolicy {
  const settings = resolvePromotionPolicyConfig(config);
  const testOptions = { alpha: settings.alpha, mixtureStandardDeviation: settings.mixtureStandardDeviation };

  function guardrailResults(candidate: ArmSummary, baseline: ArmSummary): GuardrailResult[] {
    const { guardrails } = settings;
    const enoughRequests = (arm: ArmSummary) => (arm.requestCount ?? 0) >= guardrails.minimumRequestsPerArm;
    const results: GuardrailResult[] = [];
    const errorRateEvaluated =
      enoughRequests(candidate) && enoughRequests(baseline) && candidate.errorCount !== undefined && baseline.errorCount !== undefined;
    const errorRateIncrease = errorRateEvaluated ? errorRate(candidate)! - errorRate(baseline)! : undefined;
    results.push(judge('error-rate', errorRateIncrease, guardrails.maximumErrorRateIncrease));
    const latencyEvaluated =
      enoughRequests(candidate) && enoughRequests(baseline) && candidate.latencyP95Millis !== undefined && (baseline.latencyP95Millis ?? 0) > 0;
    results.push(judge('latency-p95', latencyEvaluated ? candidate.latencyP95Millis! / baseline.latencyP95Millis! : undefined, guardrails.maximumLatencyP95Ratio));
    const aucEvaluated =
      candidate.auc !== undefined &&
      baseline.auc !== undefined &&
      candidate.labelledCount >= settings.minimumSamplesPerArm &&
      baseline.labelledCount >= settings.minimumSamplesPerArm;
    results.push(judge('auc', aucEvaluated ? baseline.auc! - candidate.auc! : undefined, guardrails.maximumAucDrop));
    return results;
  }

  function baseEvidence(candidate: ArmSummary, baseline: ArmSummary, nowMillis: number, guardrails: GuardrailResult[]): PromotionEvidence {
    return {
      method: 'normal-mixture confidence sequence on the difference of accuracies',
      evaluatedAt: new Date(nowMillis).toISOString(),
      candidate: armEvidence(candidate),
      baseline: armEvidence(baseline),
      guardrails,
      minimumLead: settings.minimumLead,
      minimumSamplesPerArm: settings.minimumSamplesPerArm,
    };
  }

  function runTest(candidate: ArmSummary, baseline: ArmSummary): ProportionDifferenceConfidenceSequenceResult | undefined {
    if (candidate.labelledCount < settings.minimumSamplesPerArm || baseline.labelledCount < settings.minimumSamplesPerArm) return undefined;
    return proportionDifferenceConfidenceSequence(
      { successesA: candidate.correctCount, totalA: candidate.labelledCount, successesB: baseline.correctCount, totalB: baseline.labelledCount },
      testOptions,
    );
  }

  return Object.freeze<PromotionPolicy>({
    config: settings,

    initialState: () => ({ smallestPValue: 1 }),

    evaluateTest(observation, state) {
      const { champion, challenger, nowMillis } = observation;
      const guardrails = guardrailResults(challenger, champion);
      const evidence: PromotionEvidence = { ...baseEvidence(challenger, champion, nowMillis, guardrails), holdSeconds: settings.holdSeconds };
      const breached = guardrails.find((result) => !result.passed);
      if (breached !== undefined) {
        return { action: 'retire', reason: `guardrail ${breached.name} breached (${formatValue(breached.value)} over ${breached.threshold})`, state, evidence };
      }
      const expired = nowMillis - observation.testStartedAtMillis >= settings.maximumTestSeconds * 1000;
      const test = runTest(challenger, champion);
      if (test === undefined) {
        if (expired) return { action: 'retire', reason: `inconclusive: fewer than ${settings.minimumSamplesPerArm} labelled predictions per arm after ${days(settings.maximumTestSeconds)}`, state, evidence };
        return {
          action: 'continue',
          reason: `collecting outcomes: ${Math.min(champion.labelledCount, challenger.labelledCount)} of ${settings.minimumSamplesPerArm} labelled predictions per arm`,
          state,
          evidence,
        };
      }
      const smallestPValue = Math.min(state.smallestPValue, test.pValue);
      evidence.test = pickTest(test, smallestPValue);
      if (test.upper < 0) {
        return { action: 'retire', reason: `challenger is significantly worse (accuracy difference ${formatValue(test.difference)}, upper bound ${formatValue(test.upper)})`, state: { smallestPValue }, evidence };
      }
      const leads = test.lower > 0 && test.difference >= settings.minimumLead;
      const nextState: PromotionTestState = leads ? { smallestPValue, leadSinceMillis: state.leadSinceMillis ?? nowMillis } : { smallestPValue };
      if (leads) {
        const heldMillis = nowMillis - nextState.leadSinceMillis!;
        evidence.leadHeldSeconds = heldMillis / 1000;
        if (heldMillis >= settings.holdSeconds * 1000) {
          return { action: 'promote', reason: `challenger leads by ${formatValue(test.difference)} (lower bound ${formatValue(test.lower)}) and has for ${days(heldMillis / 1000)}`, state: nextState, evidence };
        }
      }
      if (expired) {
        return { action: 'retire', reason: `inconclusive after ${days(settings.maximumTestSeconds)} (accuracy difference ${formatValue(test.difference)})`, state: nextState, evidence };
      }
      return {
        action: 'continue',
        reason: leads
          ? `challenger leads; ${days(evidence.leadHeldSeconds!)} of ${days(settings.holdSeconds)} held`
          : `no significant lead of ${settings.minimumLead} yet (difference ${formatValue(test.difference)}, lower bound ${formatValue(test.lower)})`,
        state: nextState,
        evidence,
      };
    },

    evaluateProbation(observation) {
      const { previousChampion, champion, nowMillis } = observation;
      const guardrails = guardrailResults(champion, previousChampion);
      const evidence = baseEvidence(champion, previousChampion, nowMillis, guardrails);
      const breached = guardrails.find((result) => !result.passed);
      if (breached !== undefined) {
        return { action: 'rollback', reason: `guardrail ${breached.name} breached on probation (${formatValue(breached.value)} over ${breached.threshold})`, evidence };
      }
      const test = runTest(champion, previousChampion);
      if (test !== undefined) {
        evidence.test = pickTest(test, undefined);
        if (test.upper < 0) {
          return { action: 'rollback', reason: `promoted model is significantly worse than the champion it replaced (accuracy difference ${formatValue(test.difference)})`, evidence };
        }
      }
      if (nowMillis - observation.promotedAtMillis >= settings.probationSeconds * 1000) {
        return { action: 'confirm', reason: `no guardrail breached in ${days(settings.probationSeconds)} of probation`, evidence };
      }
      return { action: 'continue', reason: 'on probation', evidence };
    },
  });
}

/**
 * Validates a {@link PromotionPolicyConfig} and applies every default, in this one place.
 *
 * @example
 * ```ts
 * import { resolvePromotionPolicyConfig } from '@driftwatch/registry';
 * resolvePromotionPolicyConfig({}).holdSeconds; // 259200
 * ```
 */
export function resolvePromotionPolicyConfig(config: PromotionPolicyConfig = {}): ResolvedPromotionPolicyConfig {
  const guardrails = config.guardrails ?? {};
  const resolved = {
    alpha: config.alpha ?? 0.05,
    mixtureStandardDeviation: config.mixtureStandardDeviation ?? 0.025,
    minimumLead: config.minimumLead ?? 0.02,
    holdSeconds: config.holdSeconds ?? 3 * 86_400,
    minimumSamplesPerArm: config.minimumSamplesPerArm ?? 500,
    maximumTestSeconds: config.maximumTestSeconds ?? 14 * 86_400,
    probationSeconds: config.probationSeconds ?? 86_400,
    guardrails: Object.freeze({
      maximumErrorRateIncrease: guardrails.maximumErrorRateIncrease ?? 0.01,
      maximumLatencyP95Ratio: guardrails.maximumLatencyP95Ratio ?? 1.5,
      maximumAucDrop: guardrails.maximumAucDrop ?? 0.05,
      minimumRequestsPerArm: guardrails.minimumRequestsPerArm ?? 500,
    }),
  };
  const problems: string[] = [];
  if (!(resolved.alpha > 0 && resolved.alpha < 1)) problems.push(`alpha must be in (0, 1), got ${resolved.alpha}`);
  if (!(resolved.mixtureStandardDeviation > 0 && Number.isFinite(resolved.mixtureStandardDeviation))) problems.push('mixtureStandardDeviation must be a finite number > 0');
  for (const key of ['minimumLead', 'holdSeconds', 'maximumTestSeconds', 'probationSeconds'] as const) {
    if (!(Number.isFinite(resolved[key]) && resolved[key] >= 0)) problems.push(`${key} must be a finite number ≥ 0, got ${resolved[key]}`);
  }
  if (!(Number.isInteger(resolved.minimumSamplesPerArm) && resolved.minimumSamplesPerArm >= 1)) problems.push('minimumSamplesPerArm must be an integer ≥ 1');
  for (const [key, value] of Object.entries(resolved.guardrails)) {
    if (!(value >= 0) || Number.isNaN(value)) problems.push(`guardrails.${key} must be ≥ 0 (Infinity turns it off), got ${value}`);
  }
  if (problems.length > 0) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `Invalid promotion policy: ${problems.join('; ')}.`, details: { problems } });
  }
  return Object.freeze(resolved);
}

function errorRate(arm: ArmSummary): number | undefined {
  return arm.requestCount === undefined || arm.errorCount === undefined || arm.requestCount === 0 ? undefined : arm.errorCount / arm.requestCount;
}

function judge(name: GuardrailResult['name'], value: number | undefined, threshold: number): GuardrailResult {
  if (value === undefined || Number.isNaN(value)) return { name, evaluated: false, passed: true, threshold };
  return { name, evaluated: true, passed: value <= threshold, value, threshold };
}

function armEvidence(arm: ArmSummary): ArmEvidence {
  const rate = errorRate(arm);
  return {
    modelVersion: arm.modelVersion,
    labelledCount: arm.labelledCount,
    ...(arm.labelledCount > 0 ? { accuracy: arm.correctCount / arm.labelledCount } : {}),
    ...(arm.auc === undefined ? {} : { auc: arm.auc }),
    ...(arm.requestCount === undefined ? {} : { requestCount: arm.requestCount }),
    ...(rate === undefined ? {} : { errorRate: rate }),
    ...(arm.latencyP95Millis === undefined ? {} : { latencyP95Millis: arm.latencyP95Millis }),
  };
}

function pickTest(test: ProportionDifferenceConfidenceSequenceResult, alwaysValidPValue: number | undefined): NonNullable<PromotionEvidence['test']> {
  return {
    difference: test.difference,
    lower: test.lower,
    upper: test.upper,
    pValue: test.pValue,
    alpha: test.alpha,
    mixtureStandardDeviation: test.mixtureStandardDeviation,
    ...(alwaysValidPValue === undefined ? {} : { alwaysValidPValue }),
  };
}

function formatValue(value: number | undefined): string {
  return value === undefined ? 'n/a' : Number(value.toFixed(4)).toString();
}

function days(seconds: number): string {
  return seconds >= 86_400 ? `${Number((seconds / 86_400).toFixed(2))} days` : `${Number((seconds / 3600).toFixed(1))} hours`;
}
