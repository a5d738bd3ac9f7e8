import type { AlertRecord, RegistryStore, RunRecord } from '@driftwatch/core';
import { createInProcessJobQueue } from '@driftwatch/core';
import { createFakeClock, createInMemoryEventStore, createInMemoryRegistryStore, type FakeClock } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../registry/create-model-registry.js';
import { createModelRouter } from '../router/create-model-router.js';
import { createSeededRandom } from '../promotion/simulation.test-helper.js';
import { writeHourOfTraffic } from '../promotion/traffic.test-helper.js';
import { writeLabelledChurnTraffic } from './churn-data.test-helper.js';
import { createRetrainingAlertSink } from './create-retraining-alert-sink.js';
import { createRetrainingPipeline, type RetrainingPipelineConfig, type RetrainingRunResult } from './create-retraining-pipeline.js';
import { registerRetrainingJobs } from './register-retraining-jobs.js';
import { retrainingJobName } from './retraining-job-name.js';
import type { RetrainingStepRecord } from './retraining-step-names.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 2, 10);

async function setup(overrides: Partial<RetrainingPipelineConfig> = {}, options: { clock?: FakeClock; registryStore?: RegistryStore } = {}) {
  const clock = options.clock ?? createFakeClock({ startMillis: start });
  const registryStore = options.registryStore ?? createInMemoryRegistryStore();
  const eventStore = overrides.eventStore ?? createInMemoryEventStore();
  const registry = createModelRegistry({ store: registryStore, clock });
  const errors: string[] = [];
  const pipeline = createRetrainingPipeline({
    modelName: 'churn',
    registry,
    eventStore,
    clock,
    training: { positive: 'Yes', flavor: 'logistic' },
    worker: false,
    minimumTrainingRows: 200,
    challengerTrafficShare: 0.5,
    promotion: { holdSeconds: 86_400, probationSeconds: 6 * 3600 },
    onError: (error) => errors.push(error.message),
    ...overrides,
  });
  return { clock, registryStore, eventStore, registry, pipeline, errors };
}

const statuses = (result: RetrainingRunResult) => Object.fromEntries(result.steps.map((step) => [step.name, step.status]));
const stepsOf = (run: RunRecord | undefined) => run?.artifacts.steps as RetrainingStepRecord[];

/** Lets the pipeline's promise chain run until `done()` holds (no timers, no sleeps). */
async function until(done: () => Promise<boolean>, maximumRounds = 20_000): Promise<void> {
  for (let round = 0; round < maximumRounds; round++) {
    if (await done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
}

describe('createRetrainingPipeline', () => {
  it('bootstraps the first champion, training in a worker thread by default, and records every step', async () => {
    const context = await setup({ worker: undefined });
    await writeLabelledChurnTraffic(context.eventStore, { count: 1500, endMillis: start, failedShare: 0.02 });
    const result = await context.pipeline.run({ trigger: 'manual', reason: 'first model' });
    expect(context.errors).toEqual([]);
    expect(result).toMatchObject({ status: 'completed', outcome: 'bootstrapped', resumed: false });
    expect(statuses(result)).toEqual({
      'check-trigger': 'succeeded',
      'fetch-data': 'succeeded',
      'prepare-features': 'succeeded',
      train: 'succeeded',
      validate: 'succeeded',
      'register-challenger': 'succeeded',
      'start-ab-test': 'skipped',
      'promote-or-retire': 'skipped',
    });
    for (const step of result.steps.filter((candidate) => candidate.status === 'succeeded')) {
      expect(step.durationMillis).toBeGreaterThanOrEqual(0);
      expect(step.attempts).toBe(1);
    }
    const byName = Object.fromEntries(result.steps.map((step) => [step.name, step.output]));
    expect(byName['check-trigger']).toMatchObject({ trigger: 'manual', reason: 'first model' });
    expect(byName['prepare-features']).toMatchObject({ featureColumns: ['contract', 'monthlyCharges', 'tenure'] });
    expect(byName.train).toMatchObject({ flavor: 'logistic', worker: true });
    expect((byName.validate as { auc: number }).auc).toBeGreaterThan(0.7);

    const version = await context.registry.getModelVersion('churn', 'champion');
    expect(version).toMatchObject({ version: 1, runId: result.runId, trainingRowCount: (byName['prepare-features'] as { trainingRowCount: number }).trainingRowCount });
    expect(version!.trainingDataFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(version!.featureSchema).toMatchObject({ columnKinds: { tenure: 'numeric', contract: 'categorical' } });
    const classifier = await context.registry.loadClassifier('churn', 'champion');
    expect(classifier.predictProba([{ tenure: 1, monthlyCharges: 110, contract: 'Month-to-month' }])[0]).toBeGreaterThan(0.5);

    const run = await context.registry.getRun(result.runId!);
    expect(run).toMatchObject({ status: 'succeeded', experiment: 'retraining:churn', tags: { outcome: 'bootstrapped', trigger: 'manual' } });
    expect(run!.metrics['step.train.durationMillis']).toBeGreaterThan(0);
    expect(run!.metrics['holdout.auc']).toBeGreaterThan(0.7);
    expect((await context.registry.readRunMetrics(result.runId!, 'step.validate.durationMillis')).length).toBe(1);
    expect(context.clock.pendingTimerCount).toBe(0);
  });

  it('registers a challenger, runs the A/B test on later triggers, and promotes it when the policy says so', async () => {
    const context = await setup({ validation: { maximumAucDropFromChampion: 0.05 } });
    await writeLabelledChurnTraffic(context.eventStore, { count: 1500, endMillis: start, seed: 1 });
    expect((await context.pipeline.run({ trigger: 'manual' })).outcome).toBe('bootstrapped');
    context.clock.advance(hour);
    await writeLabelledChurnTraffic(context.eventStore, { count: 1500, endMillis: context.clock.now(), days: 1, seed: 2 });
    const started = await context.pipeline.run({ trigger: 'schedule' });
    expect(started).toMatchObject({ status: 'waiting', resumed: false });
    expect(statuses(started)).toMatchObject({ 'register-challenger': 'succeeded', 'start-ab-test': 'succeeded', 'promote-or-retire': 'waiting' });
    expect((await context.registry.readAlias('churn', 'challenger'))!.version).toBe(2);
    expect((await context.registry.readRouting('churn'))!.weights).toEqual({ champion: 0.5, challenger: 0.5 });

    const router = createModelRouter({ store: context.registryStore, clock: context.clock });
    const random = createSeededRandom(5);
    let result = started;
    let hours = 0;
    while (result.status === 'waiting' && hours < 5 * 24) {
      hours++;
      context.clock.advance(hour);
      await writeHourOfTraffic({
        router,
        eventStore: context.eventStore,
        modelName: 'churn',
        endMillis: context.clock.now(),
        requestsPerHour: 100,
        random,
        versions: (version) => ({ accuracy: version === '2' ? 0.9 : 0.8 }),
      });
      result = await context.pipeline.run({ trigger: 'check' });
      expect(result.runId).toBe(started.runId);
    }
    expect(result).toMatchObject({ status: 'completed', outcome: 'promoted', resumed: true });
    expect(hours).toBeGreaterThan(24);
    expect((await context.registry.readAlias('churn', 'champion'))!.version).toBe(2);
    const step = result.steps.find((candidate) => candidate.name === 'promote-or-retire')!;
    expect(step.attempts).toBe(hours + 1);
    const series = await context.registry.readRunMetrics(started.runId!, 'promotion.lowerBound');
    expect(series.length).toBeGreaterThan(10);
    expect(series.at(-1)!.value).toBeGreaterThan(0);
    const [, promotion] = await context.registry.aliasHistory('churn', 'champion');
    expect(promotion).toMatchObject({ actor: 'retraining-pipeline', evidence: { runId: started.runId } });
    // The run is finished: a new check finds nothing to do.
    expect((await context.pipeline.run({ trigger: 'check' })).status).toBe('not-needed');
  });

  it('rejects a model that fails validation, registering nothing', async () => {
    const context = await setup({ validation: { minimumAuc: 0.99 } });
    await writeLabelledChurnTraffic(context.eventStore, { count: 1000, endMillis: start });
    const result = await context.pipeline.run({ trigger: 'manual' });
    expect(result).toMatchObject({ status: 'completed', outcome: 'rejected' });
    expect(result.reason).toContain('below 0.99');
    expect(statuses(result)).toMatchObject({ validate: 'succeeded', 'register-challenger': 'skipped', 'start-ab-test': 'skipped', 'promote-or-retire': 'skipped' });
    expect(await context.registry.listModelVersions('churn')).toEqual([]);
  });

  it('ends with insufficient-data when there are too few labelled rows', async () => {
    const context = await setup({ minimumTrainingRows: 5000 });
    await writeLabelledChurnTraffic(context.eventStore, { count: 300, endMillis: start });
    const result = await context.pipeline.run({ trigger: 'manual' });
    expect(result).toMatchObject({ status: 'completed', outcome: 'insufficient-data' });
    expect(statuses(result).train).toBe('skipped');
  });

  it('retrains on a check only after a new drift or performance alert', async () => {
    const context = await setup();
    await writeLabelledChurnTraffic(context.eventStore, { count: 1000, endMillis: start });
    const alert = (id: string, dedupeKey: string, offsetMillis: number): AlertRecord => ({
      id,
      dedupeKey,
      modelName: 'churn',
      modelVersion: '',
      severity: 'WARNING',
      status: 'firing',
      title: dedupeKey,
      message: '',
      evidence: { test: 'psi', statistic: 0.3, threshold: 0.25, n: 1000 },
      createdAt: new Date(start + offsetMillis),
      deliveries: [],
    });
    await context.eventStore.writeAlerts([alert('latency', 'churn/latency/p95', -hour)]);
    expect(await context.pipeline.run()).toMatchObject({ status: 'not-needed' });
    await context.eventStore.writeAlerts([alert('drift', 'churn/feature-drift/tenure', -hour)]);
    const result = await context.pipeline.run({ trigger: 'check' });
    expect(result).toMatchObject({ status: 'completed', outcome: 'bootstrapped' });
    expect(result.steps[0]!.output).toMatchObject({ trigger: 'check', alerts: [{ id: 'drift', dedupeKey: 'churn/feature-drift/tenure' }] });
    context.clock.advance(hour);
    expect((await context.pipeline.run()).status).toBe('not-needed');
    await context.eventStore.writeAlerts([alert('performance', 'churn/performance/accuracy', 0)]);
    // Now a champion exists, so the new model goes into an A/B test.
    expect((await context.pipeline.run()).status).toBe('waiting');
  });

  it('runs once at a time: a second call in this process, or a second process, has no effect', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { trainClassifier } = await import('@driftwatch/models');
    const context = await setup({
      train: async (rows, options) => {
        await gate;
        return trainClassifier(rows, options);
      },
    });
    await writeLabelledChurnTraffic(context.eventStore, { count: 1000, endMillis: start });
    const other = await setup({ eventStore: context.eventStore }, { clock: context.clock, registryStore: context.registryStore });
    const first = context.pipeline.run({ trigger: 'manual' });
    await until(async () => (await context.registryStore.listRuns('retraining:churn')).length === 1);
    expect(await context.pipeline.run({ trigger: 'manual' })).toMatchObject({ status: 'skipped', reason: expect.stringContaining('this process') });
    expect(await other.pipeline.run({ trigger: 'manual' })).toMatchObject({ status: 'skipped', reason: expect.stringContaining('lease') });
    release();
    expect((await first).status).toBe('completed');
    expect(await context.registryStore.listRuns('retraining:churn')).toHaveLength(1);
  });

  it('resumes a crashed run from its last completed step after the lease expires, without training again', async () => {
    const registryStore = createInMemoryRegistryStore();
    const eventStore = createInMemoryEventStore();
    await writeLabelledChurnTraffic(eventStore, { count: 1200, endMillis: start });
    // The first process hangs in `validate` (its store stops answering) and is never heard from again.
    const crashedClock = createFakeClock({ startMillis: start });
    const hanging: RegistryStore = { ...registryStore, readAlias: () => new Promise(() => undefined) };
    let trainings = 0;
    const { trainClassifier } = await import('@driftwatch/models');
    const countingTrain: RetrainingPipelineConfig['train'] = async (rows, options) => {
      trainings++;
      return trainClassifier(rows, options);
    };
    const crashed = await setup({ eventStore, train: countingTrain }, { clock: crashedClock, registryStore: hanging });
    void crashed.pipeline.run({ trigger: 'manual' });
    await until(async () => {
      const [run] = await registryStore.listRuns('retraining:churn');
      return stepsOf(run)?.find((step) => step.name === 'validate')?.status === 'running';
    });
    expect(trainings).toBe(1);

    const clock = createFakeClock({ startMillis: start + 60_000 });
    const restarted = await setup({ eventStore, train: countingTrain }, { clock, registryStore });
    expect(await restarted.pipeline.run({ trigger: 'manual' })).toMatchObject({ status: 'skipped' });
    clock.advance(600_000);
    const result = await restarted.pipeline.run({ trigger: 'check' });
    expect(restarted.errors).toEqual([]);
    expect(result).toMatchObject({ status: 'completed', outcome: 'bootstrapped', resumed: true });
    expect(Object.fromEntries(result.steps.map((step) => [step.name, step.attempts]))).toMatchObject({ 'fetch-data': 1, 'prepare-features': 1, train: 1, validate: 2, 'register-challenger': 1 });
    expect(trainings).toBe(1);
    expect((await registryStore.listRuns('retraining:churn')).map((run) => run.status)).toEqual(['succeeded']);
  });

  it('records a failing step and fails the run, which is then finished rather than resumed', async () => {
    const context = await setup({ train: async () => Promise.reject(new Error('out of memory')) });
    await writeLabelledChurnTraffic(context.eventStore, { count: 1000, endMillis: start });
    const result = await context.pipeline.run({ trigger: 'manual' });
    expect(result).toMatchObject({ status: 'failed', reason: 'train: Training failed: out of memory' });
    expect(statuses(result).train).toBe('failed');
    expect(context.errors).toEqual(['Training failed: out of memory']);
    expect((await context.registry.getRun(result.runId!))!.status).toBe('failed');
    // A failed run is finished, not resumed.
    expect((await context.pipeline.run({ trigger: 'check' })).status).toBe('not-needed');
  });

  it('fails a resumed run whose training data changed meanwhile (fingerprint check)', async () => {
    const registryStore = createInMemoryRegistryStore();
    const eventStore = createInMemoryEventStore();
    await writeLabelledChurnTraffic(eventStore, { count: 1200, endMillis: start });
    const hanging: RegistryStore = { ...registryStore, readAlias: () => new Promise(() => undefined) };
    const crashed = await setup({ eventStore }, { clock: createFakeClock({ startMillis: start }), registryStore: hanging });
    void crashed.pipeline.run({ trigger: 'manual' });
    await until(async () => stepsOf((await registryStore.listRuns('retraining:churn'))[0])?.find((step) => step.name === 'validate')?.status === 'running');
    // Retention deletes the oldest day of predictions before the run resumes.
    await eventStore.deleteBefore(new Date(start - 9 * 86_400_000));
    const restarted = await setup({ eventStore }, { clock: createFakeClock({ startMillis: start + 601_000 }), registryStore });
    const result = await restarted.pipeline.run();
    expect(result).toMatchObject({ status: 'failed', resumed: true });
    expect(result.reason).toContain('changed since it was prepared');
  });

  it('runs from an in-process job queue: manual jobs, alert-sink jobs and the hourly check', async () => {
    const context = await setup({ validation: { maximumAucDropFromChampion: 0.05 } });
    await writeLabelledChurnTraffic(context.eventStore, { count: 1200, endMillis: start });
    const queue = createInProcessJobQueue({ clock: context.clock });
    const results: RetrainingRunResult[] = [];
    await registerRetrainingJobs({ queue, pipelines: [context.pipeline], onResult: (_modelName, result) => results.push(result) });
    await queue.send(retrainingJobName('churn'), { trigger: 'manual' }, { singletonKey: 'churn' });
    await queue.whenIdle();
    expect(results.map((result) => result.outcome)).toEqual(['bootstrapped']);

    const sink = createRetrainingAlertSink({ queue });
    const alert: AlertRecord = {
      id: 'a1',
      dedupeKey: 'churn/performance/accuracy',
      modelName: 'churn',
      modelVersion: '1',
      severity: 'CRITICAL',
      status: 'firing',
      title: 'accuracy dropped',
      message: '',
      evidence: { test: 'accuracy', statistic: 0.7, threshold: 0.75, n: 800 },
      createdAt: new Date(start),
      deliveries: [],
    };
    expect(await sink.send({ ...alert, status: 'resolved' })).toEqual({ ok: true, attempts: 1 });
    expect(await sink.send({ ...alert, dedupeKey: 'churn/latency/p95' })).toEqual({ ok: true, attempts: 1 });
    expect(queue.counts.queued + queue.counts.running).toBe(0);
    expect(await sink.send(alert)).toEqual({ ok: true, attempts: 1 });
    await queue.whenIdle();
    expect(results[1]).toMatchObject({ status: 'waiting' });
    expect(results[1]!.steps[0]!.output).toMatchObject({ trigger: 'alert', reason: 'CRITICAL alert: accuracy dropped' });

    await context.clock.advanceAsync(hour);
    await queue.whenIdle();
    expect(results).toHaveLength(3);
    expect(results[2]).toMatchObject({ status: 'waiting', resumed: true, runId: results[1]!.runId });
    await queue.shutdown();
  });

  it('rejects an invalid config with VALIDATION_FAILED', async () => {
    const { registry } = await setup();
    const eventStore = createInMemoryEventStore();
    expect(() => createRetrainingPipeline({ modelName: 'churn', registry, eventStore, training: {} as never })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => createRetrainingPipeline({ modelName: 'churn', registry, eventStore, training: { positive: 'Yes' }, holdoutFraction: 1 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => createRetrainingPipeline({ modelName: 'churn', registry, eventStore, training: { positive: 'Yes' }, alertKinds: ['nope' as never] })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
