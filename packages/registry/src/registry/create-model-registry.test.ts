import { createFakeClock, createInMemoryRegistryStore } from '@driftwatch/core/testing';
import { trainClassifier } from '@driftwatch/models';
import { describe, expect, it } from 'vitest';
import { classifierArtifact } from '../artifacts/classifier-artifact.js';
import { createModelRegistry } from './create-model-registry.js';

const start = Date.UTC(2026, 2, 1);
const day = 86_400_000;

function setup() {
  const clock = createFakeClock({ startMillis: start });
  let id = 0;
  const store = createInMemoryRegistryStore();
  const registry = createModelRegistry({ store, clock, actor: 'tester', createId: () => `id-${++id}` });
  const register = (score: number) =>
    registry.registerModelVersion({ modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: { score } }, metrics: { auc: score } });
  return { clock, store, registry, register };
}

describe('createModelRegistry', () => {
  it('registers versions 1, 2, 3 with their artifacts and finds them by number, decimal string or alias', async () => {
    const { registry, register, clock } = setup();
    const first = await register(0.5);
    clock.advance(1000);
    const second = await registry.registerModelVersion({
      modelName: 'churn',
      artifact: { flavor: 'constant', formatVersion: 1, data: { score: 0.6 } },
      params: { depth: 3 },
      metrics: { auc: 0.6 },
      tags: { team: 'risk' },
      trainingDataFingerprint: 'abc',
      trainingRowCount: 7043,
      featureSchema: { tenure: 'numeric' },
      description: 'second',
    });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second).toMatchObject({ params: { depth: 3 }, trainingRowCount: 7043, description: 'second', createdAt: new Date(start + 1000) });
    expect(second.artifact.sha256).toMatch(/^[0-9a-f]{64}$/);
    await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 2 });
    expect((await registry.getModelVersion('churn', 'champion'))!.version).toBe(2);
    expect((await registry.getModelVersion('churn', '1'))!.version).toBe(1);
    expect(await registry.getModelVersion('churn', 'challenger')).toBeUndefined();
    expect(await registry.getModelVersion('churn', 9)).toBeUndefined();
    expect((await registry.loadArtifact('churn', 'champion')).data).toEqual({ score: 0.6 });
    await expect(registry.loadArtifact('churn', 'challenger')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await registry.listModelVersions('churn')).map((version) => version.artifact.data)).toEqual([undefined, undefined]);
    expect(await registry.listModelNames()).toEqual(['churn']);
  });

  it('moves aliases by compare-and-set, recording actor, reason and evidence', async () => {
    const { registry, register, clock } = setup();
    for (let index = 0; index < 3; index++) await register(index / 10);
    await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 1, expectedVersion: null, reason: 'first' });
    await expect(registry.setAlias({ modelName: 'churn', alias: 'champion', version: 2, expectedVersion: null })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(registry.setAlias({ modelName: 'churn', alias: 'champion', version: 2, expectedVersion: 3 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const moved = await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 2, expectedVersion: 1, actor: 'ana', evidence: { ticket: 7 } });
    expect(moved).toMatchObject({ fromVersion: 1, toVersion: 2, actor: 'ana', evidence: { ticket: 7 }, reason: 'champion set to version 2' });
    await expect(registry.setAlias({ modelName: 'churn', alias: 'champion', version: 9 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    clock.advance(1000);
    await registry.setAlias({ modelName: 'churn', alias: 'challenger', version: 3 });
    clock.advance(1000);
    const removed = await registry.removeAlias({ modelName: 'churn', alias: 'challenger', reason: 'retired' });
    expect(removed).toMatchObject({ fromVersion: 3, reason: 'retired', actor: 'tester' });
    await expect(registry.removeAlias({ modelName: 'churn', alias: 'challenger' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await registry.aliasHistory('churn')).map((entry) => `${entry.alias}:${entry.fromVersion ?? '-'}>${entry.toVersion ?? '-'}`)).toEqual([
      'champion:->1',
      'champion:1>2',
      'challenger:->3',
      'challenger:3>-',
    ]);
  });

  it('rolls back in one call, stacking rollbacks, and answers which version was champion at any time', async () => {
    const { registry, register, clock } = setup();
    for (let index = 0; index < 3; index++) await register(index / 10);
    await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 1 });
    clock.advance(day);
    await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 2 });
    clock.advance(day);
    await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 3 });
    clock.advance(day);
    const first = await registry.rollback('churn', 'champion', { reason: 'AUC fell', evidence: { auc: 0.7 } });
    expect(first).toMatchObject({ fromVersion: 3, toVersion: 2, reason: 'AUC fell', evidence: { auc: 0.7, rollback: true } });
    clock.advance(day);
    const second = await registry.rollback('churn', 'champion');
    expect(second).toMatchObject({ fromVersion: 2, toVersion: 1, reason: 'rollback of champion from 2 to 1' });
    await expect(registry.rollback('churn', 'champion')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(registry.rollback('churn', 'challenger')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const versionAt = (offsetMillis: number) => registry.versionAt('churn', 'champion', new Date(start + offsetMillis));
    expect(await versionAt(-1)).toBeUndefined();
    expect(await versionAt(0)).toBe(1);
    expect(await versionAt(day - 1)).toBe(1);
    expect(await versionAt(day)).toBe(2);
    expect(await versionAt(2.5 * day)).toBe(3);
    expect(await versionAt(3.5 * day)).toBe(2);
    expect(await versionAt(10 * day)).toBe(1);
  });

  it('rolls back with compare-and-set: a move in between makes it fail cleanly', async () => {
    const { registry, register, store } = setup();
    for (let index = 0; index < 3; index++) await register(index / 10);
    await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 1 });
    await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 2 });
    // Another worker moves the alias between our read of the history and our move.
    const readHistory = store.readAliasHistory.bind(store);
    store.readAliasHistory = async (...args) => {
      const history = await readHistory(...args);
      await store.moveAlias({ modelName: 'churn', alias: 'champion', expectedVersion: 2, toVersion: 3, actor: 'other', reason: 'race', at: new Date(start) });
      return history;
    };
    await expect(registry.rollback('churn', 'champion')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await registry.readAlias('churn', 'champion'))!.version).toBe(3);
  });

  it('updates routing, keeping unchanged fields and the salt', async () => {
    const { registry } = setup();
    const created = await registry.updateRouting('churn', { weights: { champion: 0.9, challenger: 0.1 }, shadowAlias: 'shadow' });
    expect(created).toMatchObject({ weights: { champion: 0.9, challenger: 0.1 }, shadowAlias: 'shadow', killSwitch: false, salt: 'id-1' });
    const killed = await registry.updateRouting('churn', { killSwitch: true, shadowAlias: null });
    expect(killed).toMatchObject({ weights: { champion: 0.9, challenger: 0.1 }, killSwitch: true, salt: 'id-1' });
    expect('shadowAlias' in killed).toBe(false);
    expect(await registry.readRouting('churn')).toEqual(killed);
    await expect(registry.updateRouting('churn', { weights: { champion: -1 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('tracks runs with params, metric series and artifacts, compares them, and registers one as a version', async () => {
    const { registry, clock } = setup();
    const rows = Array.from({ length: 200 }, (_, index) => ({ x: index % 10, y: (index * 7) % 13, label: index % 10 >= 5 ? 'yes' : 'no' }));
    const runA = await registry.startRun({ experiment: 'tuning', params: { trees: 5 }, tags: { owner: 'ana' } });
    const runB = await registry.startRun({ experiment: 'tuning', params: { trees: 10 } });
    await registry.logParams(runB.id, { maxDepth: 3 });
    for (let step = 0; step < 3; step++) {
      clock.advance(1000);
      await registry.logMetrics(runA.id, { loss: 1 / (step + 1) }, { step });
    }
    await registry.logMetrics(runA.id, { auc: 0.8 });
    await registry.logMetrics(runB.id, { auc: 0.9, loss: 0.2 });
    const classifier = await trainClassifier(rows, { target: 'label', positive: 'yes', flavor: 'logistic' });
    const artifact = await registry.logModel(runB.id, classifierArtifact(classifier));
    await registry.logArtifact(runB.id, 'notes', { text: 'depth 3' });
    const ended = await registry.endRun(runB.id);
    await registry.endRun(runA.id, { status: 'failed', error: 'diverged' });

    expect(ended).toMatchObject({ status: 'succeeded', metrics: { auc: 0.9, loss: 0.2 }, params: { trees: 10, maxDepth: 3 }, endedAt: new Date(clock.now()) });
    expect((await registry.getRun(runA.id))).toMatchObject({ status: 'failed', error: 'diverged', metrics: { loss: 1 / 3, auc: 0.8 } });
    expect((await registry.readRunMetrics(runA.id, 'loss')).map((point) => [point.step, point.value])).toEqual([
      [0, 1],
      [1, 0.5],
      [2, 1 / 3],
    ]);
    expect((await registry.listRuns('tuning')).map((run) => run.id).sort()).toEqual([runA.id, runB.id].sort());

    const comparison = await registry.compareRuns([runA.id, runB.id]);
    expect(comparison.params).toEqual([
      { key: 'maxDepth', values: [undefined, 3], differs: true },
      { key: 'trees', values: [5, 10], differs: true },
    ]);
    expect(comparison.metrics.find((row) => row.key === 'auc')).toEqual({ key: 'auc', values: [0.8, 0.9], minimumRunId: runA.id, maximumRunId: runB.id });
    await expect(registry.compareRuns([runA.id, 'absent'])).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const version = await registry.registerRun(runB.id, { modelName: 'churn', description: 'best of the sweep' });
    expect(version).toMatchObject({ version: 1, runId: runB.id, params: { trees: 10, maxDepth: 3 }, metrics: { auc: 0.9, loss: 0.2 }, description: 'best of the sweep' });
    expect(version.artifact.sha256).toBe(artifact.sha256);
    const loaded = await registry.loadClassifier('churn', 1);
    expect(Array.from(loaded.predictProba(rows.slice(0, 5)))).toEqual(Array.from(classifier.predictProba(rows.slice(0, 5))));
    await expect(registry.registerRun(runA.id, { modelName: 'churn' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await registry.registerModelVersion({ modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: {} } });
    await expect(registry.loadClassifier('churn', 2)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('rejects an invalid config with VALIDATION_FAILED', () => {
    expect(() => createModelRegistry({} as never)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => createModelRegistry({ store: createInMemoryRegistryStore(), actor: '' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
