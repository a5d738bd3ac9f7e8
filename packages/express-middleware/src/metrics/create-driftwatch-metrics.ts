import {
  DriftwatchError,
  systemClock,
  type CheckKind,
  type CheckResultRecord,
  type CheckRunResult,
  type Clock,
  type EventStore,
  type Monitor,
  type PredictionLogger,
} from '@driftwatch/core';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * How a request to the wrapped route ended, as the `status` label of the request counter.
 *
 * @example
 * ```ts
 * import type { RequestStatus } from '@driftwatch/express-middleware';
 * const refused: RequestStatus[] = ['invalid_body', 'unauthorized'];
 * ```
 */
export type RequestStatus = 'ok' | 'error' | 'invalid_body' | 'unauthorized';

/**
 * Why a body was refused, as the `reason` label of the invalid-body counter.
 *
 * @example
 * ```ts
 * import type { InvalidBodyReason } from '@driftwatch/express-middleware';
 * const parsing: InvalidBodyReason[] = ['invalid_json', 'too_large', 'unsupported_media_type'];
 * ```
 */
export type InvalidBodyReason = 'schema' | 'not_an_object' | 'too_deep' | 'invalid_json' | 'too_large' | 'unsupported_media_type';

/**
 * Config for {@link createDriftwatchMetrics}.
 *
 * @example
 * ```ts
 * import { Registry } from 'prom-client';
 * import type { DriftwatchMetricsConfig } from '@driftwatch/express-middleware';
 * const config: DriftwatchMetricsConfig = { registry: new Registry(), prefix: 'churn_service_' };
 * ```
 */
export interface DriftwatchMetricsConfig {
  /** The prom-client registry the metrics are registered in; never the global one unless you pass it. @default new Registry() */
  registry?: Registry;
  /** Prefix of every metric name. @default 'driftwatch_' */
  prefix?: string;
  /** Buckets of the request latency histogram, in seconds. @default [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] */
  latencyBucketsSeconds?: readonly number[];
  /** Buckets of the prediction score histogram. @default [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] */
  scoreBuckets?: readonly number[];
  /**
   * A Monitor to read at every scrape: its open incidents become the alert gauge, and, with
   * `store`, its newest check results become the drift score and check severity gauges.
   * @default undefined (feed the gauges with `recordCheckRun` or `setDriftScore`)
   */
  monitor?: Monitor;
  /** Where the Monitor writes its check results; read at every scrape when `monitor` is set. @default undefined */
  store?: EventStore;
  /** How far back a scrape looks for the Monitor's check results. @default 3600 */
  checkResultsLookbackSeconds?: number;
  /** A scrape waits at most this long for the store, then shows the last values read. @default 1000 */
  readTimeoutMillis?: number;
  /** Hears about failed reads of the Monitor's check results. Called inside a guard. @default a one-line `console.warn` */
  onError?: (error: DriftwatchError) => void;
  /** Time, for the look-back window. @default systemClock */
  clock?: Clock;
}

/**
 * Prometheus metrics of the middleware, on a registry of their own.
 *
 * | metric | type | labels |
 * |---|---|---|
 * | `driftwatch_requests_total` | counter | model, version, status (`ok`, `error`, `invalid_body`, `unauthorized`) |
 * | `driftwatch_request_duration_seconds` | histogram | model, version |
 * | `driftwatch_prediction_score` | histogram | model, version |
 * | `driftwatch_invalid_bodies_total` | counter | model, reason |
 * | `driftwatch_cache_lookups_total` | counter | model, result (`hit`, `miss`, `error`) |
 * | `driftwatch_shadow_predictions_total` | counter | model, version, status |
 * | `driftwatch_drift_score` | gauge | model, kind, subject |
 * | `driftwatch_check_severity` | gauge (0 OK, 1 INFO, 2 WARNING, 3 CRITICAL) | model, kind, subject |
 * | `driftwatch_alert_firing` | gauge (1 while firing) | model, dedupe_key, severity |
 * | `driftwatch_logger_records` | gauge | state (`queued`, `written`, `dropped`, `failed`, `buffered`) |
 *
 * @example
 * ```ts
 * import { createDriftwatchMetrics } from '@driftwatch/express-middleware';
 * const metrics = createDriftwatchMetrics();
 * metrics.setDriftScore({ modelName: 'churn', subject: 'tenure', value: 0.31, severity: 'WARNING' });
 * const text = await metrics.render(); // Prometheus text format
 * ```
 */
export interface DriftwatchMetrics {
  readonly registry: Registry;
  /** The content type of {@link DriftwatchMetrics.render}'s text. */
  readonly contentType: string;
  /** The metrics in the Prometheus text format (reads the Monitor first, when one is set). */
  render(): Promise<string>;
  /** Counts a request to the wrapped route, with its latency and score when known. */
  recordRequest(sample: { modelName: string; modelVersion: string; status: RequestStatus; latencySeconds?: number; score?: number | null }): void;
  /** Counts a refused body: the data-quality counter. */
  recordInvalidBody(modelName: string, reason: InvalidBodyReason): void;
  recordCacheLookup(modelName: string, result: 'hit' | 'miss' | 'error'): void;
  recordShadowPrediction(modelName: string, modelVersion: string, status: 'ok' | 'error'): void;
  /** Sets the latest drift score of a feature or of the prediction. */
  setDriftScore(sample: { modelName: string; subject: string; value: number; kind?: 'feature-drift' | 'prediction-drift'; severity?: CheckResultRecord['severity'] }): void;
  /** Takes the check results and alerts of a Monitor run: `metrics.recordCheckRun(await monitor.runChecks())`. */
  recordCheckRun(result: CheckRunResult): void;
  /** Publishes a prediction logger's counters in `driftwatch_logger_records` (summed over loggers). */
  trackLogger(logger: PredictionLogger): void;
}

const defaults = Object.freeze({
  prefix: 'driftwatch_',
  latencyBucketsSeconds: Object.freeze([0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]),
  scoreBuckets: Object.freeze([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
  checkResultsLookbackSeconds: 3600,
  readTimeoutMillis: 1000,
});

const severityLevels: Readonly<Record<CheckResultRecord['severity'], number>> = Object.freeze({ OK: 0, INFO: 1, WARNING: 2, CRITICAL: 3 });
const driftKinds: ReadonlySet<CheckKind> = new Set<CheckKind>(['feature-drift', 'prediction-drift']);
const loggerStates = ['queued', 'written', 'dropped', 'failed', 'buffered'] as const;

/**
 * Creates {@link DriftwatchMetrics} on a dedicated prom-client registry (two instances on one
 * registry would clash: prom-client refuses duplicate names). Serve `render()` on `/metrics`,
 * which the middleware does when you pass these metrics as its `metrics` option.
 *
 * Drift and alert gauges are fed three ways: `monitor` (+ `store`) read at each scrape,
 * `recordCheckRun(result)` after a run you trigger, or `setDriftScore` by hand.
 *
 * @example
 * ```ts
 * import { createMonitor } from '@driftwatch/core';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * import { createDriftwatchMetrics } from '@driftwatch/express-middleware';
 * const store = createInMemoryEventStore();
 * const monitor = createMonitor({ store, modelName: 'churn' });
 * const metrics = createDriftwatchMetrics({ monitor, store });
 * ```
 */
export function createDriftwatchMetrics(config: DriftwatchMetricsConfig = {}): DriftwatchMetrics {
  const settings = Object.freeze({
    registry: config.registry ?? new Registry(),
    prefix: config.prefix ?? defaults.prefix,
    latencyBucketsSeconds: [...(config.latencyBucketsSeconds ?? defaults.latencyBucketsSeconds)],
    scoreBuckets: [...(config.scoreBuckets ?? defaults.scoreBuckets)],
    monitor: config.monitor,
    store: config.store,
    checkResultsLookbackSeconds: config.checkResultsLookbackSeconds ?? defaults.checkResultsLookbackSeconds,
    readTimeoutMillis: config.readTimeoutMillis ?? defaults.readTimeoutMillis,
    onError: config.onError ?? ((error: DriftwatchError) => console.warn(`[driftwatch] metrics: ${error.message}`)),
    clock: config.clock ?? systemClock,
  });
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(`${settings.prefix}x`)) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `prefix ${JSON.stringify(settings.prefix)} is not a valid Prometheus metric name prefix.` });
  }
  const { registry, prefix } = settings;
  const registers = [registry];

  const requests = new Counter({
    name: `${prefix}requests_total`,
    help: 'Requests to monitored prediction routes, by model, version and status.',
    labelNames: ['model', 'version', 'status'] as const,
    registers,
  });
  const latency = new Histogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Time from the monitored handler being called to its response, in seconds.',
    labelNames: ['model', 'version'] as const,
    buckets: settings.latencyBucketsSeconds,
    registers,
  });
  const scores = new Histogram({
    name: `${prefix}prediction_score`,
    help: 'Prediction scores returned by monitored routes.',
    labelNames: ['model', 'version'] as const,
    buckets: settings.scoreBuckets,
    registers,
  });
  const invalidBodies = new Counter({
    name: `${prefix}invalid_bodies_total`,
    help: 'Request bodies refused as malformed (never logged as predictions), by reason.',
    labelNames: ['model', 'reason'] as const,
    registers,
  });
  const cacheLookups = new Counter({
    name: `${prefix}cache_lookups_total`,
    help: 'Prediction cache lookups, by result.',
    labelNames: ['model', 'result'] as const,
    registers,
  });
  const shadowPredictions = new Counter({
    name: `${prefix}shadow_predictions_total`,
    help: 'Shadow predictions scored after the response, by shadow version and status.',
    labelNames: ['model', 'version', 'status'] as const,
    registers,
  });
  const driftScores = new Gauge({
    name: `${prefix}drift_score`,
    help: 'The latest drift score (PSI by default) of each feature and of the prediction.',
    labelNames: ['model', 'kind', 'subject'] as const,
    registers,
  });
  const severities = new Gauge({
    name: `${prefix}check_severity`,
    help: 'The latest severity of each check: 0 OK, 1 INFO, 2 WARNING, 3 CRITICAL.',
    labelNames: ['model', 'kind', 'subject'] as const,
    registers,
  });
  const alertsFiring = new Gauge({
    name: `${prefix}alert_firing`,
    help: 'Alerts firing now (1), by dedupe key and severity.',
    labelNames: ['model', 'dedupe_key', 'severity'] as const,
    registers,
  });
  const loggers = new Set<PredictionLogger>();
  const loggerRecords = new Gauge({
    name: `${prefix}logger_records`,
    help: 'Prediction logger counters, summed over the tracked loggers.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      for (const state of loggerStates) {
        let total = 0;
        for (const logger of loggers) total += logger.counters[state];
        this.set({ state }, total);
      }
    },
  });
  void loggerRecords;

  // Firing alerts per model, so that a resolved one can be removed from the gauge.
  const firing = new Map<string, Map<string, string>>();

  function setFiring(modelName: string, dedupeKey: string, severity: string | undefined): void {
    let byKey = firing.get(modelName);
    if (byKey === undefined) {
      byKey = new Map();
      firing.set(modelName, byKey);
    }
    const previous = byKey.get(dedupeKey);
    if (previous !== undefined && previous !== severity) alertsFiring.remove({ model: modelName, dedupe_key: dedupeKey, severity: previous });
    if (severity === undefined) {
      byKey.delete(dedupeKey);
      return;
    }
    byKey.set(dedupeKey, severity);
    alertsFiring.set({ model: modelName, dedupe_key: dedupeKey, severity }, 1);
  }

  function applyCheckResults(modelName: string, records: readonly CheckResultRecord[]): void {
    // Newest per (kind, subject) wins; records may arrive in any order.
    const newest = new Map<string, CheckResultRecord>();
    for (const record of records) {
      const key = `${record.kind}\u0000${record.subject}`;
      const known = newest.get(key);
      if (known === undefined || known.checkedAt.getTime() <= record.checkedAt.getTime()) newest.set(key, record);
    }
    for (const record of newest.values()) {
      const labels = { model: modelName, kind: record.kind, subject: record.subject };
      severities.set(labels, severityLevels[record.severity] ?? 0);
      if (driftKinds.has(record.kind) && Number.isFinite(record.value)) driftScores.set(labels, record.value);
    }
  }

  let monitorRead: Promise<void> | undefined;
  async function readMonitor(): Promise<void> {
    const monitor = settings.monitor;
    if (monitor === undefined) return;
    try {
      const open = monitor.policy.openIncidents();
      const stillOpen = new Set(open.map((incident) => incident.dedupeKey));
      for (const dedupeKey of [...(firing.get(monitor.modelName)?.keys() ?? [])]) {
        if (!stillOpen.has(dedupeKey)) setFiring(monitor.modelName, dedupeKey, undefined);
      }
      for (const incident of open) setFiring(monitor.modelName, incident.dedupeKey, incident.severity);
    } catch (error) {
      report('reading open incidents', error);
    }
    const store = settings.store;
    if (store === undefined) return;
    const nowMillis = settings.clock.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const records = await Promise.race([
        store.readCheckResults({
          modelName: monitor.modelName,
          from: new Date(nowMillis - settings.checkResultsLookbackSeconds * 1000),
          to: new Date(nowMillis + 1),
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${settings.readTimeoutMillis} ms`)), settings.readTimeoutMillis);
          timer.unref();
        }),
      ]);
      applyCheckResults(monitor.modelName, records);
    } catch (error) {
      report('reading check results', error);
    } finally {
      clearTimeout(timer);
    }
  }

  function report(activity: string, error: unknown): void {
    try {
      settings.onError(
        new DriftwatchError({
          code: 'STORE_FAILED',
          message: `Metrics: ${activity} failed: ${error instanceof Error ? error.message : String(error)}`,
          cause: error,
          details: { activity },
        }),
      );
    } catch {
      // A failing hook must not break a scrape.
    }
  }

  return Object.freeze({
    registry,
    contentType: registry.contentType,
    async render() {
      // Concurrent scrapes share one read.
      monitorRead ??= readMonitor().finally(() => {
        monitorRead = undefined;
      });
      await monitorRead;
      return registry.metrics();
    },
    recordRequest(sample: { modelName: string; modelVersion: string; status: RequestStatus; latencySeconds?: number; score?: number | null }) {
      const labels = { model: sample.modelName, version: sample.modelVersion };
      requests.inc({ ...labels, status: sample.status });
      if (sample.latencySeconds !== undefined) latency.observe(labels, sample.latencySeconds);
      if (typeof sample.score === 'number' && Number.isFinite(sample.score)) scores.observe(labels, sample.score);
    },
    recordInvalidBody(modelName: string, reason: InvalidBodyReason) {
      invalidBodies.inc({ model: modelName, reason });
    },
    recordCacheLookup(modelName: string, result: 'hit' | 'miss' | 'error') {
      cacheLookups.inc({ model: modelName, result });
    },
    recordShadowPrediction(modelName: string, modelVersion: string, status: 'ok' | 'error') {
      shadowPredictions.inc({ model: modelName, version: modelVersion, status });
    },
    setDriftScore(sample: { modelName: string; subject: string; value: number; kind?: 'feature-drift' | 'prediction-drift'; severity?: CheckResultRecord['severity'] }) {
      const labels = { model: sample.modelName, kind: sample.kind ?? 'feature-drift', subject: sample.subject };
      driftScores.set(labels, sample.value);
      if (sample.severity !== undefined) severities.set(labels, severityLevels[sample.severity]);
    },
    recordCheckRun(result: CheckRunResult) {
      applyCheckResults(result.modelName, result.checkResults);
      for (const alert of result.alerts) {
        setFiring(alert.modelName, alert.dedupeKey, alert.status === 'firing' ? alert.severity : undefined);
      }
    },
    trackLogger(logger: PredictionLogger) {
      loggers.add(logger);
    },
  });
}
