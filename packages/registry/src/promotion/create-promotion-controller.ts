import { DriftwatchError, systemClock, type Clock, type EventStore } from '@driftwatch/core';
import type { ModelRegistry } from '../registry/create-model-registry.js';
import type { ArmSummary } from './arm-summary.js';
import { createPromotionPolicy, type PromotionEvidence, type PromotionPolicy, type PromotionPolicyConfig, type PromotionTestState } from './create-promotion-policy.js';
import { summarizeArm } from './summarize-arm.js';

/**
 * Config for {@link createPromotionController}.
 *
 * @example
 * ```ts
 * import type { PromotionControllerConfig } from '@driftwatch/registry';
 * const config: PromotionControllerConfig = { registry, eventStore, positiveLabel: 'Yes', policy: { holdSeconds: 86_400 } };
 * ```
 */
export interface PromotionControllerConfig {
  registry: ModelRegistry;
  /** Where the outcomes and window profiles of both arms are read. */
  eventStore: EventStore;
  /** The policy, or a config to create one with. @default createPromotionPolicy() */
  policy?: PromotionPolicy | PromotionPolicyConfig;
  /** @default systemClock */
  clock?: Clock;
  /** Recorded as the actor of every alias move. @default 'promotion-policy' */
  actor?: string;
  /** The positive class, for AUC and score-only predictions (see `summarizeArm`). @default undefined */
  positiveLabel?: string | number | boolean;
  /** @default 0.5 */
  scoreThreshold?: number;
  /** The challenger's share of traffic in a split test. @default 0.1 */
  challengerTrafficShare?: number;
}

/**
 * Where an A/B test stands, carried from one evaluation to the next (plain JSON: the retraining
 * pipeline stores it in its run, a scheduled job may store it anywhere).
 *
 * @example
 * ```ts
 * import type { PromotionState } from '@driftwatch/registry';
 * const done = (state: PromotionState) => state.phase === 'done';
 * ```
 */
export interface PromotionState {
  phase: 'testing' | 'probation' | 'done';
  modelName: string;
  championVersion: number;
  challengerVersion: number;
  mode: 'split' | 'shadow';
  testStartedAtMillis: number;
  test: PromotionTestState;
  evaluationCount: number;
  promotedAtMillis?: number;
  /** The replaced champion's figures during the test, the yardstick of probation. */
  previousChampion?: ArmSummary;
  outcome?: 'promoted' | 'retired' | 'rolled-back' | 'superseded';
  reason?: string;
}

/**
 * Starts an A/B test.
 *
 * @example
 * ```ts
 * import type { StartTestRequest } from '@driftwatch/registry';
 * const request: StartTestRequest = { modelName: 'churn', mode: 'shadow' };
 * ```
 */
export interface StartTestRequest {
  modelName: string;
  /** `split` sends `challengerTrafficShare` of the traffic to the challenger; `shadow` scores it in the background only. @default 'split' */
  mode?: 'split' | 'shadow';
  /** @default the controller's `challengerTrafficShare` */
  challengerTrafficShare?: number;
}

/**
 * The result of one evaluation.
 *
 * @example
 * ```ts
 * import type { PromotionStep } from '@driftwatch/registry';
 * const log = (step: PromotionStep) => console.log(step.action, step.reason);
 * ```
 */
export interface PromotionStep {
  state: PromotionState;
  action: 'continue' | 'promote' | 'retire' | 'rollback' | 'confirm' | 'superseded';
  reason: string;
  evidence?: PromotionEvidence;
}

/**
 * Runs champion/challenger tests against the stores: `startTest` writes the routing split,
 * `evaluate` summarizes both arms from the event store, asks the {@link PromotionPolicy}, and
 * acts: it promotes the challenger to `champion` by compare-and-set (evidence in the alias
 * history), retires it, watches the new champion on probation and rolls it back on a breach.
 * A move that loses a race (someone else moved the alias) ends the test as `superseded`.
 *
 * @example
 * ```ts
 * import { createPromotionController, type PromotionController } from '@driftwatch/registry';
 * const controller: PromotionController = createPromotionController({ registry, eventStore, positiveLabel: 'Yes' });
 * let state = await controller.startTest({ modelName: 'churn' });
 * // later, every hour:
 * ({ state } = await controller.evaluate(state));
 * ```
 */
export interface PromotionController {
  readonly policy: PromotionPolicy;
  /** Routes traffic to the `challenger` alias and returns the test's initial state. `NOT_FOUND` without both aliases. */
  startTest(request: StartTestRequest): Promise<PromotionState>;
  /** Evaluates the test once and acts on the decision; a `done` state is returned unchanged. */
  evaluate(state: PromotionState, context?: Record<string, unknown>): Promise<PromotionStep>;
}

/**
 * Creates a {@link PromotionController}. Throws `VALIDATION_FAILED` for an invalid config.
 *
 * @example
 * ```ts
 * import { createPromotionController } from '@driftwatch/registry';
 * const controller = createPromotionController({ registry, eventStore, positiveLabel: 'Yes', challengerTrafficShare: 0.2 });
 * ```
 */
export function createPromotionController(config: PromotionControllerConfig): PromotionController {
  const settings = resolveConfig(config);
  const { registry, eventStore, clock, policy } = settings;

  async function summarize(state: PromotionState, modelVersion: number, fromMillis: number): Promise<ArmSummary> {
    return summarizeArm({
      eventStore,
      modelName: state.modelName,
      modelVersion: String(modelVersion),
      from: new Date(fromMillis),
      to: new Date(clock.now() + 1),
      ...(settings.positiveLabel === undefined ? {} : { positiveLabel: settings.positiveLabel }),
      scoreThreshold: settings.scoreThreshold,
    });
  }

  async function aliasVersion(modelName: string, alias: string): Promise<number | undefined> {
    return (await registry.readAlias(modelName, alias))?.version;
  }

  function finish(state: PromotionState, outcome: NonNullable<PromotionState['outcome']>, reason: string): PromotionState {
    return { ...state, phase: 'done', outcome, reason };
  }

  async function superseded(state: PromotionState, reason: string): Promise<PromotionStep> {
    return { state: finish(state, 'superseded', reason), action: 'superseded', reason };
  }

  async function routeAllToChampion(modelName: string): Promise<void> {
    await registry.updateRouting(modelName, { weights: { champion: 1 }, shadowAlias: null });
  }

  /** Runs a compare-and-set move; a lost race ends the test as superseded instead of throwing. */
  async function tryMove(move: () => Promise<unknown>): Promise<boolean> {
    try {
      await move();
      return true;
    } catch (error) {
      if (DriftwatchError.isInstance(error) && error.code === 'CONFLICT') return false;
      throw error;
    }
  }

  async function evaluateTest(state: PromotionState, context: Record<string, unknown>): Promise<PromotionStep> {
    const [champion, challenger] = await Promise.all([aliasVersion(state.modelName, 'champion'), aliasVersion(state.modelName, 'challenger')]);
    if (champion !== state.championVersion || challenger !== state.challengerVersion) {
      return superseded(state, `aliases moved during the test (champion ${champion ?? 'none'}, challenger ${challenger ?? 'none'})`);
    }
    const nowMillis = clock.now();
    const [championSummary, challengerSummary] = await Promise.all([
      summarize(state, state.championVersion, state.testStartedAtMillis),
      summarize(state, state.challengerVersion, state.testStartedAtMillis),
    ]);
    const evaluation = policy.evaluateTest(
      { champion: championSummary, challenger: challengerSummary, nowMillis, testStartedAtMillis: state.testStartedAtMillis },
      state.test,
    );
    const next: PromotionState = { ...state, test: evaluation.state, evaluationCount: state.evaluationCount + 1 };
    const evidence = { ...context, ...evaluation.evidence, reason: evaluation.reason };
    if (evaluation.action === 'continue') return { state: next, action: 'continue', reason: evaluation.reason, evidence: evaluation.evidence };

    const moveOptions = { actor: settings.actor, reason: evaluation.reason, evidence };
    if (evaluation.action === 'promote') {
      const promoted = await tryMove(() =>
        registry.setAlias({ modelName: state.modelName, alias: 'champion', version: state.challengerVersion, expectedVersion: state.championVersion, ...moveOptions }),
      );
      if (!promoted) return superseded(next, 'champion moved before the promotion');
      await tryMove(() => registry.removeAlias({ modelName: state.modelName, alias: 'challenger', expectedVersion: state.challengerVersion, ...moveOptions, reason: `promoted to champion: ${evaluation.reason}` }));
      await routeAllToChampion(state.modelName);
      const promotedState: PromotionState = { ...next, promotedAtMillis: nowMillis, previousChampion: championSummary, reason: evaluation.reason };
      if (policy.config.probationSeconds === 0) return { state: finish(promotedState, 'promoted', evaluation.reason), action: 'promote', reason: evaluation.reason, evidence: evaluation.evidence };
      return { state: { ...promotedState, phase: 'probation' }, action: 'promote', reason: evaluation.reason, evidence: evaluation.evidence };
    }

    const retired = await tryMove(() =>
      registry.removeAlias({ modelName: state.modelName, alias: 'challenger', expectedVersion: state.challengerVersion, ...moveOptions, reason: `retired: ${evaluation.reason}` }),
    );
    if (!retired) return superseded(next, 'challenger moved before it could be retired');
    await routeAllToChampion(state.modelName);
    return { state: finish(next, 'retired', evaluation.reason), action: 'retire', reason: evaluation.reason, evidence: evaluation.evidence };
  }

  async function evaluateProbation(state: PromotionState, context: Record<string, unknown>): Promise<PromotionStep> {
    const champion = await aliasVersion(state.modelName, 'champion');
    if (champion !== state.challengerVersion) return superseded(state, `champion moved during probation (now ${champion ?? 'none'})`);
    const nowMillis = clock.now();
    const promotedAtMillis = state.promotedAtMillis ?? nowMillis;
    const current = await summarize(state, state.challengerVersion, promotedAtMillis);
    const previousChampion = state.previousChampion ?? { modelVersion: String(state.championVersion), labelledCount: 0, correctCount: 0 };
    const evaluation = policy.evaluateProbation({ previousChampion, champion: current, nowMillis, promotedAtMillis });
    const next: PromotionState = { ...state, evaluationCount: state.evaluationCount + 1 };
    if (evaluation.action === 'continue') return { state: next, action: 'continue', reason: evaluation.reason, evidence: evaluation.evidence };
    if (evaluation.action === 'confirm') return { state: finish(next, 'promoted', evaluation.reason), action: 'confirm', reason: evaluation.reason, evidence: evaluation.evidence };
    const rolledBack = await tryMove(() =>
      registry.rollback(state.modelName, 'champion', { actor: settings.actor, reason: `automatic rollback: ${evaluation.reason}`, evidence: { ...context, ...evaluation.evidence } }),
    );
    if (!rolledBack) return superseded(next, 'champion moved before the rollback');
    return { state: finish(next, 'rolled-back', evaluation.reason), action: 'rollback', reason: evaluation.reason, evidence: evaluation.evidence };
  }

  return Object.freeze<PromotionController>({
    policy,

    async startTest(request: StartTestRequest) {
      const [champion, challenger] = await Promise.all([aliasVersion(request.modelName, 'champion'), aliasVersion(request.modelName, 'challenger')]);
      if (champion === undefined || challenger === undefined) {
        throw new DriftwatchError({
          code: 'NOT_FOUND',
          message: `An A/B test of ${request.modelName} needs a champion and a challenger alias (champion ${champion ?? 'none'}, challenger ${challenger ?? 'none'}).`,
          details: { modelName: request.modelName, champion, challenger },
        });
      }
      const mode = request.mode ?? 'split';
      const share = request.challengerTrafficShare ?? settings.challengerTrafficShare;
      checkShare(share);
      // A salt per test, so that the same customers are not the guinea pigs of every test.
      const salt = `${request.modelName}:${challenger}`;
      if (mode === 'shadow') {
        await registry.updateRouting(request.modelName, { weights: { champion: 1 }, shadowAlias: 'challenger', killSwitch: false, salt });
      } else {
        await registry.updateRouting(request.modelName, { weights: { champion: 1 - share, challenger: share }, shadowAlias: null, killSwitch: false, salt });
      }
      return {
        phase: 'testing',
        modelName: request.modelName,
        championVersion: champion,
        challengerVersion: challenger,
        mode,
        testStartedAtMillis: clock.now(),
        test: policy.initialState(),
        evaluationCount: 0,
      };
    },

    async evaluate(state, context = {}) {
      if (state.phase === 'done') return { state, action: 'continue', reason: state.reason ?? 'test is over' };
      return state.phase === 'testing' ? evaluateTest(state, context) : evaluateProbation(state, context);
    },
  });
}

interface ResolvedPromotionControllerConfig {
  registry: ModelRegistry;
  eventStore: EventStore;
  policy: PromotionPolicy;
  clock: Clock;
  actor: string;
  positiveLabel: string | number | boolean | undefined;
  scoreThreshold: number;
  challengerTrafficShare: number;
}

function resolveConfig(config: PromotionControllerConfig): Readonly<ResolvedPromotionControllerConfig> {
  if (typeof config?.registry?.setAlias !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'createPromotionController needs config.registry (createModelRegistry).' });
  }
  if (typeof config.eventStore?.readLabelledPredictions !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'createPromotionController needs config.eventStore, an EventStore.' });
  }
  const policy = isPolicy(config.policy) ? config.policy : createPromotionPolicy(config.policy ?? {});
  const challengerTrafficShare = config.challengerTrafficShare ?? 0.1;
  checkShare(challengerTrafficShare, 'VALIDATION_FAILED');
  return Object.freeze<ResolvedPromotionControllerConfig>({
    registry: config.registry,
    eventStore: config.eventStore,
    policy,
    clock: config.clock ?? systemClock,
    actor: config.actor ?? 'promotion-policy',
    positiveLabel: config.positiveLabel,
    scoreThreshold: config.scoreThreshold ?? 0.5,
    challengerTrafficShare,
  });
}

function isPolicy(value: PromotionPolicy | PromotionPolicyConfig | undefined): value is PromotionPolicy {
  return typeof (value as PromotionPolicy | undefined)?.evaluateTest === 'function';
}

function checkShare(share: number, code: 'INVALID_ARGUMENT' | 'VALIDATION_FAILED' = 'INVALID_ARGUMENT'): void {
  if (!(share > 0 && share < 1)) {
    throw new DriftwatchError({ code, message: `challengerTrafficShare must be in (0, 1), got ${share}.`, details: { challengerTrafficShare: share } });
  }
}
