import { DriftwatchError } from '@driftwatch/drift';
import type { Clock, TimerHandle } from '../contracts/clock.js';
import type { EventStore } from '../contracts/event-store.js';
import type { PredictionInput, PredictionLogger, PredictionLoggerCounters } from '../contracts/prediction-logger.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import { createPredictionId } from '../records/create-prediction-id.js';
import type { Prediction, PredictionRecord } from '../records/prediction-record.js';
import type { WindowProfileRecord } from '../records/window-profile-record.js';
import { BatchExporter, type ExportSource, type RetryPolicy } from './internal/batch-exporter.js';
import { checkPredictionInput } from './internal/check-prediction-input.js';
import { RecordRing } from './internal/record-ring.js';
import { resolvePredictionLoggerConfig } from './internal/resolve-prediction-logger-config.js';
import { isSampledIn } from './internal/sample-by-id.js';
import { WindowProfiler } from './internal/window-profiler.js';

/**
 * Config for {@link createPredictionLogger}. Every field but `store` is optional.
 *
 * @example
 * ```ts
 * import type { PredictionLoggerConfig } from '@driftwatch/core';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const config: PredictionLoggerConfig = { store: createInMemoryEventStore(), maxQueueSize: 50_000, rawSampleRate: 0.1 };
 * ```
 */
export interface PredictionLoggerConfig {
  /** Where predictions and window profiles are written. The logger never shuts the store down. */
  store: EventStore;
  /**
   * The model's baseline. Its profile spec lays out the window profiles of predictions whose
   * `modelName` matches (features plus `prediction.score` and `prediction.label`); window
   * profiles of other models carry counts and latency only.
   * @default undefined (window profiles carry counts and latency only)
   */
  baseline?: BaselineRecord;
  /**
   * Most raw predictions held in memory, the batch being written included. When full, `log`
   * drops the new prediction and counts it in `dropped`.
   * @default 10000
   */
  maxQueueSize?: number;
  /** Most predictions per `store.writePredictions` call (and window profiles per `writeWindowProfiles`). @default 512 */
  maxBatchSize?: number;
  /** How often buffered predictions are written even when no batch is full, and ended windows are closed. @default 1000 */
  flushIntervalMillis?: number;
  /** A store write that has not settled after this long counts as failed and is retried. @default 10000 */
  writeTimeoutMillis?: number;
  /** Delay before the first retry; it doubles with each attempt, with jitter. @default 1000 */
  initialRetryDelayMillis?: number;
  /** Cap on the delay between retries. @default 30000 */
  maxRetryDelayMillis?: number;
  /** Retries of one batch before it is abandoned and counted in `failed`. @default 10 */
  maxRetries?: number;
  /** Time since a batch's first attempt after which a further failure abandons it. @default 300000 */
  maxRetryMillis?: number;
  /** Longest `forceFlush()` and `shutdown()` wait for the store; records still unwritten then stay buffered (forceFlush) or are counted in `failed` (shutdown). @default 10000 */
  flushTimeoutMillis?: number;
  /** Length of a window profile, in seconds; windows align to multiples of it since the epoch. @default 60 */
  windowSeconds?: number;
  /** Build window profiles. Turn off to log raw predictions only. @default true */
  windowProfiles?: boolean;
  /** Most (window, model, version, segment) profiles open at once; predictions for a further one are not profiled. @default 1000 */
  maxOpenWindows?: number;
  /** Most finished window profiles held while the store is unavailable; further ones are lost and reported. @default 1000 */
  maxPendingWindowProfiles?: number;
  /** Written into every window profile so that replicas' profiles can be told apart and merged. @default `${hostname}-${pid}-${6 random hex digits}` */
  replicaId?: string;
  /**
   * Age in days after which `store.deleteBefore` removes predictions, outcomes, window profiles
   * and check results. The logger owns retention: every replica runs it (it is idempotent).
   * `false` turns it off, for example when a single job runs retention instead.
   * @default 30
   */
  retentionDays?: number | false;
  /** How often retention runs; the first run comes after a random share of it, so replicas spread out. @default 3600000 */
  retentionIntervalMillis?: number;
  /**
   * Share of raw predictions kept, in [0, 1], chosen by a hash of the id so every replica makes
   * the same choice. Window profiles always see every prediction; sampled-out predictions are
   * not counted in `queued`.
   * @default 1
   */
  rawSampleRate?: number;
  /**
   * Hears about store failures, dropped and invalid predictions. Called inside a guard: what it
   * throws is ignored. Drops are reported at most once per flush interval.
   * @default a one-line `console.warn`
   */
  onError?: (error: DriftwatchError) => void;
  /** Time and timers. @default systemClock */
  clock?: Clock;
  /** Randomness for retry jitter, the replica id and the first retention run, in [0, 1). @default Math.random */
  random?: () => number;
}

const emptyPrediction: Prediction = Object.freeze({});
const millisPerDay = 86_400_000;
/** Records `log()` queues before they are checked, profiled and buffered in one loop (see `takePending`). */
const pendingBatchSize = 256;

type PendingBuild = (source: never) => PredictionInput | undefined;

/**
 * Records waiting for the logger's next batch, as three parallel arrays: a record `log()` copied
 * (its build `undefined`), or a source and the build `logLater()` was given, and the logger
 * clock's time of the call. Allocated once at the batch size and reused; a batch that logs again
 * from inside (a build or a hook) can still grow it past that size.
 */
class PendingEntries {
  readonly entries: unknown[];
  readonly builds: Array<PendingBuild | undefined>;
  readonly millis: number[];
  length = 0;

  constructor(capacity: number) {
    this.entries = new Array<unknown>(capacity).fill(undefined);
    this.builds = new Array<PendingBuild | undefined>(capacity).fill(undefined);
    // Filled with a fraction so that the array holds doubles from the start: a clock may give any number.
    this.millis = new Array<number>(capacity).fill(0.5);
  }

  /** Queues one entry; returns how many are queued. */
  add(entry: unknown, build: PendingBuild | undefined, nowMillis: number): number {
    const index = this.length++;
    this.entries[index] = entry;
    this.builds[index] = build;
    this.millis[index] = nowMillis;
    return this.length;
  }

  /** Empties the queue and lets go of its records and sources. */
  clear(): void {
    this.entries.fill(undefined, 0, this.length);
    this.builds.fill(undefined, 0, this.length);
    this.length = 0;
  }
}

/**
 * Creates the batching {@link PredictionLogger}, built like OpenTelemetry's BatchSpanProcessor
 * so that monitoring never breaks the host:
 *
 * - `log()` is synchronous, never throws and never waits: it copies the record and queues it.
 *   The queue is taken 256 at a time, and before every tick, flush and read of `counters`: each
 *   record is checked with a few `typeof` tests, added to its window profile, and appended to a
 *   bounded ring buffer. `logLater()` queues a record to be built in that same loop.
 *   Invalid records, records that find the buffer full and records logged after `shutdown()`
 *   are dropped and counted in `dropped`.
 * - Full batches are written at once (on the next microtask); partial ones every
 *   `flushIntervalMillis`. One write is in flight at a time, in order.
 * - A failed or timed-out write is retried with exponential backoff and jitter while the batch
 *   stays in the buffer (new predictions are still accepted up to `maxQueueSize`). After
 *   `maxRetries` retries, or once `maxRetryMillis` have passed, the batch is abandoned and
 *   counted in `failed`. Stores reject duplicate ids, so a retried batch is never double-counted.
 * - Window profiles of every (window, model, version, segment) are written when the window ends,
 *   and the open ones on `forceFlush()` and `shutdown()`; readers merge partial records.
 *
 * Counters obey, at every moment: `queued = written + failed + buffered`, and every `log()` call
 * is counted once in `queued` or `dropped` (or not at all when `rawSampleRate` sampled it out).
 *
 * Lifecycle: `forceFlush()` writes what is buffered; `shutdown()` refuses new records, flushes
 * (waiting at most `flushTimeoutMillis`), stops the timers, and counts anything still unwritten
 * in `failed`. Both are idempotent and never reject. On a crash, what is lost is what is in
 * memory: see the package README.
 *
 * @example
 * ```ts
 * import { createPredictionLogger } from '@driftwatch/core';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const logger = createPredictionLogger({ store: createInMemoryEventStore(), flushIntervalMillis: 500 });
 * const id = logger.log({ modelName: 'churn', modelVersion: '3', features: { tenure: 12 }, prediction: { score: 0.7 } });
 * await logger.shutdown();
 * logger.counters.written; // 1
 * ```
 */
export function createPredictionLogger(config: PredictionLoggerConfig): PredictionLogger & Required<Pick<PredictionLogger, 'logLater'>> {
  const settings = resolvePredictionLoggerConfig(config);
  const { store, clock, rawSampleRate } = settings;

  let state: 'open' | 'shutting-down' | 'shut-down' = 'open';
  let queued = 0;
  let written = 0;
  let dropped = 0;
  let failed = 0;
  let storeErrors = 0;

  // Drops are reported once per flush interval (a full buffer can refuse thousands a second).
  let fullReported = false;
  let invalidReported = false;
  let windowLimitReported = false;
  let profilesDroppedReported = false;
  let shutdownReported = false;

  function report(error: DriftwatchError): void {
    try {
      settings.onError(error);
    } catch {
      // A failing hook must not break the host or the logger.
    }
  }

  const policy: RetryPolicy = {
    maxBatchSize: settings.maxBatchSize,
    writeTimeoutMillis: settings.writeTimeoutMillis,
    initialRetryDelayMillis: settings.initialRetryDelayMillis,
    maxRetryDelayMillis: settings.maxRetryDelayMillis,
    maxRetries: settings.maxRetries,
    maxRetryMillis: settings.maxRetryMillis,
  };
  const onStoreError = (): void => {
    storeErrors++;
  };

  const ring = new RecordRing<PredictionRecord>(settings.maxQueueSize);
  /** `log()` keeps the timestamp in millis beside the record; the Date is made here, at flush time, once per record. */
  const stampRecord = (record: PredictionRecord, timestampMillis: number): void => {
    if (record.timestamp === undefined) record.timestamp = new Date(timestampMillis);
  };
  const predictionSource: ExportSource<PredictionRecord> = {
    get size() {
      return ring.size;
    },
    get accepted() {
      return queued;
    },
    get settled() {
      return written + failed;
    },
    peek: (count) => ring.peek(count, stampRecord),
    settle(count, outcome) {
      ring.remove(count);
      if (outcome === 'written') written += count;
      else failed += count;
    },
  };
  const predictionExporter = new BatchExporter<PredictionRecord>({
    operation: 'writePredictions',
    source: predictionSource,
    write: (batch) => store.writePredictions(batch),
    policy,
    clock,
    random: settings.random,
    onStoreError,
    report,
  });

  // Finished window profiles wait here; they are few (one per window and series), so an array will do.
  let pendingProfiles: WindowProfileRecord[] = [];
  let profilesAccepted = 0;
  let profilesSettled = 0;
  const profileSource: ExportSource<WindowProfileRecord> = {
    get size() {
      return pendingProfiles.length;
    },
    get accepted() {
      return profilesAccepted;
    },
    get settled() {
      return profilesSettled;
    },
    peek: (count) => pendingProfiles.slice(0, count),
    settle(count) {
      pendingProfiles = pendingProfiles.slice(count);
      profilesSettled += count;
    },
  };
  const profileExporter = new BatchExporter<WindowProfileRecord>({
    operation: 'writeWindowProfiles',
    source: profileSource,
    write: (batch) => store.writeWindowProfiles(batch),
    policy,
    clock,
    random: settings.random,
    onStoreError,
    report,
  });

  const profiler = settings.windowProfiles
    ? new WindowProfiler({
        baseline: settings.baseline,
        windowSeconds: settings.windowSeconds,
        replicaId: settings.replicaId,
        maxOpenWindows: settings.maxOpenWindows,
        emit(record) {
          if (pendingProfiles.length >= settings.maxPendingWindowProfiles) {
            if (!profilesDroppedReported) {
              profilesDroppedReported = true;
              report(
                new DriftwatchError({
                  code: 'STORE_FAILED',
                  message: `${settings.maxPendingWindowProfiles} window profiles are waiting for the store; dropping the profile of ${record.modelName}@${record.modelVersion} at ${record.windowStart.toISOString()}.`,
                  details: { reason: 'window-profiles-full', maxPendingWindowProfiles: settings.maxPendingWindowProfiles },
                }),
              );
            }
            return;
          }
          pendingProfiles.push(record);
          profilesAccepted++;
        },
        onWindowLimit() {
          if (windowLimitReported) return;
          windowLimitReported = true;
          report(
            new DriftwatchError({
              code: 'INVALID_ARGUMENT',
              message: `${settings.maxOpenWindows} window profiles are open (maxOpenWindows); predictions of further model, version and segment combinations are logged but not profiled.`,
              details: { reason: 'too-many-windows', maxOpenWindows: settings.maxOpenWindows },
            }),
          );
        },
      })
    : undefined;

  // `log()` only copies the record and queues it; the checks, the window profile, sampling and the
  // ring buffer take the queue in one loop once it holds `pendingBatchSize` records, and before
  // every tick, flush and read of the counters, so nothing outside the logger can tell the
  // difference. The reason is the host's request path: code run once per prediction between a
  // web framework's own costs several times its instructions (instruction cache misses, under
  // callgrind's cache simulation), while a loop over a batch runs it hot.
  // An entry is a record `log()` copied (its build `undefined`), or a source and the build that
  // `logLater()` was given.
  // Two queues: the one `log()` writes to, and a spare that a batch being taken becomes once read.
  // Preallocated and reused, so queueing is three indexed stores, not three pushes into arrays
  // that grow again from empty after every batch.
  // A full store batch is still written at once, as soon as it is logged.
  const takeAt = Math.min(pendingBatchSize, settings.maxBatchSize);
  let pending = new PendingEntries(takeAt);
  let spare = new PendingEntries(takeAt);
  let taking = false;

  /** Checks, profiles and buffers the queued records, in the order they were logged. */
  function takePending(): void {
    // The batch is taken out first: a build or an onError hook that logs again queues into the
    // other queue, never into the batch being read. Those are taken in up to three more rounds
    // here, so that a hook logging on every call cannot loop forever.
    if (taking || pending.length === 0) return;
    taking = true;
    try {
      for (let round = 0; round < 4 && pending.length > 0; round++) {
        const batch = pending;
        pending = spare;
        try {
          takeBatch(batch);
        } finally {
          batch.clear();
          spare = batch;
        }
      }
    } finally {
      taking = false;
    }
    predictionExporter.kickIfFull();
  }

  function takeBatch(batch: PendingEntries): void {
    const { entries, builds, millis } = batch;
    for (let index = 0; index < batch.length; index++) {
      try {
        const build = builds[index];
        let record: PredictionRecord;
        if (build === undefined) {
          record = entries[index] as PredictionRecord;
        } else {
          const input = build(entries[index] as never);
          if (input === undefined) continue;
          record = copyInput(input, millis[index]!);
        }
        const problem = checkPredictionInput(record);
        if (problem !== undefined) {
          refuseInvalid(problem);
          continue;
        }
        const timestampMillis = record.timestamp === undefined ? millis[index]! : record.timestamp.getTime();
        if (profiler !== undefined) {
          try {
            profiler.add(record, timestampMillis);
          } catch (error) {
            // A profiling failure costs the profile, never the raw record.
            report(unexpected('profiling a prediction', error));
          }
        }
        if (rawSampleRate < 1 && !isSampledIn(record.id, rawSampleRate)) continue;
        if (ring.push(record, timestampMillis)) queued++;
        else refuseFull();
      } catch (error) {
        // Only a hostile input (a throwing getter, a revoked proxy) gets here, before it was buffered.
        dropped++;
        report(unexpected('logging a prediction', error));
      }
    }
  }

  function tick(): void {
    fullReported = false;
    invalidReported = false;
    windowLimitReported = false;
    profilesDroppedReported = false;
    try {
      takePending();
      profiler?.closeEnded(clock.now());
    } catch (error) {
      report(unexpected('closing window profiles', error));
    }
    predictionExporter.requestDrain();
    profileExporter.requestDrain();
  }
  const flushTimer = clock.setInterval(tick, settings.flushIntervalMillis);

  let retentionTimer: TimerHandle | undefined;
  let retentionInFlight: Promise<void> | undefined;
  const retentionDays = settings.retentionDays;
  function runRetention(): void {
    if (state !== 'open' || retentionDays === false) return;
    const cutoff = new Date(clock.now() - retentionDays * millisPerDay);
    retentionInFlight = Promise.resolve()
      .then(() => store.deleteBefore(cutoff))
      .then(
        () => undefined,
        (error: unknown) =>
          report(
            new DriftwatchError({
              code: 'STORE_FAILED',
              message: `Retention (deleteBefore ${cutoff.toISOString()}) failed: ${error instanceof Error ? error.message : String(error)}`,
              cause: error,
              details: { operation: 'deleteBefore', cutoff: cutoff.toISOString() },
            }),
          ),
      )
      .finally(() => {
        retentionInFlight = undefined;
      });
    retentionTimer = clock.setTimeout(runRetention, settings.retentionIntervalMillis);
  }
  if (retentionDays !== false) {
    const jitter = Math.min(1, Math.max(0, settings.random()));
    retentionTimer = clock.setTimeout(runRetention, jitter * settings.retentionIntervalMillis);
  }

  function idOf(input: unknown): string {
    const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id !== '' ? id : createPredictionId(clock.now());
  }

  function refuseAfterShutdown(input: unknown): string {
    dropped++;
    if (!shutdownReported) {
      shutdownReported = true;
      report(
        new DriftwatchError({
          code: 'SHUTDOWN',
          message: 'The prediction logger is shut down; predictions logged now are dropped.',
          details: { reason: 'shutdown' },
        }),
      );
    }
    return idOf(input);
  }

  function refuseInvalid(problem: string): void {
    dropped++;
    if (!invalidReported) {
      invalidReported = true;
      report(
        new DriftwatchError({
          code: 'VALIDATION_FAILED',
          message: `Dropped an invalid prediction: ${problem}.`,
          details: { reason: 'invalid', problem },
        }),
      );
    }
  }

  function refuseFull(): void {
    dropped++;
    if (!fullReported) {
      fullReported = true;
      report(
        new DriftwatchError({
          code: 'STORE_FAILED',
          message: `The prediction buffer is full (maxQueueSize ${settings.maxQueueSize}); dropping predictions until the store catches up. ${dropped} dropped so far.`,
          details: { reason: 'buffer-full', maxQueueSize: settings.maxQueueSize, dropped },
        }),
      );
    }
  }

  /**
   * A copy of `input`, so that a caller reusing its input object does not change what is logged.
   * The timestamp stays as given (checked with the rest in takePending); without one, the
   * record's Date is made at flush time (see stampRecord), not on the hot path. An invalid id is
   * kept, for the check to refuse.
   */
  function copyInput(input: PredictionInput, nowMillis: number): PredictionRecord {
    const id = input.id;
    return {
      id: id === undefined ? createPredictionId(nowMillis) : id,
      timestamp: input.timestamp as Date,
      modelName: input.modelName,
      modelVersion: input.modelVersion,
      features: input.features,
      prediction: input.prediction ?? emptyPrediction,
      latencyMillis: input.latencyMillis,
      segment: input.segment,
      requestId: input.requestId,
      status: input.status,
      errorMessage: input.errorMessage,
      cacheHit: input.cacheHit,
    };
  }

  function enqueue(entry: unknown, build: PendingBuild | undefined, nowMillis: number): void {
    if (pending.add(entry, build, nowMillis) >= takeAt) takePending();
  }

  function log(input: PredictionInput): string {
    try {
      if (state !== 'open') return refuseAfterShutdown(input);
      const nowMillis = clock.now();
      if (typeof input !== 'object' || input === null) {
        refuseInvalid('the record is not an object');
        return createPredictionId(nowMillis);
      }
      const record = copyInput(input, nowMillis);
      enqueue(record, undefined, nowMillis);
      const id = record.id;
      return typeof id === 'string' && id !== '' ? id : createPredictionId(nowMillis);
    } catch (error) {
      // Only a hostile input (a throwing getter, a revoked proxy) gets here, before it was queued.
      dropped++;
      report(unexpected('logging a prediction', error));
      return createPredictionId();
    }
  }

  function logLater<Source>(source: Source, build: (source: Source) => PredictionInput | undefined): void {
    try {
      if (state !== 'open') {
        // Built now all the same: the caller may count what its build sees.
        const input = build(source);
        if (input !== undefined) refuseAfterShutdown(input);
        return;
      }
      // The time of the call, not of the batch: a record built without a timestamp gets it.
      enqueue(source, build as PendingBuild, clock.now());
    } catch (error) {
      dropped++;
      report(unexpected('logging a prediction', error));
    }
  }

  /** Flushes profiles and predictions, waiting at most `flushTimeoutMillis`. Never rejects. */
  async function flushWithinTimeout(): Promise<void> {
    try {
      takePending();
      profiler?.closeAll();
    } catch (error) {
      report(unexpected('closing window profiles', error));
    }
    let timer: TimerHandle | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = clock.setTimeout(resolve, settings.flushTimeoutMillis);
    });
    try {
      await Promise.race([Promise.all([predictionExporter.flush(), profileExporter.flush(), retentionInFlight]), timedOut]);
    } finally {
      timer?.cancel();
    }
  }

  let flushing: Promise<void> | undefined;
  function forceFlush(): Promise<void> {
    if (state === 'shut-down') return Promise.resolve();
    // Concurrent calls share one flush: a second caller waits for the same records.
    flushing ??= flushWithinTimeout()
      .catch((error: unknown) => report(unexpected('flushing', error)))
      .finally(() => {
        flushing = undefined;
      });
    return flushing;
  }

  let shuttingDown: Promise<void> | undefined;
  function shutdown(): Promise<void> {
    shuttingDown ??= (async () => {
      state = 'shutting-down';
      flushTimer.cancel();
      retentionTimer?.cancel();
      try {
        await flushWithinTimeout();
      } catch (error) {
        report(unexpected('shutting down', error));
      } finally {
        predictionExporter.stop();
        profileExporter.stop();
        const unwritten = ring.size;
        if (unwritten > 0) {
          ring.remove(unwritten);
          failed += unwritten;
          report(
            new DriftwatchError({
              code: 'STORE_FAILED',
              message: `Shut down with ${unwritten} prediction${unwritten > 1 ? 's' : ''} not confirmed by the store within ${settings.flushTimeoutMillis} ms; counted as failed.`,
              details: { reason: 'shutdown-timeout', records: unwritten },
            }),
          );
        }
        if (pendingProfiles.length > 0) {
          report(
            new DriftwatchError({
              code: 'STORE_FAILED',
              message: `Shut down with ${pendingProfiles.length} window profile${pendingProfiles.length > 1 ? 's' : ''} not written.`,
              details: { reason: 'shutdown-timeout', windowProfiles: pendingProfiles.length },
            }),
          );
          pendingProfiles = [];
        }
        state = 'shut-down';
      }
    })();
    return shuttingDown;
  }

  return {
    log,
    logLater,
    get counters(): Readonly<PredictionLoggerCounters> {
      takePending();
      return Object.freeze({ queued, written, dropped, failed, storeErrors, buffered: ring.size });
    },
    forceFlush,
    shutdown,
  };
}

function unexpected(activity: string, error: unknown): DriftwatchError {
  return DriftwatchError.isInstance(error)
    ? error
    : new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `Unexpected error while ${activity}: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
        details: { activity },
      });
}
