import {
  createAlertPolicy,
  createBaseline,
  createMonitor,
  createPredictionLogger,
  type BaselineRecord,
  type EventStore,
  type OutcomeRecord,
  type RegistryStore,
  type RunRecord,
} from '@driftwatch/core';
import { createFakeClock } from '@driftwatch/core/testing';

/** What {@link seedDashboardData} wrote, for assertions. */
export interface SeededData {
  modelName: string;
  baseline: BaselineRecord;
  predictionCount: number;
  outcomeCount: number;
  /** Champion and challenger versions in the registry. */
  championVersion: number;
  challengerVersion: number;
  previousChampionVersion: number;
}

const contracts = ['Month-to-month', 'One year', 'Two year'] as const;
const payments = ['Electronic check', 'Mailed check', 'Bank transfer', 'Credit card'] as const;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, values: readonly T[], weights: readonly number[]): T {
  let roll = random() * weights.reduce((sum, weight) => sum + weight, 0);
  for (let index = 0; index < values.length; index++) {
    roll -= weights[index]!;
    if (roll <= 0) return values[index]!;
  }
  return values[values.length - 1]!;
}

/** A churn-like customer; `shift` in [0, 1] moves tenure down and contracts towards month-to-month. */
function customer(random: () => number, shift: number) {
  const tenure = Math.max(0, Math.min(72, Math.round(random() * 72 * (1 - 0.6 * shift))));
  const monthlyCharges = Math.round((20 + random() * 100 + shift * 15) * 100) / 100;
  const contract = pick(random, contracts, [0.5 + shift * 0.4, 0.25, 0.25 - shift * 0.2]);
  const paymentMethod = pick(random, payments, [0.35, 0.2, 0.2, 0.25]);
  const logit = -1.2 + (contract === 'Month-to-month' ? 1.4 : 0) - tenure / 30 + (monthlyCharges - 70) / 60;
  const score = 1 / (1 + Math.exp(-logit));
  return { features: { tenure, MonthlyCharges: monthlyCharges, Contract: contract, PaymentMethod: paymentMethod }, score };
}

function retrainingSteps(startedMillis: number) {
  const names = ['check-trigger', 'fetch-data', 'prepare-features', 'train', 'validate', 'register-challenger', 'start-ab-test', 'promote-or-retire'];
  return names.map((name, index) => ({
    name,
    status: name === 'promote-or-retire' ? 'waiting' : 'succeeded',
    startedAt: new Date(startedMillis + index * 1000).toISOString(),
    endedAt: new Date(startedMillis + index * 1000 + 800).toISOString(),
    durationMillis: 800 - index * 10,
    attempts: 1,
    output:
      name === 'start-ab-test' || name === 'promote-or-retire'
        ? { promotion: { phase: 'testing', modelName: 'churn', championVersion: 2, challengerVersion: 3, mode: 'split', evaluationCount: 4 }, reason: 'the confidence interval still straddles zero' }
        : { rows: 5000 },
  }));
}

/**
 * Writes a realistic few hours of a churn model into real (in-memory or SQLite) stores, the way
 * a service would: predictions and minute profiles through the real prediction logger, outcomes
 * for most of them, real Monitor check runs (all six kinds, plus performance per version) with
 * their alerts, and a registry with three versions, a champion that was promoted once, a
 * challenger in an A/B test, routing, and a retraining run waiting on it.
 */
export async function seedDashboardData(options: {
  store: EventStore;
  registry: RegistryStore;
  nowMillis: number;
  hours?: number;
  predictionsPerMinute?: number;
  checkEveryMinutes?: number;
}): Promise<SeededData> {
  const { store, registry, nowMillis } = options;
  const hours = options.hours ?? 4;
  const perMinute = options.predictionsPerMinute ?? 30;
  const checkEveryMinutes = options.checkEveryMinutes ?? 10;
  const modelName = 'churn';
  const random = seeded(42);
  const startMillis = Math.floor((nowMillis - hours * 3_600_000) / 60_000) * 60_000;
  const clock = createFakeClock({ startMillis });

  const reference = Array.from({ length: 3000 }, () => customer(random, 0));
  const baseline = createBaseline({
    modelName,
    version: '2',
    data: reference.map((row) => row.features),
    predictions: reference.map((row) => ({ score: row.score, label: row.score > 0.5 ? 'Yes' : 'No' })),
    features: {
      tenure: { kind: 'numeric', range: [0, 72] },
      MonthlyCharges: { kind: 'numeric', range: [0, 200] },
      Contract: { kind: 'categorical', categories: [...contracts] },
      PaymentMethod: { kind: 'categorical' },
    },
    metrics: { accuracy: 0.78, precision: 0.62, recall: 0.55, f1: 0.58, auc: 0.82 },
    clock,
  });
  await store.writeBaseline(baseline);

  const logger = createPredictionLogger({ store, baseline, clock, retentionDays: false, maxQueueSize: 50_000, onError: () => {} });
  const outcomes: OutcomeRecord[] = [];
  let predictionCount = 0;
  const minutes = hours * 60;
  for (let minute = 0; minute < minutes; minute++) {
    const shift = Math.max(0, (minute - minutes / 2) / (minutes / 2));
    for (let index = 0; index < perMinute; index++) {
      const timestamp = new Date(startMillis + minute * 60_000 + Math.floor((index / perMinute) * 60_000));
      const { features, score } = customer(random, shift);
      const version = random() < 0.1 ? '3' : '2';
      const failed = random() < 0.01 + shift * 0.03;
      const latencyMillis = Math.exp(2.6 + random() * 0.8 + shift * 0.6);
      const label = score > 0.5 ? 'Yes' : 'No';
      const id = logger.log({
        modelName,
        modelVersion: version,
        timestamp,
        features: failed && random() < 0.5 ? { ...features, tenure: null } : features,
        prediction: failed ? {} : { score, label },
        latencyMillis,
        ...(failed ? { status: 'error' as const, errorMessage: 'model timed out' } : {}),
      });
      predictionCount++;
      if (!failed && random() < 0.6) {
        const churned = random() < Math.min(0.95, score * (1 + shift * 0.5));
        outcomes.push({ predictionId: id, label: churned ? 'Yes' : 'No', timestamp: new Date(timestamp.getTime() + 1000) });
      }
    }
    if (minute % 60 === 59) await logger.forceFlush();
  }
  await logger.shutdown();
  for (let start = 0; start < outcomes.length; start += 1000) await store.writeOutcomes(outcomes.slice(start, start + 1000));

  const policy = createAlertPolicy({ latencyMillis: { p95: { warning: 60, critical: 120 } } });
  const monitor = createMonitor({ store, baseline, alerts: policy, positiveLabel: 'Yes', clock, onError: () => {} });
  const perVersion = ['2', '3'].map((modelVersion) =>
    createMonitor({ store, baseline, modelVersion, checks: ['performance'], positiveLabel: 'Yes', clock, onError: () => {} }),
  );
  for (let minute = 60; minute <= minutes; minute += checkEveryMinutes) {
    const at = new Date(startMillis + minute * 60_000);
    await monitor.runChecks({ at });
    for (const versionMonitor of perVersion) await versionMonitor.runChecks({ at });
  }
  await monitor.shutdown();
  for (const versionMonitor of perVersion) await versionMonitor.shutdown();

  const versionOf = (version: number) => ({
    modelName,
    artifact: { flavor: 'logistic-regression', formatVersion: 1, data: { version } },
    params: { l2: 0.01 },
    metrics: { auc: 0.8 + version / 100, accuracy: 0.76 + version / 100 },
    tags: {},
    description: `churn model ${version}`,
    createdAt: new Date(startMillis - (4 - version) * 86_400_000),
  });
  for (const version of [1, 2, 3]) await registry.createModelVersion(versionOf(version));
  const move = (alias: string, expectedVersion: number | undefined, toVersion: number, atMillis: number, actor: string, reason: string) =>
    registry.moveAlias({ modelName, alias, expectedVersion, toVersion, actor, reason, at: new Date(atMillis) });
  await move('champion', undefined, 1, startMillis - 3 * 86_400_000, 'bootstrap', 'first model');
  await move('champion', 1, 2, startMillis - 86_400_000, 'promotion-policy', 'challenger won the A/B test');
  await move('challenger', undefined, 3, startMillis, 'retraining-pipeline', 'passed validation (holdout AUC 0.8412)');
  await registry.writeRoutingConfig({ modelName, weights: { champion: 0.9, challenger: 0.1 }, killSwitch: false, salt: 'seed', updatedAt: new Date(startMillis) });
  const run: RunRecord = {
    id: 'seeded-run-1',
    experiment: `retraining:${modelName}`,
    status: 'running',
    params: { trigger: 'alert', reason: 'feature drift on tenure' },
    metrics: {},
    artifacts: { steps: retrainingSteps(startMillis) },
    tags: { modelName, trigger: 'alert' },
    startedAt: new Date(startMillis),
  };
  await registry.writeRun(run);

  return { modelName, baseline, predictionCount, outcomeCount: outcomes.length, championVersion: 2, challengerVersion: 3, previousChampionVersion: 1 };
}
