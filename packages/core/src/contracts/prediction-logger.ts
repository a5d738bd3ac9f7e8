import type { PredictionRecord } from '../records/prediction-record.js';

/** Counters a prediction logger keeps since it started. */
export interface PredictionLoggerCounters {
  /** Records accepted into the buffer. */
  queued: number;
  /** Records the store confirmed. */
  written: number;
  /** Records refused because the buffer was full (or the logger shut down). */
  dropped: number;
  /** Records abandoned after the store kept failing past the retry budget. */
  failed: number;
  /** Write attempts that the store rejected (each retry counts). */
  storeErrors: number;
  /** Records waiting in the buffer now. */
  buffered: number;
}

/** What {@link PredictionLogger.log} accepts: a record whose id and timestamp are filled in when absent. */
export type PredictionInput = Omit<PredictionRecord, 'id' | 'timestamp'> & { id?: string; timestamp?: Date };

/**
 * Logs predictions off the request path. `log` is synchronous, never throws, and never waits
 * on I/O: records go into a bounded buffer that is written in batches. Implemented by
 * `createPredictionLogger`.
 *
 * Lifecycle: `forceFlush()` writes what is buffered; `shutdown()` flushes, stops the timers and
 * refuses further records. Both are idempotent.
 *
 * @example
 * ```ts
 * import type { PredictionLogger } from '@driftwatch/core';
 * function onPrediction(logger: PredictionLogger, features: Record<string, unknown>, score: number) {
 *   const id = logger.log({ modelName: 'churn', modelVersion: '1', features, prediction: { score } });
 *   return id; // send it back so outcomes can be joined later
 * }
 * ```
 */
export interface PredictionLogger {
  /** Queues a prediction and returns its id. Drops (and counts) it when the buffer is full. */
  log(record: PredictionInput): string;
  /**
   * Queues a prediction whose record is built later: `build(source)` runs in a batch with other
   * predictions, before the logger next profiles, writes or counts (on its next flush tick,
   * `forceFlush()`, `shutdown()`, a read of `counters`, or once enough are queued), and its
   * result is logged as by `log` (`undefined` logs nothing). For callers on a hot path, such as
   * the web middleware: the work of building and checking records then runs in a loop rather
   * than between a web framework's own code on every request. `source` must not change before
   * `build` runs; give the record an `id`. Without a `timestamp`, the record gets the logger
   * clock's time of the `logLater` call. Optional: the middleware calls `log` on loggers without it.
   */
  logLater?<Source>(source: Source, build: (source: Source) => PredictionInput | undefined): void;
  readonly counters: Readonly<PredictionLoggerCounters>;
  /** Writes everything buffered now; resolves when the store has confirmed or given up. */
  forceFlush(): Promise<void>;
  /** Flushes, then stops. Later `log` calls drop and count. */
  shutdown(): Promise<void>;
}
