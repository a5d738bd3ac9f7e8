import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  DriftwatchError,
  checkKinds,
  systemClock,
  type CheckKind,
  type Clock,
  type EventStore,
  type LabelledPrediction,
  type ModelArtifact,
  type RunRecord,
  type TimerHandle,
} from '@driftwatch/core';
import { accuracy, rocAuc } from '@driftwatch/drift';
import { classifierJsonFormat, loadClassifier, trainClassifier, type Classifier, type ClassifierJson, type TabularRow, type TrainClassifierOptions } from '@driftwatch/models';
import { classifierArtifact } from '../artifacts/classifier-artifact.js';
import { createPromotionController, type PromotionController, type PromotionState } from '../promotion/create-promotion-controller.js';
import type { PromotionPolicy, PromotionPolicyConfig } from '../promotion/create-promotion-policy.js';
import type { ModelRegistry } from '../registry/create-model-registry.js';
import { prepareTrainingData, type PreparedTrainingData } from './internal/prepare-training-data.js';
import { retrainingStepNames, type RetrainingStepName, type RetrainingStepRecord } from './retraining-step-names.js';

/**
 * Why a retraining run is asked for. `manual`, `schedule` and `alert` always retrain; `check`
 * retrains only when a drift or performance alert of the model has fired since the last run.
 *
 * @example
 * ```ts
 * import type { RetrainingTrigger } from '@driftwatch/registry';
 * const trigger: RetrainingTrigger = 'check';
 * ```
 */
export type RetrainingTrigger = 'check' | 'manual' | 'schedule' | 'alert';

/**
 * Training options of the pipeline: those of `trainClassifier` except `target` (the outcome
 * label, under the pipeline's `targetColumn`) and `worker` (the pipeline's own option).
 *
 * @example
 * ```ts
 * import type { RetrainingTrainingOptions } from '@driftwatch/registry';
 * const training: RetrainingTrainingOptions = { positive: 'Yes', flavor: 'boosting', exclude: ['customerID'] };
 * ```
 */
export type RetrainingTrainingOptions = Omit<TrainClassifierOptions, 'target' | 'worker'>;

/**
 * Validation gates of a freshly trained model, on the holdout of recent production data.
 *
 * @example
 * ```ts
 * import type { RetrainingValidation } from '@driftwatch/registry';
 * const validation: RetrainingValidation = { minimumAuc: 0.75, maximumAucDropFromChampion: 0 };
 * ```
 */
export interface RetrainingValidation {
  /** The new model's holdout ROC AUC must reach this. @default 0.6 */
  minimumAuc?: number;
  /** It may trail the champion's AUC on the same holdout by at most this much. @default 0.01 */
  maximumAucDropFromChampion?: number;
}

/**
 * Config for {@link createRetrainingPipeline}.
 *
 * @example
 * ```ts
 * import type { RetrainingPipelineConfig } from '@driftwatch/registry';
 * const config: RetrainingPipelineConfig = {
 *   modelName: 'churn', registry, eventStore,
 *   training: { positive: 'Yes', exclude: ['customerID'] },
 *   promotion: { holdSeconds: 3 * 86_400 },
 * };
 * ```
 */
export interface RetrainingPipelineConfig {
  modelName: string;
  registry: ModelRegistry;
  /** Where labelled predictions, alerts and window profiles are read. */
  eventStore: EventStore;
  /** How to train (see `@driftwatch/models`); `positive` is required. */
  training: RetrainingTrainingOptions;
  /** Train in a worker thread, keeping the host's event loop free. @default true */
  worker?: boolean;
  /** The trainer. @default trainClassifier from `@driftwatch/models` */
  train?: (rows: readonly TabularRow[], options: TrainClassifierOptions) => Promise<Classifier>;
  /** How far back labelled predictions are fetched for training. @default 2592000 (30 days) */
  trainingWindowSeconds?: number;
  /** Fewer training rows than this end the run with outcome `insufficient-data`. @default 500 */
  minimumTrainingRows?: number;
  /** Share of rows (chosen by a hash of the prediction id) held out for validation. @default 0.2 */
  holdoutFraction?: number;
  /** Column name of the label in training rows; must not be a feature name. @default '__outcome' */
  targetColumn?: string;
  /** Only these logged features are used. @default every logged feature */
  features?: readonly string[];
  /** @default { minimumAuc: 0.6, maximumAucDropFromChampion: 0.01 } */
  validation?: RetrainingValidation;
  /** `split` sends `challengerTrafficShare` of the traffic to the challenger; `shadow` only scores it in the background. @default 'split' */
  abTestMode?: 'split' | 'shadow';
  /** @default 0.1 */
  challengerTrafficShare?: number;
  /** The promotion policy or its config. @default createPromotionPolicy() */
  promotion?: PromotionPolicy | PromotionPolicyConfig;
  /** Alert kinds that make a `check` trigger retrain. @default ['feature-drift', 'prediction-drift', 'performance'] */
  alertKinds?: readonly CheckKind[];
  /**
   * The singleton lease: one run per model at a time across every process sharing the store. It is
   * renewed every third of this while a run is active, so a crashed process blocks others for at most this long.
   * @default 600
   */
  leaseSeconds?: number;
  /** Experiment name of the runs. @default `retraining:<modelName>` */
  experiment?: string;
  /** Recorded as the actor of alias moves. @default 'retraining-pipeline' */
  actor?: string;
  /** Identifies this pipeline instance as the lease owner. @default a random UUID */
  instanceId?: string;
  /** @default systemClock */
  clock?: Clock;
  /** Hears about failed runs and lost leases. Called inside a guard. @default a one-line `console.warn` */
  onError?: (error: DriftwatchError) => void;
}

/**
 * How one call of {@link RetrainingPipeline.run} ended.
 *
 * @example
 * ```ts
 * import type { RetrainingRunResult } from '@driftwatch/registry';
 * const describe = (result: RetrainingRunResult) => `${result.status}${result.outcome ? ` (${result.outcome})` : ''}: ${result.reason}`;
 * ```
 */
export interface RetrainingRunResult {
  /**
   * `skipped`: another run holds the lease (or runs in this process); nothing was done.
   * `not-needed`: step 1 found no reason to retrain; no run was recorded.
   * `waiting`: the A/B test is undecided; the next call continues it.
   * `completed`: the run finished with `outcome`. `failed`: a step threw; see `reason`.
   */
  status: 'skipped' | 'not-needed' | 'waiting' | 'completed' | 'failed';
  reason: string;
  runId?: string;
  /** True when this call continued an unfinished run. */
  resumed: boolean;
  outcome?: RetrainingOutcome;
  steps: RetrainingStepRecord[];
}

/**
 * How a completed retraining run ended.
 *
 * @example
 * ```ts
 * import type { RetrainingOutcome } from '@driftwatch/registry';
 * const good: RetrainingOutcome[] = ['promoted', 'bootstrapped'];
 * ```
 */
export type RetrainingOutcome = 'bootstrapped' | 'insufficient-data' | 'rejected' | 'promoted' | 'retired' | 'rolled-back' | 'superseded';

/**
 * The retraining pipeline of one model, in eight recorded steps: check the trigger, fetch recent
 * labelled production data, prepare features, train (in a worker by default), validate on a
 * holdout and against the champion, register as `challenger`, start the A/B test, and promote or
 * retire as the policy decides. See `docs/concepts/promotion.md`.
 *
 * @example
 * ```ts
 * import { createRetrainingPipeline, type RetrainingPipeline } from '@driftwatch/registry';
 * const pipeline: RetrainingPipeline = createRetrainingPipeline({ modelName: 'churn', registry, eventStore, training: { positive: 'Yes' } });
 * const result = await pipeline.run({ trigger: 'manual' });
 * console.log(result.status, result.steps.map((step) => `${step.name} ${step.durationMillis?.toFixed(0)} ms`));
 * ```
 */
export interface RetrainingPipeline {
  readonly modelName: string;
  readonly experiment: string;
  readonly controller: PromotionController;
  /**
   * Runs the pipeline once. Takes the model's lease first (another holder: `skipped`), then
   * continues the model's unfinished run if there is one (from its first incomplete step, which
   * is how a crashed run resumes and how a waiting A/B test is re-evaluated), otherwise checks
   * the trigger and starts a new run. Never rejects, except with `SHUTDOWN` after `shutdown()`.
   * @default trigger 'check'
   */
  run(request?: { trigger?: RetrainingTrigger; reason?: string }): Promise<RetrainingRunResult>;
  /** Waits for a run in flight; later `run` calls reject with `SHUTDOWN`. Idempotent. */
  shutdown(): Promise<void>;
}

interface StepOutcome {
  status: 'succeeded' | 'waiting';
  output: Record<string, unknown>;
  /** Ends the run after this step with this outcome; later steps are skipped. */
  outcome?: RetrainingOutcome;
  metrics?: Record<string, number>;
}

/** What steps hand to each other in memory; rebuilt from the run's outputs after a restart. */
interface RunContext {
  run: RunRecord;
  steps: RetrainingStepRecord[];
  /** What `fetch-data` read, handed to `prepare-features` in the same process. */
  labelled?: LabelledPrediction[];
  data?: PreparedTrainingData;
  classifier?: Classifier;
}

/**
 * Creates a {@link RetrainingPipeline}. Throws `VALIDATION_FAILED` for an invalid config.
 *
 * Singleton: `run` takes the lease `retraining:<modelName>` in the registry store, so two
 * processes (or two job runners) never run the same model's pipeline at once, and a second call
 * in this process while one runs returns `skipped`. Resumable: each step's status and output are
 * written to the run before the next starts; after a crash the next `run` continues from the
 * first step that did not complete (data is re-read for the exact time range and verified by
 * fingerprint; the trained model comes back from the artifact store).
 *
 * @example
 * ```ts
 * import { createModelRegistry, createRetrainingPipeline, registerRetrainingJobs } from '@driftwatch/registry';
 * import { createInProcessJobQueue } from '@driftwatch/core';
 * const pipeline = createRetrainingPipeline({
 *   modelName: 'churn', registry: createModelRegistry({ store: registryStore }), eventStore,
 *   training: { positive: 'Yes', exclude: ['customerID'] },
 * });
 * await registerRetrainingJobs({ queue: createInProcessJobQueue(), pipelines: [pipeline] }); // hourly checks
 * ```
 */
export function createRetrainingPipeline(config: RetrainingPipelineConfig): RetrainingPipeline {
  const settings = resolveConfig(config);
  const { registry, eventStore, clock, modelName } = settings;
  const store = registry.store;
  const controller = createPromotionController({
    registry,
    eventStore,
    clock,
    actor: settings.actor,
    positiveLabel: settings.training.positive,
    challengerTrafficShare: settings.challengerTrafficShare,
    ...(settings.promotion === undefined ? {} : { policy: settings.promotion }),
  });
  const leaseName = `retraining:${modelName}`;
  let inFlight: Promise<RetrainingRunResult> | undefined;
  let closed = false;

  function report(error: unknown): DriftwatchError {
    const wrapped = DriftwatchError.isInstance(error)
      ? error
      : new DriftwatchError({ code: 'TRAINING_FAILED', message: error instanceof Error ? error.message : String(error), cause: error });
    try {
      settings.onError(wrapped);
    } catch {
      // A failing hook must not break the pipeline.
    }
    return wrapped;
  }

  const nowIso = () => new Date(clock.now()).toISOString();

  async function acquireLease(): Promise<boolean> {
    const nowMillis = clock.now();
    return store.acquireLease({ name: leaseName, owner: settings.instanceId, at: new Date(nowMillis), expiresAt: new Date(nowMillis + settings.leaseSeconds * 1000) });
  }

  async function checkTrigger(trigger: RetrainingTrigger, reason: string | undefined): Promise<{ needed: boolean; output: Record<string, unknown> }> {
    if (trigger !== 'check') return { needed: true, output: { trigger, reason: reason ?? `${trigger} request` } };
    const [latest] = await store.listRuns(settings.experiment, { limit: 1 });
    const from = latest?.startedAt ?? new Date(0);
    const firing = await eventStore.readAlerts({ modelName, status: 'firing', from, to: new Date(clock.now() + 1), limit: 1000 });
    const relevant = firing.filter((alert) => settings.alertKinds.has(alertKind(alert.dedupeKey) as CheckKind));
    if (relevant.length === 0) return { needed: false, output: { trigger, reason: `no ${[...settings.alertKinds].join(', ')} alert since ${from.toISOString()}` } };
    return {
      needed: true,
      output: { trigger, reason: `${relevant.length} alert(s) since ${from.toISOString()}`, alerts: relevant.slice(0, 20).map((alert) => ({ id: alert.id, dedupeKey: alert.dedupeKey, severity: alert.severity, title: alert.title })) },
    };
  }

  function stepOutput(context: RunContext, name: RetrainingStepName): Record<string, unknown> {
    return context.steps.find((step) => step.name === name)?.output ?? {};
  }

  async function loadData(context: RunContext): Promise<PreparedTrainingData> {
    if (context.data !== undefined) return context.data;
    const range = stepOutput(context, 'fetch-data');
    const labelled = context.labelled ?? (await eventStore.readLabelledPredictions({ modelName, from: new Date(String(range.from)), to: new Date(String(range.to)) }));
    context.labelled = undefined;
    const data = prepareTrainingData(labelled, { targetColumn: settings.targetColumn, holdoutFraction: settings.holdoutFraction, features: settings.features });
    const expected = stepOutput(context, 'prepare-features').fingerprint;
    if (expected !== undefined && expected !== data.fingerprint) {
      throw new DriftwatchError({
        code: 'TRAINING_FAILED',
        message: `The training data of run ${context.run.id} changed since it was prepared (fingerprint ${data.fingerprint.slice(0, 12)}…, expected ${String(expected).slice(0, 12)}…); start a new run.`,
        details: { runId: context.run.id },
      });
    }
    context.data = data;
    return data;
  }

  async function loadTrained(context: RunContext): Promise<Classifier> {
    if (context.classifier !== undefined) return context.classifier;
    const artifact = context.run.artifacts.model as ModelArtifact | undefined;
    if (artifact === undefined) throw new DriftwatchError({ code: 'NOT_FOUND', message: `Run ${context.run.id} has no trained model to resume from.` });
    context.classifier = loadClassifier((await registry.artifactStore.load(artifact)) as ClassifierJson);
    return context.classifier;
  }

  function holdoutScores(classifier: Classifier, rows: readonly TabularRow[]): { auc: number | undefined; accuracy: number } {
    const positive = String(settings.training.positive);
    const actual = rows.map((row) => (String(row[settings.targetColumn]) === positive ? 1 : 0));
    const probabilities = classifier.predictProba(rows);
    const predicted = Array.from(probabilities, (probability) => (probability >= 0.5 ? 1 : 0));
    const positives = actual.reduce((sum: number, flag) => sum + flag, 0);
    return {
      auc: positives > 0 && positives < actual.length ? rocAuc(actual, probabilities) : undefined,
      accuracy: rows.length === 0 ? Number.NaN : accuracy(actual, predicted),
    };
  }

  const stepFunctions: Record<Exclude<RetrainingStepName, 'check-trigger'>, (context: RunContext) => Promise<StepOutcome>> = {
    async 'fetch-data'(context) {
      const toMillis = clock.now();
      const from = new Date(toMillis - settings.trainingWindowSeconds * 1000);
      const to = new Date(toMillis + 1);
      const labelled = await eventStore.readLabelledPredictions({ modelName, from, to });
      context.labelled = labelled;
      return { status: 'succeeded', output: { from: from.toISOString(), to: to.toISOString(), labelledCount: labelled.length }, metrics: { 'data.labelledCount': labelled.length } };
    },

    async 'prepare-features'(context) {
      const data = await loadData(context);
      const positive = String(settings.training.positive);
      const positives = data.trainingRows.filter((row) => String(row[settings.targetColumn]) === positive).length;
      const output = {
        fingerprint: data.fingerprint,
        trainingRowCount: data.trainingRows.length,
        holdoutRowCount: data.holdoutRows.length,
        failedRequestCount: data.failedCount,
        positiveShare: data.trainingRows.length === 0 ? 0 : positives / data.trainingRows.length,
        featureColumns: data.featureColumns,
      };
      const metrics = { 'data.trainingRowCount': data.trainingRows.length, 'data.holdoutRowCount': data.holdoutRows.length };
      if (data.trainingRows.length < settings.minimumTrainingRows) {
        return { status: 'succeeded', output: { ...output, reason: `${data.trainingRows.length} training rows, fewer than ${settings.minimumTrainingRows}` }, outcome: 'insufficient-data', metrics };
      }
      return { status: 'succeeded', output, metrics };
    },

    async train(context) {
      const data = await loadData(context);
      const options: TrainClassifierOptions = { ...settings.training, target: settings.targetColumn, worker: settings.worker };
      const started = performance.now();
      let classifier: Classifier;
      try {
        classifier = await settings.train(data.trainingRows, options);
      } catch (error) {
        throw DriftwatchError.isInstance(error)
          ? error
          : new DriftwatchError({ code: 'TRAINING_FAILED', message: `Training failed: ${error instanceof Error ? error.message : String(error)}`, cause: error });
      }
      const fitMillis = performance.now() - started;
      const artifact = await registry.artifactStore.save(classifierArtifact(classifier));
      context.classifier = classifier;
      context.run.artifacts.model = artifact;
      return {
        status: 'succeeded',
        output: { flavor: classifier.flavor, featureCount: classifier.featureNames.length, trainingRowCount: data.trainingRows.length, artifactSha256: artifact.sha256, worker: settings.worker },
        metrics: { 'train.fitMillis': fitMillis },
      };
    },

    async validate(context) {
      const data = await loadData(context);
      const classifier = await loadTrained(context);
      const candidate = holdoutScores(classifier, data.holdoutRows);
      const champion = await registry.readAlias(modelName, 'champion');
      let championAuc: number | undefined;
      let championNote: string | undefined;
      if (champion !== undefined) {
        const version = await registry.getModelVersion(modelName, champion.version);
        if (version?.artifact.flavor === classifierJsonFormat) {
          championAuc = holdoutScores(loadClassifier((await registry.artifactStore.load(version.artifact)) as ClassifierJson), data.holdoutRows).auc;
        } else {
          championNote = `champion version ${champion.version} is a ${version?.artifact.flavor ?? 'missing'} artifact; not compared`;
        }
      }
      const failures: string[] = [];
      if (candidate.auc === undefined) failures.push('the holdout lacks one of the classes, so AUC is undefined');
      else if (candidate.auc < settings.validation.minimumAuc) failures.push(`holdout AUC ${candidate.auc.toFixed(4)} is below ${settings.validation.minimumAuc}`);
      if (candidate.auc !== undefined && championAuc !== undefined && candidate.auc < championAuc - settings.validation.maximumAucDropFromChampion) {
        failures.push(`holdout AUC ${candidate.auc.toFixed(4)} trails the champion's ${championAuc.toFixed(4)} by more than ${settings.validation.maximumAucDropFromChampion}`);
      }
      const output = {
        passed: failures.length === 0,
        auc: candidate.auc,
        accuracy: candidate.accuracy,
        holdoutRowCount: data.holdoutRows.length,
        ...(champion === undefined ? {} : { championVersion: champion.version }),
        ...(championAuc === undefined ? {} : { championAuc }),
        ...(championNote === undefined ? {} : { championNote }),
        ...(failures.length === 0 ? {} : { reason: failures.join('; ') }),
      };
      const metrics: Record<string, number> = { 'holdout.accuracy': candidate.accuracy };
      if (candidate.auc !== undefined) metrics['holdout.auc'] = candidate.auc;
      if (championAuc !== undefined) metrics['holdout.championAuc'] = championAuc;
      return failures.length === 0 ? { status: 'succeeded', output, metrics } : { status: 'succeeded', output, outcome: 'rejected', metrics };
    },

    async 'register-challenger'(context) {
      const run = context.run;
      const existing = (await registry.listModelVersions(modelName)).find((version) => version.runId === run.id);
      const validation = stepOutput(context, 'validate');
      const prepared = stepOutput(context, 'prepare-features');
      const artifact = run.artifacts.model as ModelArtifact;
      const classifier = existing === undefined ? await loadTrained(context) : undefined;
      const version =
        existing ??
        (await store.createModelVersion({
          modelName,
          artifact,
          params: { ...settings.training, targetColumn: settings.targetColumn },
          metrics: Object.fromEntries(Object.entries({ auc: validation.auc, accuracy: validation.accuracy }).filter(([, value]) => typeof value === 'number')) as Record<string, number>,
          tags: { pipeline: settings.experiment, trigger: String(run.params.trigger) },
          trainingDataFingerprint: String(prepared.fingerprint),
          trainingRowCount: Number(prepared.trainingRowCount),
          featureSchema: { columnKinds: { ...classifier!.columnKinds }, target: settings.targetColumn, positive: settings.training.positive },
          description: `Retrained by ${settings.experiment} run ${run.id} (${String(run.params.reason)})`,
          runId: run.id,
          createdAt: new Date(clock.now()),
        }));
      const evidence = { runId: run.id, validation };
      const champion = await registry.readAlias(modelName, 'champion');
      if (champion === undefined) {
        await registry.setAlias({ modelName, alias: 'champion', version: version.version, expectedVersion: null, actor: settings.actor, reason: 'first model of the pipeline', evidence });
        return { status: 'succeeded', output: { version: version.version, alias: 'champion' }, outcome: 'bootstrapped' };
      }
      if (champion.version === version.version) return { status: 'succeeded', output: { version: version.version, alias: 'champion' }, outcome: 'bootstrapped' };
      const challenger = await registry.readAlias(modelName, 'challenger');
      if (challenger?.version !== version.version) {
        await registry.setAlias({
          modelName,
          alias: 'challenger',
          version: version.version,
          expectedVersion: challenger?.version ?? null,
          actor: settings.actor,
          reason: `passed validation (holdout AUC ${typeof validation.auc === 'number' ? validation.auc.toFixed(4) : 'n/a'})`,
          evidence,
        });
      }
      return { status: 'succeeded', output: { version: version.version, alias: 'challenger', championVersion: champion.version } };
    },

    async 'start-ab-test'() {
      const promotion = await controller.startTest({ modelName, mode: settings.abTestMode, challengerTrafficShare: settings.challengerTrafficShare });
      return { status: 'succeeded', output: { promotion } };
    },

    async 'promote-or-retire'(context) {
      const previous = (stepOutput(context, 'promote-or-retire').promotion ?? stepOutput(context, 'start-ab-test').promotion) as PromotionState;
      const step = await controller.evaluate(previous, { runId: context.run.id });
      const test = step.evidence?.test;
      const metrics: Record<string, number> = {};
      if (test !== undefined) {
        metrics['promotion.difference'] = test.difference;
        metrics['promotion.lowerBound'] = test.lower;
        metrics['promotion.upperBound'] = test.upper;
      }
      const output = { promotion: step.state, lastAction: step.action, reason: step.reason, ...(step.evidence === undefined ? {} : { evidence: step.evidence }) };
      if (step.state.phase !== 'done') return { status: 'waiting', output, metrics };
      return { status: 'succeeded', output, outcome: step.state.outcome ?? 'superseded', metrics };
    },
  };

  async function persist(context: RunContext): Promise<void> {
    context.run.artifacts.steps = context.steps;
    await store.writeRun(context.run);
  }

  async function execute(context: RunContext, resumed: boolean, isLeaseLost: () => boolean): Promise<RetrainingRunResult> {
    const { run, steps } = context;
    const result = (status: RetrainingRunResult['status'], reason: string, outcome?: RetrainingOutcome): RetrainingRunResult => ({
      status,
      reason,
      runId: run.id,
      resumed,
      ...(outcome === undefined ? {} : { outcome }),
      steps: structuredClone(steps),
    });
    for (const step of steps) {
      if (step.status === 'succeeded' || step.status === 'skipped' || step.name === 'check-trigger') continue;
      if (run.tags.outcome !== undefined) {
        step.status = 'skipped';
        continue;
      }
      if (isLeaseLost()) return result('skipped', 'the lease was lost to another process, which will resume this run');
      step.status = 'running';
      step.startedAt = nowIso();
      step.attempts++;
      await persist(context);
      const started = performance.now();
      let outcome: StepOutcome;
      try {
        outcome = await stepFunctions[step.name as Exclude<RetrainingStepName, 'check-trigger'>](context);
      } catch (error) {
        const wrapped = report(error);
        step.status = 'failed';
        step.error = wrapped.message;
        step.durationMillis = performance.now() - started;
        step.endedAt = nowIso();
        run.status = 'failed';
        run.error = `${step.name}: ${wrapped.message}`;
        run.endedAt = new Date(clock.now());
        await persist(context).catch(report);
        return result('failed', run.error);
      }
      step.durationMillis = performance.now() - started;
      step.endedAt = nowIso();
      step.status = outcome.status;
      step.output = outcome.output;
      const metrics = { ...outcome.metrics, [`step.${step.name}.durationMillis`]: step.durationMillis };
      Object.assign(run.metrics, metrics);
      const at = new Date(clock.now());
      await store.writeRunMetrics(Object.entries(metrics).map(([key, value]) => ({ runId: run.id, key, value, step: step.attempts - 1, at })));
      if (outcome.outcome !== undefined) run.tags.outcome = outcome.outcome;
      if (outcome.status === 'waiting') {
        await persist(context);
        return result('waiting', String(outcome.output.reason ?? 'waiting'));
      }
      await persist(context);
    }
    run.status = 'succeeded';
    run.endedAt = new Date(clock.now());
    run.tags.outcome ??= 'promoted';
    await persist(context);
    const last = [...steps].reverse().find((step) => step.status === 'succeeded');
    return result('completed', String(last?.output?.reason ?? run.tags.outcome), run.tags.outcome as RetrainingOutcome);
  }

  async function runOnce(request: { trigger?: RetrainingTrigger; reason?: string }): Promise<RetrainingRunResult> {
    if (!(await acquireLease())) {
      return { status: 'skipped', reason: `another process holds the ${leaseName} lease`, resumed: false, steps: [] };
    }
    let leaseLost = false;
    const renewal: TimerHandle = clock.setInterval(() => {
      acquireLease().then(
        (held) => {
          if (!held && !leaseLost) {
            leaseLost = true;
            report(new DriftwatchError({ code: 'CONFLICT', message: `Lost the ${leaseName} lease; stopping after the current step.`, details: { leaseName } }));
          }
        },
        (error: unknown) => report(error),
      );
    }, (settings.leaseSeconds * 1000) / 3);
    try {
      const [unfinished] = await store.listRuns(settings.experiment, { status: 'running', limit: 1 });
      if (unfinished !== undefined) {
        const steps = (unfinished.artifacts.steps as RetrainingStepRecord[] | undefined) ?? freshSteps();
        return await execute({ run: unfinished, steps }, true, () => leaseLost);
      }
      const trigger = request.trigger ?? 'check';
      const started = performance.now();
      const startedAt = nowIso();
      const check = await checkTrigger(trigger, request.reason);
      if (!check.needed) return { status: 'not-needed', reason: String(check.output.reason), resumed: false, steps: [] };
      const steps = freshSteps();
      steps[0] = { name: 'check-trigger', status: 'succeeded', startedAt, endedAt: nowIso(), durationMillis: performance.now() - started, attempts: 1, output: check.output };
      const run: RunRecord = {
        id: randomUUID(),
        experiment: settings.experiment,
        status: 'running',
        params: {
          modelName,
          trigger,
          reason: check.output.reason,
          training: settings.training,
          worker: settings.worker,
          trainingWindowSeconds: settings.trainingWindowSeconds,
          holdoutFraction: settings.holdoutFraction,
          abTestMode: settings.abTestMode,
          challengerTrafficShare: settings.challengerTrafficShare,
        },
        metrics: { 'step.check-trigger.durationMillis': steps[0].durationMillis! },
        artifacts: { steps },
        tags: { modelName, trigger },
        startedAt: new Date(clock.now()),
      };
      await store.writeRun(run);
      return await execute({ run, steps }, false, () => leaseLost);
    } catch (error) {
      const wrapped = report(error);
      return { status: 'failed', reason: wrapped.message, resumed: false, steps: [] };
    } finally {
      renewal.cancel();
      await store.releaseLease(leaseName, settings.instanceId).catch(report);
    }
  }

  return Object.freeze<RetrainingPipeline>({
    modelName,
    experiment: settings.experiment,
    controller,

    async run(request = {}) {
      if (closed) throw new DriftwatchError({ code: 'SHUTDOWN', message: `The ${modelName} retraining pipeline is shut down.` });
      if (inFlight !== undefined) return { status: 'skipped', reason: 'a run of this pipeline is already in progress in this process', resumed: false, steps: [] };
      inFlight = runOnce(request);
      try {
        return await inFlight;
      } finally {
        inFlight = undefined;
      }
    },

    async shutdown() {
      closed = true;
      await inFlight?.catch(() => undefined);
    },
  });
}

function freshSteps(): RetrainingStepRecord[] {
  return retrainingStepNames.map((name) => ({ name, status: 'pending', attempts: 0 }));
}

/** The check kind inside a dedupe key such as `churn/feature-drift/tenure` or `churn[eu]/latency/p95`. */
function alertKind(dedupeKey: string): string {
  const rest = dedupeKey.slice(dedupeKey.indexOf('/') + 1);
  const slash = rest.indexOf('/');
  return slash < 0 ? rest : rest.slice(0, slash);
}

interface ResolvedRetrainingPipelineConfig {
  modelName: string;
  registry: ModelRegistry;
  eventStore: EventStore;
  training: RetrainingTrainingOptions;
  worker: boolean;
  train: (rows: readonly TabularRow[], options: TrainClassifierOptions) => Promise<Classifier>;
  trainingWindowSeconds: number;
  minimumTrainingRows: number;
  holdoutFraction: number;
  targetColumn: string;
  features: readonly string[] | undefined;
  validation: Required<RetrainingValidation>;
  abTestMode: 'split' | 'shadow';
  challengerTrafficShare: number;
  promotion: PromotionPolicy | PromotionPolicyConfig | undefined;
  alertKinds: ReadonlySet<CheckKind>;
  leaseSeconds: number;
  experiment: string;
  actor: string;
  instanceId: string;
  clock: Clock;
  onError: (error: DriftwatchError) => void;
}

function warn(error: DriftwatchError): void {
  console.warn(`[driftwatch] retraining: ${error.message}`);
}

function resolveConfig(config: RetrainingPipelineConfig): Readonly<ResolvedRetrainingPipelineConfig> {
  const problems: string[] = [];
  if (typeof config?.modelName !== 'string' || config.modelName === '') problems.push('modelName must be a non-empty string');
  if (typeof config?.registry?.setAlias !== 'function') problems.push('registry must be a ModelRegistry (createModelRegistry)');
  if (typeof config?.eventStore?.readLabelledPredictions !== 'function') problems.push('eventStore must be an EventStore');
  const positive = config?.training?.positive;
  if (!['string', 'number', 'boolean'].includes(typeof positive)) problems.push('training.positive (the positive outcome label) is required');
  const number = (value: number | undefined, fallback: number, name: string, valid: (value: number) => boolean): number => {
    const resolved = value ?? fallback;
    if (!valid(resolved)) problems.push(`${name} is invalid: ${value}`);
    return resolved;
  };
  const targetColumn = config?.targetColumn ?? '__outcome';
  const alertKinds = config?.alertKinds ?? ['feature-drift', 'prediction-drift', 'performance'];
  for (const kind of alertKinds) if (!(checkKinds as readonly string[]).includes(kind)) problems.push(`unknown alert kind ${kind}`);
  const resolved = {
    modelName: config?.modelName,
    registry: config?.registry,
    eventStore: config?.eventStore,
    training: config?.training,
    worker: config?.worker ?? true,
    train: config?.train ?? trainClassifier,
    trainingWindowSeconds: number(config?.trainingWindowSeconds, 30 * 86_400, 'trainingWindowSeconds', (value) => value > 0 && Number.isFinite(value)),
    minimumTrainingRows: number(config?.minimumTrainingRows, 500, 'minimumTrainingRows', (value) => Number.isInteger(value) && value >= 2),
    holdoutFraction: number(config?.holdoutFraction, 0.2, 'holdoutFraction', (value) => value > 0 && value < 1),
    targetColumn,
    features: config?.features,
    validation: Object.freeze({
      minimumAuc: number(config?.validation?.minimumAuc, 0.6, 'validation.minimumAuc', (value) => value >= 0 && value <= 1),
      maximumAucDropFromChampion: number(config?.validation?.maximumAucDropFromChampion, 0.01, 'validation.maximumAucDropFromChampion', (value) => value >= 0),
    }),
    abTestMode: config?.abTestMode ?? 'split',
    challengerTrafficShare: number(config?.challengerTrafficShare, 0.1, 'challengerTrafficShare', (value) => value > 0 && value < 1),
    promotion: config?.promotion,
    alertKinds: new Set(alertKinds),
    leaseSeconds: number(config?.leaseSeconds, 600, 'leaseSeconds', (value) => value > 0 && Number.isFinite(value)),
    experiment: config?.experiment ?? `retraining:${config?.modelName}`,
    actor: config?.actor ?? 'retraining-pipeline',
    instanceId: config?.instanceId ?? randomUUID(),
    clock: config?.clock ?? systemClock,
    onError: config?.onError ?? warn,
  };
  if (resolved.abTestMode !== 'split' && resolved.abTestMode !== 'shadow') problems.push(`abTestMode must be 'split' or 'shadow'`);
  if (config?.features?.includes(targetColumn)) problems.push(`targetColumn ${targetColumn} is also a feature`);
  if (problems.length > 0) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `Invalid retraining pipeline config: ${problems.join('; ')}.`, details: { problems } });
  }
  return Object.freeze(resolved);
}
