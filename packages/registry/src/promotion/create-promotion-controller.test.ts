import { createFakeClock, createInMemoryEventStore, createInMemoryRegistryStore } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../registry/create-model-registry.js';
import { createModelRouter } from '../router/create-model-router.js';
import { createPromotionController, type PromotionState, type PromotionStep } from './create-promotion-controller.js';
import { createSeededRandom } from './simulation.test-helper.js';
import { writeHourOfTraffic, type SimulatedVersion } from './traffic.test-helper.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 2, 1);

async function setup(options: { challengerTrafficShare?: number } = {}) {
  const clock = createFakeClock({ startMillis: start });
  const registryStore = createInMemoryRegistryStore();
  const eventStore = createInMemoryEventStore();
  const registry = createModelRegistry({ store: registryStore, clock });
  for (let index = 0; index < 2; index++) {
    await registry.registerModelVersion({ modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: { index } } });
  }
  await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 1 });
  await registry.setAlias({ modelName: 'churn', alias: 'challenger', version: 2 });
  const router = createModelRouter({ store: registryStore, clock });
  const controller = createPromotionController({ registry, eventStore, clock, positiveLabel: 'Yes', challengerTrafficShare: options.challengerTrafficShare ?? 0.5 });
  return { clock, registry, eventStore, router, controller };
}

/** Hourly traffic and an hourly evaluation, until the test is over or `maximumHours` pass. */
async function runTest(
  context: Awaited<ReturnType<typeof setup>>,
  versions: (modelVersion: string, hours: number) => SimulatedVersion,
  maximumHours: number,
  seed = 1,
): Promise<{ steps: PromotionStep[]; state: PromotionState; hours: number }> {
  const random = createSeededRandom(seed);
  let state = await context.controller.startTest({ modelName: 'churn' });
  const steps: PromotionStep[] = [];
  for (let hours = 1; hours <= maximumHours; hours++) {
    context.clock.advance(hour);
    await writeHourOfTraffic({
      router: context.router,
      eventStore: context.eventStore,
      modelName: 'churn',
      endMillis: context.clock.now(),
      requestsPerHour: 100,
      random,
      versions: (modelVersion) => versions(modelVersion, hours),
    });
    const step = await context.controller.evaluate(state, { runId: 'test-run' });
    steps.push(step);
    state = step.state;
    if (state.phase === 'done') return { steps, state, hours };
  }
  return { steps, state, hours: maximumHours };
}

describe('createPromotionController (stores, router and a simulated clock)', () => {
  it('promotes a better challenger by compare-and-set with the evidence in the alias history, then confirms it after probation', async () => {
    const context = await setup();
    const { steps, state, hours } = await runTest(context, (version) => ({ accuracy: version === '2' ? 0.9 : 0.8 }), 8 * 24);
    const promotion = steps.find((step) => step.action === 'promote')!;
    const promotedAtHours = steps.indexOf(promotion) + 1;
    expect(promotedAtHours).toBeGreaterThanOrEqual(72);
    expect(promotedAtHours).toBeLessThan(5 * 24);
    expect(state).toMatchObject({ phase: 'done', outcome: 'promoted' });
    expect(hours).toBe(promotedAtHours + 24);

    expect((await context.registry.readAlias('churn', 'champion'))!.version).toBe(2);
    expect(await context.registry.readAlias('churn', 'challenger')).toBeUndefined();
    expect(await context.registry.readRouting('churn')).toMatchObject({ weights: { champion: 1 }, killSwitch: false });
    const [, move] = await context.registry.aliasHistory('churn', 'champion');
    expect(move).toMatchObject({ fromVersion: 1, toVersion: 2, actor: 'promotion-policy', evidence: { runId: 'test-run', candidate: { modelVersion: '2' } } });
    expect((move!.evidence.test as { lower: number }).lower).toBeGreaterThan(0);
    expect(move!.evidence.leadHeldSeconds).toBeGreaterThanOrEqual(259_200);
    expect(await context.registry.versionAt('churn', 'champion', new Date(start + (promotedAtHours - 1) * hour))).toBe(1);
    expect(await context.registry.versionAt('churn', 'champion', new Date(start + promotedAtHours * hour))).toBe(2);
  });

  it('does not promote an equal challenger over four days of hourly evaluations', async () => {
    const context = await setup();
    const { steps, state } = await runTest(context, () => ({ accuracy: 0.8 }), 4 * 24, 2);
    expect(steps.some((step) => step.action === 'promote')).toBe(false);
    expect(state.phase).not.toBe('probation');
    expect((await context.registry.readAlias('churn', 'champion'))!.version).toBe(1);
  });

  it('retires a worse challenger and sends all traffic back to the champion', async () => {
    const context = await setup();
    const { state, hours } = await runTest(context, (version) => ({ accuracy: version === '2' ? 0.65 : 0.8 }), 4 * 24);
    expect(state).toMatchObject({ phase: 'done', outcome: 'retired' });
    expect(hours).toBeLessThan(24);
    expect(await context.registry.readAlias('churn', 'challenger')).toBeUndefined();
    const [, removal] = await context.registry.aliasHistory('churn', 'challenger');
    // Accuracy and AUC both fell; whichever check trips first retires it.
    expect(removal!.reason).toMatch(/^retired: (challenger is significantly worse|guardrail auc breached)/);
    expect((await context.registry.readRouting('churn'))!.weights).toEqual({ champion: 1 });
    expect((await context.registry.readAlias('churn', 'champion'))!.version).toBe(1);
  });

  it('retires a challenger that breaches the latency guardrail', async () => {
    const context = await setup();
    const { state, steps } = await runTest(context, (version) => ({ accuracy: 0.8, latencyMillis: version === '2' ? 40 : 10 }), 2 * 24);
    expect(state.outcome).toBe('retired');
    expect(steps.at(-1)!.reason).toContain('latency-p95');
  });

  it('rolls a promoted model back automatically when it degrades on probation', async () => {
    const context = await setup();
    let promotedAt: number | undefined;
    const random = createSeededRandom(4);
    let current = await context.controller.startTest({ modelName: 'churn' });
    const actions: string[] = [];
    for (let hours = 1; hours <= 8 * 24 && current.phase !== 'done'; hours++) {
      context.clock.advance(hour);
      await writeHourOfTraffic({
        router: context.router,
        eventStore: context.eventStore,
        modelName: 'churn',
        endMillis: context.clock.now(),
        requestsPerHour: 100,
        random,
        versions: (version) => ({ accuracy: version === '2' ? (promotedAt === undefined ? 0.9 : 0.6) : 0.8 }),
      });
      const step = await context.controller.evaluate(current);
      if (step.action === 'promote') promotedAt = hours;
      actions.push(step.action);
      current = step.state;
    }
    expect(actions).toContain('promote');
    expect(current).toMatchObject({ phase: 'done', outcome: 'rolled-back' });
    expect((await context.registry.readAlias('churn', 'champion'))!.version).toBe(1);
    const history = await context.registry.aliasHistory('churn', 'champion');
    expect(history.map((entry) => entry.toVersion)).toEqual([1, 2, 1]);
    expect(history[2]!.reason).toMatch(/^automatic rollback: (promoted model is significantly worse|guardrail auc breached)/);
    expect(history[2]!.evidence).toMatchObject({ rollback: true });
  });

  it('ends the test as superseded when someone moves the champion meanwhile', async () => {
    const context = await setup();
    const state = await context.controller.startTest({ modelName: 'churn' });
    await context.registry.registerModelVersion({ modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: {} } });
    await context.registry.setAlias({ modelName: 'churn', alias: 'champion', version: 3, reason: 'hotfix' });
    const step = await context.controller.evaluate(state);
    expect(step).toMatchObject({ action: 'superseded', state: { phase: 'done', outcome: 'superseded' } });
    await expect(context.controller.startTest({ modelName: 'fraud' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('starts a shadow test: the challenger scores in the background and serves nobody', async () => {
    const context = await setup();
    await context.controller.startTest({ modelName: 'churn', mode: 'shadow' });
    expect(await context.registry.readRouting('churn')).toMatchObject({ weights: { champion: 1 }, shadowAlias: 'challenger', salt: 'churn:2' });
    const decision = await context.router.route({ modelName: 'churn', unitKey: 'u' });
    expect(decision).toMatchObject({ alias: 'champion', shadow: { alias: 'challenger', modelVersion: '2' } });
  });
});
