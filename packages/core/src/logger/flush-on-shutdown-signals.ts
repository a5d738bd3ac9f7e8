import { DriftwatchError } from '@driftwatch/drift';
import { systemClock, type Clock } from '../contracts/clock.js';

/** The part of Node's `process` that {@link flushOnShutdownSignals} uses; pass a fake in tests. */
export interface ShutdownSignalProcess {
  readonly pid: number;
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  listenerCount(signal: NodeJS.Signals): number;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

/** Options for {@link flushOnShutdownSignals}. */
export interface FlushOnShutdownSignalsOptions {
  /** The signals to handle. @default ['SIGTERM', 'SIGINT'] */
  signals?: readonly NodeJS.Signals[];
  /**
   * Longest wait for the targets' `shutdown()`; the process then exits anyway. Keep it below
   * the platform's grace period (Kubernetes sends SIGKILL 30 s after SIGTERM by default).
   * @default 10000
   */
  timeoutMillis?: number;
  /** Hears about targets that reject, throw or time out. Called inside a guard. @default a one-line `console.warn` */
  onError?: (error: DriftwatchError) => void;
  /** Timers for the timeout. @default systemClock */
  clock?: Clock;
  /** The process to listen on and re-signal. @default process */
  process?: ShutdownSignalProcess;
}

const defaultSignals: readonly NodeJS.Signals[] = Object.freeze(['SIGTERM', 'SIGINT']);

/**
 * On SIGTERM or SIGINT, shuts the targets down (prediction loggers, stores, sinks, the Monitor)
 * in parallel, waiting at most `timeoutMillis`, then lets the signal do what it would have done
 * without us: when no other listener is registered for it, the listener removes itself and
 * re-sends the signal, so the process exits with the conventional status (128 + signal number)
 * as if it had not been caught. When the application has its own listener for the signal, the
 * process is left running and exiting is the application's call.
 *
 * The shutdown runs once: a repeated signal while it runs is ignored, since it is bounded by
 * the timeout anyway. Returns a function that removes the listeners; calling it again does nothing.
 * SIGKILL cannot be caught: whatever is buffered then is lost (see the prediction logger docs).
 *
 * @example
 * ```ts
 * import { createPredictionLogger, flushOnShutdownSignals } from '@driftwatch/core';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const store = createInMemoryEventStore();
 * const logger = createPredictionLogger({ store });
 * const unsubscribe = flushOnShutdownSignals([logger, store], { timeoutMillis: 5000 });
 * // later, if the application takes over signal handling:
 * unsubscribe();
 * ```
 */
export function flushOnShutdownSignals(
  targets: ReadonlyArray<{ shutdown(): Promise<void> }>,
  options: FlushOnShutdownSignalsOptions = {},
): () => void {
  const signals = options.signals ?? defaultSignals;
  const timeoutMillis = options.timeoutMillis ?? 10_000;
  const clock = options.clock ?? systemClock;
  const host = options.process ?? process;
  const onError = options.onError ?? ((error: DriftwatchError) => console.warn(`[driftwatch] ${error.message}`));
  if (!(timeoutMillis > 0 && Number.isFinite(timeoutMillis))) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `timeoutMillis must be a positive number, got ${timeoutMillis}.` });
  }

  let subscribed = true;
  let shuttingDown = false;

  function report(error: DriftwatchError): void {
    try {
      onError(error);
    } catch {
      // Nothing may stop the process from exiting.
    }
  }

  function unsubscribe(): void {
    if (!subscribed) return;
    subscribed = false;
    for (const signal of signals) host.off(signal, listener);
  }

  function shutdownTarget(target: { shutdown(): Promise<void> }, index: number): Promise<void> {
    return Promise.resolve()
      .then(() => target.shutdown())
      .catch((error: unknown) =>
        report(
          new DriftwatchError({
            code: 'SHUTDOWN',
            message: `Shutdown target ${index} failed: ${error instanceof Error ? error.message : String(error)}`,
            cause: error,
            details: { target: index },
          }),
        ),
      );
  }

  function listener(signal: NodeJS.Signals): void {
    if (shuttingDown) return;
    shuttingDown = true;
    let timer: { cancel(): void } | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = clock.setTimeout(() => resolve('timeout'), timeoutMillis);
    });
    const finished = Promise.all(targets.map(shutdownTarget)).then(() => 'done' as const);
    void Promise.race([finished, timedOut]).then((outcome) => {
      timer?.cancel();
      if (outcome === 'timeout') {
        report(
          new DriftwatchError({
            code: 'SHUTDOWN',
            message: `Shutdown targets did not finish within ${timeoutMillis} ms after ${signal}; exiting anyway.`,
            details: { signal, timeoutMillis },
          }),
        );
      }
      unsubscribe();
      // Re-raise only when nobody else handles the signal; otherwise the application decides.
      if (host.listenerCount(signal) === 0) host.kill(host.pid, signal);
    });
  }

  for (const signal of signals) host.on(signal, listener);
  return unsubscribe;
}
