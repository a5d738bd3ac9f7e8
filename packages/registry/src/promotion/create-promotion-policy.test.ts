import { describe, expect, it } from 'vitest';
import type { ArmSummary } from './arm-summary.js';
import { createPromotionPolicy, resolvePromotionPolicyConfig } from './create-promotion-policy.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 2, 1);
const arm = (modelVersion: string, labelledCount: number, accuracy: number, extra: Partial<ArmSummary> = {}): ArmSummary => ({
  modelVersion,
  labelledCount,
  correctCount: Math.round(labelledCount * accuracy),
  ...extra,
});

describe('createPromotionPolicy', () => {
  it('applies the documented defaults', () => {
    expect(resolvePromotionPolicyConfig()).toEqual({
      alpha: 0.05,
      mixtureStandardDeviation: 0.025,
      minimumLead: 0.02,
      holdSeconds: 259_200,
      minimumSamplesPerArm: 500,
      maximumTestSeconds: 1_209_600,
      probationSeconds: 86_400,
      guardrails: { maximumErrorRateIncrease: 0.01, maximumLatencyP95Ratio: 1.5, maximumAucDrop: 0.05, minimumRequestsPerArm: 500 },
    });
    expect(Object.isFrozen(createPromotionPolicy().config)).toBe(true);
  });

  it('waits for the minimum sample, then promotes only after a significant lead of 2 points has held for 3 days', () => {
    const policy = createPromotionPolicy();
    let state = policy.initialState();
    const collecting = policy.evaluateTest({ champion: arm('1', 4500, 0.8), challenger: arm('2', 499, 0.9), nowMillis: start + hour, testStartedAtMillis: start }, state);
    expect(collecting.action).toBe('continue');
    expect(collecting.reason).toContain('499 of 500');
    expect(collecting.evidence.test).toBeUndefined();

    const leading = policy.evaluateTest({ champion: arm('1', 9000, 0.8), challenger: arm('2', 1000, 0.86), nowMillis: start + 10 * hour, testStartedAtMillis: start }, state);
    expect(leading.action).toBe('continue');
    expect(leading.state.leadSinceMillis).toBe(start + 10 * hour);
    expect(leading.evidence.test!.lower).toBeGreaterThan(0);
    state = leading.state;

    const almost = policy.evaluateTest({ champion: arm('1', 30_000, 0.8), challenger: arm('2', 3000, 0.86), nowMillis: start + 81 * hour, testStartedAtMillis: start }, state);
    expect(almost.action).toBe('continue');
    expect(almost.reason).toContain('held');
    const promoted = policy.evaluateTest({ champion: arm('1', 30_000, 0.8), challenger: arm('2', 3000, 0.86), nowMillis: start + 82 * hour, testStartedAtMillis: start }, almost.state);
    expect(promoted.action).toBe('promote');
    expect(promoted.evidence).toMatchObject({
      method: 'normal-mixture confidence sequence on the difference of accuracies',
      candidate: { modelVersion: '2', labelledCount: 3000, accuracy: 0.86 },
      baseline: { modelVersion: '1', accuracy: 0.8 },
      leadHeldSeconds: 72 * 3600,
      holdSeconds: 259_200,
    });
    expect(promoted.evidence.test!.alwaysValidPValue).toBeLessThan(0.05);
  });

  it('restarts the hold when the lead lapses, and does not count a significant lead under 2 points', () => {
    const policy = createPromotionPolicy();
    const leading = policy.evaluateTest({ champion: arm('1', 9000, 0.8), challenger: arm('2', 1000, 0.86), nowMillis: start, testStartedAtMillis: start }, policy.initialState());
    const lapsed = policy.evaluateTest({ champion: arm('1', 90_000, 0.8), challenger: arm('2', 10_000, 0.815), nowMillis: start + 80 * hour, testStartedAtMillis: start }, leading.state);
    expect(lapsed.evidence.test!.lower).toBeGreaterThan(0);
    expect(lapsed.action).toBe('continue');
    expect(lapsed.state.leadSinceMillis).toBeUndefined();
  });

  it('retires a significantly worse challenger, one that breaches a guardrail, and one still undecided after 14 days', () => {
    const policy = createPromotionPolicy();
    const observe = (champion: ArmSummary, challenger: ArmSummary, hours = 10) =>
      policy.evaluateTest({ champion, challenger, nowMillis: start + hours * hour, testStartedAtMillis: start }, policy.initialState());
    expect(observe(arm('1', 9000, 0.8), arm('2', 1000, 0.7)).action).toBe('retire');
    const slow = observe(arm('1', 100, 0.8, { requestCount: 900, errorCount: 0, latencyP95Millis: 10 }), arm('2', 10, 0.8, { requestCount: 600, errorCount: 0, latencyP95Millis: 16 }));
    expect(slow).toMatchObject({ action: 'retire' });
    expect(slow.reason).toContain('latency-p95');
    expect(slow.evidence.guardrails.find((result) => result.name === 'latency-p95')).toEqual({ name: 'latency-p95', evaluated: true, passed: false, value: 1.6, threshold: 1.5 });
    const failing = observe(arm('1', 100, 0.8, { requestCount: 900, errorCount: 9 }), arm('2', 10, 0.8, { requestCount: 600, errorCount: 13 }));
    expect(failing.reason).toContain('error-rate');
    const worseAuc = observe(arm('1', 900, 0.8, { auc: 0.85 }), arm('2', 600, 0.8, { auc: 0.79 }));
    expect(worseAuc.reason).toContain('auc');
    // Too few requests: the guardrails are not judged.
    const quiet = observe(arm('1', 100, 0.8, { requestCount: 400, errorCount: 0 }), arm('2', 10, 0.8, { requestCount: 100, errorCount: 50 }));
    expect(quiet.action).toBe('continue');
    expect(quiet.evidence.guardrails.every((result) => !result.evaluated)).toBe(true);
    expect(observe(arm('1', 90_000, 0.8), arm('2', 10_000, 0.8), 14 * 24).action).toBe('retire');
    expect(observe(arm('1', 90_000, 0.8), arm('2', 10_000, 0.8), 14 * 24).reason).toContain('inconclusive');
  });

  it('rolls a promoted model back on a breach or a significant drop during probation, and confirms it after', () => {
    const policy = createPromotionPolicy();
    const previousChampion = arm('1', 20_000, 0.8, { requestCount: 20_000, errorCount: 10, latencyP95Millis: 10 });
    const probe = (champion: ArmSummary, hours: number) => policy.evaluateProbation({ previousChampion, champion, nowMillis: start + hours * hour, promotedAtMillis: start });
    expect(probe(arm('2', 3000, 0.82, { requestCount: 3000, errorCount: 1, latencyP95Millis: 11 }), 6).action).toBe('continue');
    expect(probe(arm('2', 3000, 0.74, { requestCount: 3000, errorCount: 1, latencyP95Millis: 11 }), 6).action).toBe('rollback');
    expect(probe(arm('2', 3000, 0.82, { requestCount: 3000, errorCount: 100, latencyP95Millis: 11 }), 6).action).toBe('rollback');
    expect(probe(arm('2', 3000, 0.82, { requestCount: 3000, errorCount: 1, latencyP95Millis: 11 }), 24).action).toBe('confirm');
    expect(createPromotionPolicy({ probationSeconds: 0 }).evaluateProbation({ previousChampion, champion: arm('2', 0, 0), nowMillis: start, promotedAtMillis: start }).action).toBe('confirm');
  });

  it('rejects an invalid config with VALIDATION_FAILED', () => {
    expect(() => createPromotionPolicy({ alpha: 0 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => createPromotionPolicy({ minimumSamplesPerArm: 0.5 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => createPromotionPolicy({ guardrails: { maximumAucDrop: -1 } })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => createPromotionPolicy({ holdSeconds: Number.NaN })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
