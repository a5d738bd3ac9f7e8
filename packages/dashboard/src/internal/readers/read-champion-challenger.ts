import type { CheckResultRecord, ModelVersionRecord } from '@driftwatch/core';
import { detailNumber } from '../detail-number.js';
import { latestBySubject } from '../latest-by-subject.js';
import { rollbackTarget } from '../rollback-target.js';
import { selectMonitorScope } from '../select-monitor-scope.js';
import { toRetrainingRunView, type PromotionView } from '../to-retraining-run-view.js';
import { toTimeSeries, type TimeSeries } from '../to-time-series.js';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** One arm (champion or challenger) of the comparison. */
export interface ArmView {
  alias: 'champion' | 'challenger';
  version: number;
  createdAt: string | null;
  description: string | null;
  /** Validation metrics recorded with the version. */
  validationMetrics: Record<string, number>;
  /** The newest production value of each performance metric, from check results of this version. */
  production: Record<string, { value: number; labelledCount: number | null; checkedAt: string }>;
  /** Accuracy and AUC of this version over time. */
  overTime: TimeSeries;
}

/** What the champion vs challenger page shows (`GET api/champion`). */
export interface ChampionChallengerData {
  model: string;
  generatedAt: string;
  /** False without a registry. */
  available: boolean;
  arms: ArmView[];
  routing: {
    shares: Array<{ alias: string; share: number }>;
    shadowAlias: string | null;
    killSwitch: boolean;
    updatedAt: string;
  } | null;
  promotion: (PromotionView & { runId: string; runStatus: string }) | null;
  aliasHistory: Array<{ alias: string; fromVersion: number | null; toVersion: number | null; actor: string; reason: string; at: string; rollback: boolean }>;
  rollback: { available: boolean; fromVersion: number | null; toVersion: number | null; reason: string | null };
}

const maxHistory = 50;

function armOf(
  alias: ArmView['alias'],
  version: number,
  record: ModelVersionRecord | undefined,
  results: readonly CheckResultRecord[],
  maxPoints: number,
): ArmView {
  const scoped = selectMonitorScope(results);
  const production: ArmView['production'] = {};
  for (const [subject, result] of latestBySubject(scoped)) {
    production[subject] = { value: result.value, labelledCount: detailNumber(result.details, 'n'), checkedAt: result.checkedAt.toISOString() };
  }
  return {
    alias,
    version,
    createdAt: record?.createdAt.toISOString() ?? null,
    description: record?.description ?? null,
    validationMetrics: { ...(record?.metrics ?? {}) },
    production,
    overTime: toTimeSeries(scoped, { maxPoints, subjects: ['accuracy', 'auc'] }),
  };
}

/**
 * Reads the champion vs challenger page from the registry (aliases, their versions, routing,
 * alias history, the newest retraining run's promotion state) and the event store (performance
 * check results of each version: run a Monitor per version, `modelVersion: '3'`, to fill them).
 *
 * @example
 * ```ts
 * import { readChampionChallenger } from './read-champion-challenger.js';
 * // const data = await readChampionChallenger({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readChampionChallenger(context: ReaderContext): Promise<ChampionChallengerData> {
  const { store, registry, maxChartPoints } = context.config;
  const { modelName, nowMillis } = context;
  const base = { model: modelName, generatedAt: new Date(nowMillis).toISOString() };
  if (registry === undefined) {
    return { ...base, available: false, arms: [], routing: null, promotion: null, aliasHistory: [], rollback: { available: false, fromVersion: null, toVersion: null, reason: 'No registry is configured.' } };
  }
  const { from, to } = timeRangeOf(context.rangeSeconds, nowMillis);
  const [aliases, routing, history, runs] = await Promise.all([
    registry.listAliases(modelName),
    registry.readRoutingConfig(modelName),
    registry.readAliasHistory(modelName),
    registry.listRuns(context.config.retrainingExperiment(modelName), { limit: 1 }),
  ]);
  const arms = await Promise.all(
    (['champion', 'challenger'] as const).flatMap((alias) => {
      const version = aliases.find((record) => record.alias === alias)?.version;
      if (version === undefined) return [];
      return [
        Promise.all([
          registry.readModelVersion(modelName, version),
          store.readCheckResults({ modelName, modelVersion: String(version), from, to, kind: 'performance' }),
        ]).then(([record, results]) => armOf(alias, version, record, results, maxChartPoints)),
      ];
    }),
  );
  let routingView: ChampionChallengerData['routing'] = null;
  if (routing !== undefined) {
    const entries = Object.entries(routing.weights).filter(([, weight]) => weight > 0);
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    routingView = {
      shares: routing.killSwitch ? [{ alias: 'champion', share: 1 }] : entries.map(([alias, weight]) => ({ alias, share: total > 0 ? weight / total : 0 })),
      shadowAlias: routing.shadowAlias ?? null,
      killSwitch: routing.killSwitch,
      updatedAt: routing.updatedAt.toISOString(),
    };
  }
  const run = runs[0];
  const runView = run === undefined ? undefined : toRetrainingRunView(run);
  const target = rollbackTarget(history.filter((entry) => entry.alias === 'champion'));
  const rollback: ChampionChallengerData['rollback'] =
    !target.found
      ? { available: false, fromVersion: null, toVersion: null, reason: 'The champion has no earlier version to roll back to.' }
      : target.version === undefined
        ? { available: false, fromVersion: target.current ?? null, toVersion: null, reason: 'The champion alias did not exist before its current version.' }
        : { available: true, fromVersion: target.current ?? null, toVersion: target.version, reason: null };
  return {
    ...base,
    available: true,
    arms,
    routing: routingView,
    promotion: runView?.promotion == null ? null : { ...runView.promotion, runId: runView.id, runStatus: runView.status },
    aliasHistory: history
      .slice(-maxHistory)
      .reverse()
      .map((entry) => ({
        alias: entry.alias,
        fromVersion: entry.fromVersion ?? null,
        toVersion: entry.toVersion ?? null,
        actor: entry.actor,
        reason: entry.reason,
        at: entry.at.toISOString(),
        rollback: entry.evidence?.rollback === true,
      })),
    rollback,
  };
}
