import { twoProportionZTest } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { createPromotionPolicy, type PromotionPolicy } from './create-promotion-policy.js';
import { proportionDifferenceConfidenceSequence } from './proportion-difference-confidence-sequence.js';
import { binomial, createSeededRandom } from './simulation.test-helper.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 2, 1);

interface SimulatedTest {
  action: 'promote' | 'retire' | 'continue';
  hours: number;
  /** The bare confidence sequence ever put the challenger ahead (lower bound > 0), without lead or hold. */
  sequenceSaidBetter: boolean;
  /** A fixed-sample one-sided z-test at 0.05, peeked at every hour, ever said "better". */
  peekingZTestSaidBetter: boolean;
}

/**
 * One A/B test, evaluated every simulated hour for up to 14 days: 1,000 labelled predictions an
 * hour, 90 % to the champion and 10 % to the challenger, each correct with the arm's accuracy.
 */
function simulate(policy: PromotionPolicy, seed: number, championAccuracy: number, challengerAccuracy: number): SimulatedTest {
  const random = createSeededRandom(seed);
  let state = policy.initialState();
  const champion = { modelVersion: '1', labelledCount: 0, correctCount: 0 };
  const challenger = { modelVersion: '2', labelledCount: 0, correctCount: 0 };
  let sequenceSaidBetter = false;
  let peekingZTestSaidBetter = false;
  for (let hours = 1; hours <= 14 * 24; hours++) {
    champion.correctCount += binomial(random, 900, championAccuracy);
    champion.labelledCount += 900;
    challenger.correctCount += binomial(random, 100, challengerAccuracy);
    challenger.labelledCount += 100;
    if (challenger.labelledCount >= policy.config.minimumSamplesPerArm) {
      const counts = { successesA: challenger.correctCount, totalA: challenger.labelledCount, successesB: champion.correctCount, totalB: champion.labelledCount };
      if (proportionDifferenceConfidenceSequence(counts).lower > 0) sequenceSaidBetter = true;
      if (twoProportionZTest(counts, { alternative: 'greater' }).pValue < 0.05) peekingZTestSaidBetter = true;
    }
    const evaluation = policy.evaluateTest({ champion, challenger, nowMillis: start + hours * hour, testStartedAtMillis: start }, state);
    state = evaluation.state;
    if (evaluation.action !== 'continue') return { action: evaluation.action, hours, sequenceSaidBetter, peekingZTestSaidBetter };
  }
  return { action: 'continue', hours: 14 * 24, sequenceSaidBetter, peekingZTestSaidBetter };
}

function rate(results: readonly SimulatedTest[], predicate: (result: SimulatedTest) => boolean): number {
  return results.filter(predicate).length / results.length;
}

describe('promotion policy, simulated with hourly peeking (seeded)', () => {
  const policy = createPromotionPolicy();

  it('promotes an equal challenger in at most α of 200 runs, where a peeking z-test would be fooled far more often', () => {
    const results = Array.from({ length: 200 }, (_, run) => simulate(policy, 10_000 + run, 0.8, 0.8));
    const falsePromotion = rate(results, (result) => result.action === 'promote');
    const sequenceFalse = rate(results, (result) => result.sequenceSaidBetter);
    const peekingFalse = rate(results, (result) => result.peekingZTestSaidBetter);
    console.info(
      `equal challenger, 200 runs × 336 hourly looks: policy false-promotion rate ${falsePromotion}, ` +
        `bare confidence sequence ${sequenceFalse}, fixed-sample z-test peeked hourly ${peekingFalse}`,
    );
    expect(falsePromotion).toBeLessThanOrEqual(policy.config.alpha);
    expect(sequenceFalse).toBeLessThanOrEqual(policy.config.alpha);
    expect(peekingFalse).toBeGreaterThan(2 * policy.config.alpha);
    expect(rate(results, (result) => result.action === 'retire')).toBeGreaterThan(0.9);
  });

  it('promotes a truly better challenger (85 % against 80 %) in nearly every run, a little over 3 days in', () => {
    const results = Array.from({ length: 50 }, (_, run) => simulate(policy, 20_000 + run, 0.8, 0.85));
    const promoted = results.filter((result) => result.action === 'promote');
    const hours = promoted.map((result) => result.hours).sort((left, right) => left - right);
    console.info(`better challenger, 50 runs: promoted ${promoted.length}, median ${hours[Math.floor(hours.length / 2)]} hours`);
    expect(promoted.length / results.length).toBeGreaterThanOrEqual(0.95);
    expect(hours[0]).toBeGreaterThanOrEqual(72);
  });

  it('retires a worse challenger (75 % against 80 %) in every run, within two days, and never promotes it', () => {
    const results = Array.from({ length: 50 }, (_, run) => simulate(policy, 30_000 + run, 0.8, 0.75));
    expect(rate(results, (result) => result.action === 'retire' && result.hours <= 48)).toBe(1);
  });
});
