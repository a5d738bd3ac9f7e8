import { compareProfiles, DriftwatchError, mergeProfiles, type DatasetProfile } from '@driftwatch/drift';
import type { TimerHandle } from '../contracts/clock.js';
import type { TimeRangeQuery } from '../contracts/event-store.js';
import { AlertDeliveryError } from '../errors/alert-delivery-error.js';
import type { AlertRecord } from '../records/alert-record.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import type { CheckKind, CheckResultRecord } from '../records/check-result-record.js';
import type { WindowProfileRecord } from '../records/window-profile-record.js';
import { predictionColumns } from '../baseline/prediction-columns.js';
import type { CheckMeasurement } from './check-measurement.js';
import type { AlertObservation, AlertPolicy } from './create-alert-policy.js';
import { deliverAlert } from './deliver-alert.js';
import { measureDataQuality } from './measure-data-quality.js';
import { measureDrift } from './measure-drift.js';
import { measureLatency } from './measure-latency.js';
import { measurePerformance } from './measure-performance.js';
import { measureVolume } from './measure-volume.js';
import { resolveMonitorConfig, type MonitorConfig } from './resolve-monitor-config.js';
import { toCheckResultRecord, type CheckRunContext } from './to-check-result-record.js';

export type { MonitorConfig } from './resolve-monitor-config.js';

/** Options for {@link Monitor.runChecks}. */
export interface RunChecksOptions {
  /** The end of the window to check. @default the clock's now */
  at?: Date;
}

/** A step of a check run that failed; the failure went to `onError` too. */
export interface CheckRunError {
  /** Which step: `read-window-profiles`, `feature-drift`, `write-alerts`, `deliver`… */
  stage: string;
  error: DriftwatchError;
}

/** What one check run measured, stored and sent. */
export interface CheckRunResult {
  modelName: string;
  checkedAt: Date;
  windowStart: Date;
  windowEnd: Date;
  /** One record per subject: the points this run added to the time series (also when storing them failed). */
  checkResults: CheckResultRecord[];
  /** Alerts this run sent (fired, escalated, repeated after the cooldown, resolved), with their deliveries. */
  alerts: AlertRecord[];
  /** Checks, or parts of them, that could not run, with the reason (no baseline, no traffic, no labels…). */
  skipped: Array<{ kind: CheckKind; reason: string }>;
  /** Steps that failed. The run carries on without them. */
  errors: CheckRunError[];
  /** Window profiles read for the window. */
  windowProfileCount: number;
  /** Window profiles left out of drift and data quality because their spec is not the baseline's. */
  incompatibleProfileCount: number;
  /** Wall time of the run in milliseconds (measured with `performance.now()`, not the injected clock). */
  durationMillis: number;
}

/**
 * Runs the checks of one model on a schedule and on demand, stores each result as a time
 * series, and turns them into alerts through its {@link AlertPolicy}. It never throws into the
 * host: failures go to `onError` and into the run's `errors`.
 *
 * Lifecycle: `start()` schedules checks every `checkIntervalSeconds` (idempotent), `stop()`
 * cancels the schedule (idempotent; `start()` again resumes), `shutdown()` stops and waits for
 * a run in flight (idempotent). The store and sinks belong to the caller and stay open.
 *
 * @example
 * ```ts
 * import { createMonitor, type Monitor } from '@driftwatch/core';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const monitor: Monitor = createMonitor({ store: createInMemoryEventStore(), modelName: 'churn' });
 * await monitor.start();
 * const result = await monitor.runChecks();
 * await monitor.shutdown();
 * ```
 */
export interface Monitor {
  readonly modelName: string;
  /** The alert policy in use. */
  readonly policy: AlertPolicy;
  /** True between `start()` and `stop()` or `shutdown()`. */
  readonly isRunning: boolean;
  /**
   * Schedules checks every `checkIntervalSeconds` on the clock, the first one interval from
   * now. Resolves once open incidents have been restored from the store. Idempotent; does
   * nothing after `shutdown()`.
   */
  start(): Promise<void>;
  /** Cancels the schedule; a run in flight finishes. Idempotent. */
  stop(): void;
  /**
   * Runs every configured check over the window ending at `at`, stores the results, sends
   * alerts. Runs are serialized. Never rejects, except with `SHUTDOWN` after `shutdown()`.
   */
  runChecks(options?: RunChecksOptions): Promise<CheckRunResult>;
  /** Stops the schedule and waits for the run in flight. Idempotent. */
  shutdown(): Promise<void>;
}

/** Most firing alerts read back on start to find open incidents. */
const restoreAlertLimit = 1000;

/**
 * Creates a {@link Monitor}. Each run reads the window's profiles once, merges them once and
 * compares them with the baseline once (`mergeProfiles`, `compareProfiles`); raw rows are read
 * only for performance (`readLabelledPredictions`). See `docs/concepts/monitor.md`.
 *
 * Throws `VALIDATION_FAILED` for an invalid config.
 *
 * @example
 * ```ts
 * import { createBaseline, createMonitor } from '@driftwatch/core';
 * import { createInMemoryEventStore, createRecordingAlertSink } from '@driftwatch/core/testing';
 * const baseline = createBaseline({ modelName: 'churn', version: '1', data: { tenure: [1, 5, 12, 40, 60] } });
 * const monitor = createMonitor({
 *   store: createInMemoryEventStore(),
 *   baseline,
 *   sinks: [createRecordingAlertSink()],
 *   alerts: { latencyMillis: { p95: { warning: 200, critical: 500 } } },
 * });
 * await monitor.start();
 * ```
 */
export function createMonitor(config: MonitorConfig): Monitor {
  const settings = resolveMonitorConfig(config);
  const { store, clock, policy, modelName } = settings;
  const modelVersion = settings.modelVersion ?? '';
  const segment = settings.segment ?? '';
  const intervalMillis = settings.checkIntervalSeconds * 1000;
  let baseline: BaselineRecord | undefined = settings.baseline;
  let timer: TimerHandle | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  let restored: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  function report(stage: string, error: unknown, errors?: CheckRunError[]): void {
    const wrapped = asDriftwatchError(stage, error);
    errors?.push({ stage, error: wrapped });
    try {
      settings.onError(wrapped);
    } catch {
      // A failing hook must not break monitoring.
    }
  }

  function scope(): Pick<TimeRangeQuery, 'modelVersion' | 'segment'> {
    return {
      ...(settings.modelVersion === undefined ? {} : { modelVersion: settings.modelVersion }),
      ...(settings.segment === undefined ? {} : { segment: settings.segment }),
    };
  }

  function ensureRestored(): Promise<void> {
    restored ??= restore();
    return restored;
  }

  /** Rebuilds open incidents and hysteresis windows; a failure leaves the policy empty and is reported. */
  async function restore(): Promise<void> {
    try {
      const prefix = segment === '' ? `${modelName}/` : `${modelName}[${segment}]/`;
      const firing = await store.readAlerts({ modelName, status: 'firing', limit: restoreAlertLimit });
      const keys = [...new Set(firing.map((alert) => alert.dedupeKey).filter((key) => key.startsWith(prefix)))];
      // The newest alert of each key says whether its incident is still open (a resolved notice may follow the firing one).
      const newest = await Promise.all(keys.map((dedupeKey) => store.readAlerts({ modelName, dedupeKey, limit: 1 })));
      const nowMillis = clock.now();
      const checkResults = await store.readCheckResults({
        modelName,
        modelVersion,
        segment,
        from: new Date(nowMillis - (policy.longestCheckCount + 1) * intervalMillis),
        to: new Date(nowMillis + 1),
      });
      policy.restore({ alerts: newest.flat(), checkResults });
    } catch (error) {
      report('restore', error);
    }
  }

  async function currentBaseline(profiles: readonly WindowProfileRecord[], errors: CheckRunError[]): Promise<BaselineRecord | undefined> {
    if (settings.baseline !== undefined) return baseline;
    const known = baseline;
    const stale = known === undefined || profiles.some((profile) => profile.profile.spec.fingerprint !== known.profile.spec.fingerprint);
    if (!stale) return known;
    try {
      baseline = (await store.readBaseline(modelName)) ?? baseline;
    } catch (error) {
      report('read-baseline', error, errors);
    }
    return baseline;
  }

  async function run(atMillis: number): Promise<CheckRunResult> {
    const startedAt = performance.now();
    await ensureRestored();
    const checks = settings.checks;
    const windowEnd = new Date(atMillis);
    const windowStart = new Date(atMillis - settings.windowSeconds * 1000);
    const result: CheckRunResult = {
      modelName,
      checkedAt: windowEnd,
      windowStart,
      windowEnd,
      checkResults: [],
      alerts: [],
      skipped: [],
      errors: [],
      windowProfileCount: 0,
      incompatibleProfileCount: 0,
      durationMillis: 0,
    };
    const { errors, skipped } = result;
    const skip = (kinds: readonly CheckKind[], reason: string) => {
      for (const kind of kinds) if (checks.has(kind)) skipped.push({ kind, reason });
    };
    const measured: Array<{ measurement: CheckMeasurement; windowStart: Date }> = [];
    const add = (measurements: readonly CheckMeasurement[], from = windowStart) => {
      for (const measurement of measurements) measured.push({ measurement, windowStart: from });
    };

    let profiles: WindowProfileRecord[] = [];
    let profilesRead = false;
    try {
      profiles = await store.readWindowProfiles({ modelName, from: windowStart, to: windowEnd, ...scope() });
      profilesRead = true;
    } catch (error) {
      report('read-window-profiles', error, errors);
      skip(['feature-drift', 'prediction-drift', 'data-quality', 'latency', 'volume'], 'reading the window profiles failed');
    }
    result.windowProfileCount = profiles.length;

    const profileChecks = (['feature-drift', 'prediction-drift', 'data-quality'] as const).filter((kind) => checks.has(kind));
    // Drift and data quality compare with the baseline's profile; performance with its metrics.
    const reference = profileChecks.length > 0 || checks.has('performance') ? await currentBaseline(profiles, errors) : baseline;
    if (profilesRead && profileChecks.length > 0) {
      if (reference === undefined) {
        skip(profileChecks, `no baseline for model ${modelName}`);
      } else {
        const fingerprint = reference.profile.spec.fingerprint;
        const compatible = profiles.filter((profile) => profile.profile.spec.fingerprint === fingerprint);
        result.incompatibleProfileCount = profiles.length - compatible.length;
        const merged = compatible.length === 0 ? undefined : tryStage('merge-profiles', () => mergeProfiles(...compatible.map((profile) => profile.profile)));
        if (compatible.length === 0) {
          skip(
            profileChecks,
            profiles.length === 0
              ? 'no window profiles in the window'
              : `none of the ${profiles.length} window profiles has the spec of baseline ${reference.version}`,
          );
        } else if (merged === undefined) {
          skip(profileChecks, 'merging the window profiles failed');
        } else if (merged.rowCount === 0) {
          skip(profileChecks, 'the window profiles hold no rows');
        } else {
          const features = featureNames(reference.profile);
          const absent = Object.keys(settings.features ?? {}).filter((name) => !features.includes(name));
          if (absent.length > 0) skip(profileChecks, `features absent from baseline ${reference.version}: ${absent.join(', ')}`);
          if (checks.has('feature-drift') || checks.has('prediction-drift')) {
            const measurements = tryStage('drift', () => {
              const report = compareProfiles(reference.profile, merged, policy.compareOptions(reference.profile.spec.columns.map((column) => column.name)));
              return measureDrift(report, {
                features: new Set(features),
                featureDrift: checks.has('feature-drift'),
                predictionDrift: checks.has('prediction-drift'),
              });
            });
            if (measurements === undefined) skip(['feature-drift', 'prediction-drift'], 'comparing the window with the baseline failed');
            else add(measurements);
          }
          if (checks.has('data-quality')) {
            const measurements = tryStage('data-quality', () => measureDataQuality(reference.profile, merged, features, settings.features));
            if (measurements === undefined) skip(['data-quality'], 'measuring data quality failed');
            else add(measurements);
          }
        }
      }
    }

    if (profilesRead && checks.has('latency')) {
      const latency = tryStage('latency', () => {
        const merged = mergeLargestSpecGroup(profiles.map((profile) => profile.latency));
        return merged === undefined ? [] : measureLatency(merged);
      });
      if (latency !== undefined && latency.length === 0) skip(['latency'], 'no latency logged in the window');
      if (latency !== undefined) add(latency);
    }
    if (profilesRead && checks.has('volume')) add(measureVolume(profiles, settings.windowSeconds));

    if (checks.has('performance')) {
      const performanceStart = new Date(atMillis - settings.performanceWindowSeconds * 1000);
      try {
        const range = { modelName, from: performanceStart, to: windowEnd, ...scope() };
        // Same window: reuse the profiles already read (none when that read failed) rather than read them twice.
        const counted = settings.performanceWindowSeconds === settings.windowSeconds ? profiles : await store.readWindowProfiles(range);
        let predictionCount = 0;
        for (const profile of counted) predictionCount += profile.requestCount - profile.errorCount;
        const labelled = await store.readLabelledPredictions(range);
        const outcome = measurePerformance(labelled, {
          predictionCount,
          baselineMetrics: reference?.metrics,
          positiveLabel: settings.positiveLabel,
        });
        add(outcome.measurements, performanceStart);
        for (const reason of outcome.skipped) skipped.push({ kind: 'performance', reason });
      } catch (error) {
        report('performance', error, errors);
        skip(['performance'], 'reading labelled predictions failed');
      }
    }

    // Grade, store the time series, then let the policy decide what to send.
    const context: Omit<CheckRunContext, 'windowStart'> = { modelName, modelVersion, segment, checkedAt: windowEnd, windowEnd };
    const graded: AlertObservation['results'][number][] = [];
    for (const { measurement, windowStart: from } of measured) {
      const evaluation = tryStage(`evaluate-${measurement.kind}`, () => policy.evaluate(measurement));
      if (evaluation === undefined) continue;
      graded.push({ kind: measurement.kind, subject: measurement.subject, evaluation });
      result.checkResults.push(toCheckResultRecord(measurement, evaluation, { ...context, windowStart: from }));
    }
    if (result.checkResults.length > 0) {
      try {
        await store.writeCheckResults(result.checkResults);
      } catch (error) {
        report('write-check-results', error, errors);
      }
    }
    const alerts = tryStage('alert-policy', () => policy.observe({ modelName, modelVersion, segment, at: windowEnd, results: graded })) ?? [];
    result.alerts = alerts;
    if (alerts.length > 0) await storeAndDeliver(alerts, errors);
    result.durationMillis = performance.now() - startedAt;
    return result;

    function tryStage<Value>(stage: string, compute: () => Value): Value | undefined {
      try {
        return compute();
      } catch (error) {
        report(stage, error, errors);
        return undefined;
      }
    }
  }

  async function storeAndDeliver(alerts: AlertRecord[], errors: CheckRunError[]): Promise<void> {
    let stored = true;
    try {
      await store.writeAlerts(alerts);
    } catch (error) {
      stored = false;
      report('write-alerts', error, errors);
    }
    await Promise.all(
      alerts.map(async (alert) => {
        const deliveries = await deliverAlert(alert, { sinks: settings.sinks, clock, timeoutMillis: settings.sinkTimeoutMillis });
        alert.deliveries.push(...deliveries);
        for (const delivery of deliveries) {
          if (delivery.ok) continue;
          report(
            'deliver',
            new AlertDeliveryError({
              message: `Alert ${alert.dedupeKey} (${alert.status}) was not delivered to ${delivery.sink}: ${delivery.error ?? 'failed'}`,
              sink: delivery.sink,
              ...(delivery.statusCode === undefined ? {} : { statusCode: delivery.statusCode }),
              retryable: delivery.error?.startsWith('No answer within') === true,
            }),
            errors,
          );
        }
        if (deliveries.length === 0 || !stored) return;
        try {
          await store.recordAlertDeliveries(alert.id, deliveries);
        } catch (error) {
          report('record-alert-deliveries', error, errors);
        }
      }),
    );
  }

  function enqueue(atMillis: number): Promise<CheckRunResult> {
    inFlight++;
    const next = queue.then(() => run(atMillis)).finally(() => inFlight--);
    queue = next.catch(() => undefined);
    return next;
  }

  function tick(): void {
    // A run still going (a slow store, a sink near its timeout) makes this tick skip rather than pile up.
    if (inFlight > 0) return;
    enqueue(clock.now()).catch((error: unknown) => report('scheduled-run', error));
  }

  function featureNames(profile: DatasetProfile): string[] {
    const columns = profile.spec.columns
      .map((column) => column.name)
      .filter((name) => name !== predictionColumns.score && name !== predictionColumns.label);
    if (settings.features === undefined) return columns;
    const wanted = new Set(Object.keys(settings.features));
    return columns.filter((name) => wanted.has(name));
  }

  return {
    modelName,
    policy,
    get isRunning() {
      return timer !== undefined;
    },
    start() {
      if (closing !== undefined) return Promise.resolve();
      timer ??= clock.setInterval(tick, intervalMillis);
      return ensureRestored();
    },
    stop() {
      timer?.cancel();
      timer = undefined;
    },
    runChecks(options = {}) {
      if (closing !== undefined) {
        return Promise.reject(new DriftwatchError({ code: 'SHUTDOWN', message: `The monitor of ${modelName} is shut down; runChecks refused.` }));
      }
      const atMillis = options.at === undefined ? clock.now() : options.at.getTime();
      if (!Number.isFinite(atMillis)) {
        return Promise.reject(new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'runChecks needs a valid `at` date.' }));
      }
      return enqueue(atMillis);
    },
    shutdown() {
      closing ??= (async () => {
        timer?.cancel();
        timer = undefined;
        await queue;
      })();
      return closing;
    },
  };
}

/** Merges the profiles that share the most common spec (replicas of one version all do); `undefined` when none has rows. */
function mergeLargestSpecGroup(profiles: readonly DatasetProfile[]): DatasetProfile | undefined {
  const groups = new Map<string, DatasetProfile[]>();
  for (const profile of profiles) {
    if (profile.rowCount === 0) continue;
    const group = groups.get(profile.spec.fingerprint);
    if (group === undefined) groups.set(profile.spec.fingerprint, [profile]);
    else group.push(profile);
  }
  let largest: DatasetProfile[] | undefined;
  for (const group of groups.values()) if (largest === undefined || group.length > largest.length) largest = group;
  return largest === undefined ? undefined : mergeProfiles(...largest);
}

const storeStages = new Set(['restore', 'read-baseline', 'read-window-profiles', 'performance', 'write-check-results', 'write-alerts', 'record-alert-deliveries']);

/** Keeps Driftwatch errors as they are; wraps anything else, with the stage, so `onError` always gets a `DriftwatchError`. */
function asDriftwatchError(stage: string, error: unknown): DriftwatchError {
  if (DriftwatchError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DriftwatchError({
    code: storeStages.has(stage) ? 'STORE_FAILED' : 'INVALID_ARGUMENT',
    message: `Monitor step ${stage} failed: ${message}`,
    cause: error,
    details: { stage },
  });
}
