import type { RegistryStore } from '@driftwatch/core';
import { createFakeClock, createInMemoryRegistryStore } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../registry/create-model-registry.js';
import { createModelRouter } from './create-model-router.js';

async function setup(options: { weights?: Record<string, number>; shadowAlias?: string; killSwitch?: boolean } = {}) {
  const clock = createFakeClock({ startMillis: Date.UTC(2026, 2, 1) });
  const store = createInMemoryRegistryStore();
  const registry = createModelRegistry({ store, clock });
  for (let index = 0; index < 3; index++) {
    await registry.registerModelVersion({ modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: { index } } });
  }
  await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 1 });
  await registry.setAlias({ modelName: 'churn', alias: 'challenger', version: 2 });
  await registry.updateRouting('churn', {
    weights: options.weights ?? { champion: 0.9, challenger: 0.1 },
    salt: 'test-salt',
    ...(options.shadowAlias === undefined ? {} : { shadowAlias: options.shadowAlias }),
    ...(options.killSwitch === undefined ? {} : { killSwitch: options.killSwitch }),
  });
  let seed = 1;
  const random = () => ((seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647);
  const errors: string[] = [];
  const router = createModelRouter({ store, clock, random, onError: (error) => errors.push(error.message) });
  return { clock, store, registry, router, errors };
}

async function shares(router: Awaited<ReturnType<typeof setup>>['router'], count: number, prefix = 'customer-') {
  const byAlias: Record<string, number> = {};
  for (let index = 0; index < count; index++) {
    const decision = await router.route({ modelName: 'churn', unitKey: `${prefix}${index}` });
    byAlias[decision.alias] = (byAlias[decision.alias] ?? 0) + 1;
  }
  return byAlias;
}

describe('createModelRouter', () => {
  it('splits units 90/10 by weight, each unit always to the same alias', async () => {
    const { router } = await setup();
    const counts = await shares(router, 20_000);
    expect(counts.challenger! / 20_000).toBeGreaterThan(0.09);
    expect(counts.challenger! / 20_000).toBeLessThan(0.11);
    const first = await router.route({ modelName: 'churn', unitKey: 'customer-42' });
    for (let repeat = 0; repeat < 20; repeat++) expect(await router.route({ modelName: 'churn', unitKey: 'customer-42' })).toEqual(first);
    expect(first.modelVersion).toBe(first.alias === 'champion' ? '1' : '2');
    expect(first.modelName).toBe('churn');
    expect('shadow' in first).toBe(false);
  });

  it('draws from the injected random source without a unit key (or with an empty one)', async () => {
    const { router } = await setup({ weights: { champion: 0.5, challenger: 0.5 } });
    let challenger = 0;
    for (let index = 0; index < 4000; index++) {
      if ((await router.route({ modelName: 'churn', ...(index % 2 === 0 ? {} : { unitKey: '' }) })).alias === 'challenger') challenger++;
    }
    expect(challenger / 4000).toBeGreaterThan(0.46);
    expect(challenger / 4000).toBeLessThan(0.54);
  });

  it('keeps every challenger unit on the challenger when its share grows (ramp-up is monotone)', async () => {
    const { router, registry, clock } = await setup();
    const before = await Promise.all(Array.from({ length: 5000 }, (_, index) => router.route({ modelName: 'churn', unitKey: `u${index}` })));
    await registry.updateRouting('churn', { weights: { champion: 0.8, challenger: 0.2 } });
    clock.advance(5000);
    const after = await Promise.all(Array.from({ length: 5000 }, (_, index) => router.route({ modelName: 'churn', unitKey: `u${index}` })));
    before.forEach((decision, index) => {
      if (decision.alias === 'challenger') expect(after[index]!.alias).toBe('challenger');
    });
    expect(after.filter((decision) => decision.alias === 'challenger').length).toBeGreaterThan(before.filter((decision) => decision.alias === 'challenger').length * 1.6);
  });

  it('sees a change of weights in every worker within the cache TTL, and not before', async () => {
    const { router, registry, clock, store } = await setup();
    const otherWorker = createModelRouter({ store, clock });
    await router.route({ modelName: 'churn', unitKey: 'a' });
    await otherWorker.route({ modelName: 'churn', unitKey: 'a' });
    await registry.updateRouting('churn', { weights: { challenger: 1 } });
    clock.advance(4999);
    expect(Object.keys(await shares(router, 200))).toContain('champion');
    clock.advance(1);
    expect(await shares(router, 200)).toEqual({ challenger: 200 });
    expect(await shares(otherWorker, 200)).toEqual({ challenger: 200 });
  });

  it('routes everything to the champion with the kill switch, or without a routing config', async () => {
    const { router, registry, clock } = await setup({ shadowAlias: 'challenger' });
    await registry.updateRouting('churn', { killSwitch: true });
    clock.advance(5000);
    const decisions = await Promise.all(Array.from({ length: 500 }, (_, index) => router.route({ modelName: 'churn', unitKey: `u${index}` })));
    expect(new Set(decisions.map((decision) => decision.alias))).toEqual(new Set(['champion']));
    expect(decisions.some((decision) => decision.shadow !== undefined)).toBe(false);

    const bare = createModelRegistry({ store: createInMemoryRegistryStore() });
    await bare.registerModelVersion({ modelName: 'fraud', artifact: { flavor: 'f', formatVersion: 1, data: {} } });
    await bare.setAlias({ modelName: 'fraud', alias: 'champion', version: 1 });
    const plain = createModelRouter({ store: bare.store });
    expect(await plain.route({ modelName: 'fraud', unitKey: 'x' })).toEqual({ alias: 'champion', modelName: 'fraud', modelVersion: '1' });
  });

  it('asks for a shadow score in shadow mode, except from the alias that serves', async () => {
    const { router } = await setup({ weights: { champion: 1 }, shadowAlias: 'challenger' });
    const decision = await router.route({ modelName: 'churn', unitKey: 'u1' });
    expect(decision).toEqual({ alias: 'champion', modelName: 'churn', modelVersion: '1', shadow: { alias: 'challenger', modelVersion: '2' } });
    await shares(router, 99);
    expect(router.counters()).toEqual([
      { modelName: 'churn', alias: 'challenger', routed: 0, shadowed: 100 },
      { modelName: 'churn', alias: 'champion', routed: 100, shadowed: 0 },
    ]);
  });

  it('drops weighted aliases that do not resolve, and rejects a model without a champion with NOT_FOUND', async () => {
    const { router, registry, clock } = await setup({ weights: { champion: 0.5, ghost: 0.5 } });
    expect(await shares(router, 100)).toEqual({ champion: 100 });
    await registry.removeAlias({ modelName: 'churn', alias: 'champion' });
    clock.advance(5000);
    await expect(router.route({ modelName: 'churn', unitKey: 'u' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => router.routeSync({ modelName: 'churn', unitKey: 'u' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    await expect(router.route({ modelName: 'absent', unitKey: 'u' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads the store once per TTL however many requests arrive, and keeps serving stale routing when a reload fails', async () => {
    const { store, clock, errors } = await setup();
    let reads = 0;
    let failing = false;
    const counting: RegistryStore = {
      ...store,
      async readRoutingConfig(modelName) {
        reads++;
        if (failing) throw new Error('database down');
        return store.readRoutingConfig(modelName);
      },
    };
    const router = createModelRouter({ store: counting, clock, onError: (error) => errors.push(error.message) });
    await Promise.all(Array.from({ length: 50 }, (_, index) => router.route({ modelName: 'churn', unitKey: `u${index}` })));
    expect(reads).toBe(1);
    clock.advance(5000);
    failing = true;
    const decision = await router.route({ modelName: 'churn', unitKey: 'u1' });
    expect(decision.modelName).toBe('churn');
    expect(reads).toBe(2);
    expect(errors).toEqual(['Reading routing failed: database down']);
    // The failed reload pushed the next attempt one TTL away.
    await router.route({ modelName: 'churn', unitKey: 'u2' });
    expect(reads).toBe(2);
    const cold = createModelRouter({ store: counting, clock, onError: () => undefined });
    await expect(cold.route({ modelName: 'churn' })).rejects.toThrow('database down');
  });

  it('routeSync returns undefined until the routing is cached, then answers synchronously and refreshes in the background', async () => {
    const { router, registry, clock } = await setup();
    expect(router.routeSync({ modelName: 'churn', unitKey: 'u1' })).toBeUndefined();
    await router.refresh('churn');
    const decision = router.routeSync({ modelName: 'churn', unitKey: 'u1' });
    expect(decision).toEqual(await router.route({ modelName: 'churn', unitKey: 'u1' }));
    await registry.updateRouting('churn', { weights: { challenger: 1 } });
    clock.advance(5000);
    // Stale: served from the cache while the reload runs.
    expect(router.routeSync({ modelName: 'churn', unitKey: 'u1' })).toEqual(decision);
    await new Promise((resolve) => setImmediate(resolve));
    expect(router.routeSync({ modelName: 'churn', unitKey: 'u1' })!.alias).toBe('challenger');
  });

  it('rejects every call after shutdown, and an invalid config at construction', async () => {
    const { router } = await setup();
    await router.shutdown();
    await router.shutdown();
    await expect(router.route({ modelName: 'churn' })).rejects.toMatchObject({ code: 'SHUTDOWN' });
    expect(() => createModelRouter({} as never)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => createModelRouter({ store: createInMemoryRegistryStore(), cacheTtlMillis: -1 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
