import type { Clock, DriftwatchError, EventStore, JobQueue, RegistryStore } from '@driftwatch/core';

/**
 * How the Retrain button starts a retraining run through a job queue: it sends one job, with
 * the model name as its singleton key, to the name `registerRetrainingJobs` (in
 * `@driftwatch/registry`) listens on.
 *
 * @example
 * ```ts
 * import { createInProcessJobQueue } from '@driftwatch/core';
 * import type { DashboardRetrainConfig } from '@driftwatch/dashboard';
 * const retrain: DashboardRetrainConfig = { queue: createInProcessJobQueue() };
 * ```
 */
export interface DashboardRetrainConfig {
  /** The queue your retraining workers take jobs from. */
  queue: JobQueue;
  /**
   * The job name, or a function of the model name.
   * @default (modelName) => `driftwatch.retraining.${modelName}`
   */
  jobName?: string | ((modelName: string) => string);
  /**
   * The job payload, or a function of the model name.
   * @default { trigger: 'manual', reason: 'started from the dashboard' }
   */
  payload?: unknown;
}

/**
 * Configuration of {@link createDashboard}. Only `store` is required; the champion page,
 * rollback and retraining runs need `registry`, and the Retrain button needs `retrain` or
 * `onRetrain`.
 *
 * @example
 * ```ts
 * import type { DashboardConfig } from '@driftwatch/dashboard';
 * import { createInMemoryEventStore, createInMemoryRegistryStore } from '@driftwatch/core/testing';
 * const config: DashboardConfig = {
 *   store: createInMemoryEventStore(),
 *   registry: createInMemoryRegistryStore(),
 *   refreshIntervalSeconds: 10,
 * };
 * ```
 */
export interface DashboardConfig {
  /** Where predictions, window profiles, check results and alerts are read. */
  store: EventStore;
  /**
   * Where aliases, routing, model versions and retraining runs are read, and where rollback moves
   * the `champion` alias. Without it the champion page and the retraining steps are empty.
   * @default undefined
   */
  registry?: RegistryStore;
  /**
   * The path the dashboard answers under, for `node:http` (`http.createServer(dashboard.handle)`).
   * Under Express and Fastify the mount path or prefix is used already; leave this empty there.
   * @default ''
   */
  basePath?: string;
  /**
   * API keys that may open the dashboard. `false` turns the guard off even when the environment
   * variable is set. With no key from either place, the dashboard is open to anyone who can reach
   * the route: protect it in your app then.
   * @default the comma-separated keys in `DRIFTWATCH_DASHBOARD_API_KEYS`, else none (no guard)
   */
  apiKeys?: readonly string[] | false;
  /** How long the browser keeps the sign-in cookie. @default 43200 (12 hours) */
  sessionMaxAgeSeconds?: number;
  /** How often pages refresh themselves, between 1 and 60. @default 5 */
  refreshIntervalSeconds?: number;
  /** The time range charts show unless the page asks for another (at most 30 days). @default 86400 (24 hours) */
  rangeSeconds?: number;
  /** The recent traffic whose distribution is overlaid on the training distribution. @default 3600 */
  distributionWindowSeconds?: number;
  /**
   * Most points per chart series. Longer series are averaged into buckets (drift keeps each
   * bucket's maximum); a range holding more check runs than this and over 5,000 check results is
   * sampled, one run per slot, instead of read in full.
   * @default 240
   */
  maxChartPoints?: number;
  /** Most time buckets of the prediction distribution over time. @default 48 */
  maxDistributionBuckets?: number;
  /** The labelled traffic a ROC curve is computed from, when the performance check stored none. @default 3600 */
  rocWindowSeconds?: number;
  /** Most labelled predictions (the newest) a computed ROC curve uses. @default 20000 */
  maxRocPredictions?: number;
  /** Recent predictions the logs page lists, at most 1000. @default 100 */
  logLimit?: number;
  /**
   * The positive class for the ROC curve.
   * @default the positive label of the latest confusion matrix, else `1`/`true`
   */
  positiveLabel?: string | number | boolean;
  /** Start retraining by sending a job. Exclusive with `onRetrain`. @default undefined */
  retrain?: DashboardRetrainConfig;
  /** Start retraining with your own function. Exclusive with `retrain`. @default undefined */
  onRetrain?: (modelName: string) => void | Promise<void>;
  /** The experiment whose newest run is the retraining shown. @default (modelName) => `retraining:${modelName}` */
  retrainingExperiment?: (modelName: string) => string;
  /** The models listed. @default the store's `listModels()` and the registry's `listModelNames()` */
  models?: readonly string[];
  /** Shown in the header and the page titles. @default 'Driftwatch' */
  title?: string;
  /** Where the environment is read (tests pass their own). @default process.env */
  environment?: Readonly<Record<string, string | undefined>>;
  /** @default systemClock */
  clock?: Clock;
  /** Hears about store failures and failed actions (the response then says only that it failed). @default a one-line `console.warn` */
  onError?: (error: DriftwatchError) => void;
}
